import { describe, expect, it } from 'vitest';
import { noAppliedPrompts, reduceAppliedPrompts, withAppliedPrompts } from '../../src-shared/appliedPrompts';
import type { Scenario } from '../../src-shared/scenario';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const event = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>): SessionEvent => ({
  seq: seq++,
  t: seq * 100,
  direction,
  type,
  payload,
});

const scenario = {
  id: 'demo',
  name: 'Demo',
  defaultAgent: 'greeter',
  agents: [
    {
      name: 'greeter',
      publicDescription: 'Greets',
      instructions: 'Greet the user.',
      handoffs: ['helper'],
      tools: [
        { name: 'lookup', description: 'Looks things up', parameters: { type: 'object', properties: {} }, runsOn: 'agent' },
        { name: 'other', description: 'Another tool', parameters: { type: 'object', properties: {} }, runsOn: 'agent' },
      ],
    },
    { name: 'helper', publicDescription: 'Helps', instructions: 'Help.', handoffs: [], tools: [] },
  ],
} as unknown as Scenario;

describe('applied prompts', () => {
  it('folds each agent’s last applied prompt, whole or one event at a time, and ignores everything else', () => {
    seq = 0;
    const events = [
      event('app', 'session.started', {}),
      event('app', 'prompt.applied', { agent: 'greeter', instructions: 'Talk like a pirate.', toolDescriptions: { lookup: 'Finds orders' } }),
      event('server', 'prompt.applied', { agent: 'helper', instructions: 'not from the app' }),
      event('app', 'prompt.applied', { agent: 'helper', toolDescriptions: {} }),
      event('app', 'prompt.applied', { agent: 'greeter', instructions: 'Talk like a poet.', toolDescriptions: { lookup: 'Finds orders', junk: 4 } }),
    ];
    const whole = reduceAppliedPrompts(noAppliedPrompts, events);
    expect([...whole]).toEqual([['greeter', { instructions: 'Talk like a poet.', tools: { lookup: 'Finds orders' }, t: 500 }]]);
    expect(events.reduce((state, one) => reduceAppliedPrompts(state, [one]), noAppliedPrompts)).toEqual(whole);
    // Nothing applied: the very same state back, so views do not re-render.
    expect(reduceAppliedPrompts(whole, [event('app', 'mic.state', { live: true })])).toBe(whole);
  });

  it('takes tool descriptions only from an object, and an applied prompt only from an app event naming its agent', () => {
    seq = 0;
    for (const toolDescriptions of [null, 'Finds orders', ['Finds orders'], 7]) {
      const state = reduceAppliedPrompts(noAppliedPrompts, [
        event('app', 'prompt.applied', { agent: 'greeter', instructions: 'Hi.', toolDescriptions }),
      ]);
      expect(state.get('greeter')?.tools).toEqual({});
    }
    const ignored = [
      event('app', 'prompt.edited', { agent: 'greeter', instructions: 'Not applied yet.' }),
      event('app', 'prompt.applied', { agent: 7, instructions: 'No agent named.' }),
      event('app', 'prompt.applied', { instructions: 'No agent at all.' }),
    ];
    expect(reduceAppliedPrompts(noAppliedPrompts, ignored)).toBe(noAppliedPrompts);
  });

  it('puts the applied prompts into the scenario, leaving other agents and tools as they were', () => {
    seq = 0;
    const applied = reduceAppliedPrompts(noAppliedPrompts, [
      event('app', 'prompt.applied', { agent: 'greeter', instructions: 'Talk like a pirate.', toolDescriptions: { lookup: 'Finds orders' } }),
    ]);
    const shown = withAppliedPrompts(scenario, applied);
    expect(shown.agents[0]!.instructions).toBe('Talk like a pirate.');
    expect(shown.agents[0]!.tools.map((tool) => tool.description)).toEqual(['Finds orders', 'Another tool']);
    expect(shown.agents[1]).toBe(scenario.agents[1]);
    expect(scenario.agents[0]!.instructions).toBe('Greet the user.');
    expect(withAppliedPrompts(scenario, noAppliedPrompts)).toBe(scenario);
  });
});
