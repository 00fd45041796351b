import { describe, expect, it } from 'vitest';
import { agentGraphOf, edgeKey, emptyHandoffs, reduceHandoffs, type HandoffState } from '../../src-shared/agentGraph';
import type { AgentConfig } from '../../src-shared/scenario';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { stream } from './streamFixtures';

const agent = (name: string, handoffs: string[]): AgentConfig => ({
  name,
  publicDescription: `${name} desk`,
  instructions: `You are ${name}.`,
  handoffs,
  tools: [],
});

const retail = {
  defaultAgent: 'authentication',
  agents: [
    agent('authentication', ['returns', 'sales']),
    agent('returns', ['authentication', 'sales']),
    agent('sales', ['authentication']),
    agent('simulatedHuman', []),
  ],
};

/** A session that hands off, is switched by hand, hands off the same way again, and reconnects. */
const session = stream(
  ['app', 'session.started', { sessionId: 's1', agent: 'authentication' }],
  ['server', 'response.output_item.done', { item: { type: 'function_call', call_id: 'h1', name: 'transfer_to_returns', arguments: '{}' } }],
  ['app', 'agent.changed', { from: 'authentication', to: 'returns', reason: 'handoff' }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', delta: 'Hello' }],
  ['app', 'agent.changed', { from: 'returns', to: 'authentication', reason: 'user' }],
  ['client', 'session.update', { session: {} }],
  ['app', 'agent.changed', { from: 'authentication', to: 'returns', reason: 'handoff' }],
  ['app', 'agent.changed', { from: 'returns', to: 'sales', reason: 'handoff' }],
  ['app', 'session.state', { status: 'idle' }],
  ['app', 'session.started', { sessionId: 's2', agent: 'sales' }],
  ['app', 'agent.changed', { from: 'sales', to: 'authentication', reason: 'handoff' }],
  ['server', 'agent.changed', { from: 'sales', to: 'returns', reason: 'handoff' }],
);

function inChunks(events: readonly SessionEvent[], size: number): HandoffState {
  let state = emptyHandoffs;
  for (let index = 0; index < events.length; index += size) state = reduceHandoffs(state, events.slice(index, index + size));
  return state;
}

describe('the handoffs a session took', () => {
  it.each([1, 2, 3, 7, session.length])('are the same fed in chunks of %i as fed whole', (size) => {
    expect(inChunks(session, size)).toEqual(reduceHandoffs(emptyHandoffs, session));
  });

  it('counts each handoff per direction, remembers when it was first taken, and ignores switches made by hand', () => {
    const state = reduceHandoffs(emptyHandoffs, session);
    expect(state.activeAgent).toBe('authentication');
    expect([...state.taken.values()]).toEqual([
      { from: 'authentication', to: 'returns', count: 2, firstSeq: 2, firstT: 20 },
      { from: 'returns', to: 'sales', count: 1, firstSeq: 7, firstT: 70 },
      { from: 'sales', to: 'authentication', count: 1, firstSeq: 10, firstT: 100 },
    ]);
  });

  it('follows the active agent from the start agent through handoffs and manual switches', () => {
    const activeAfter = (count: number) => reduceHandoffs(emptyHandoffs, session.slice(0, count)).activeAgent;
    expect(activeAfter(0)).toBeUndefined();
    expect(activeAfter(1)).toBe('authentication');
    expect(activeAfter(3)).toBe('returns');
    expect(activeAfter(5)).toBe('authentication');
    expect(activeAfter(10)).toBe('sales');
  });

  it('gives back the same state for a batch that changes nothing, so views do not redraw', () => {
    const state = reduceHandoffs(emptyHandoffs, session.slice(0, 3));
    expect(reduceHandoffs(state, session.slice(3, 4))).toBe(state);
  });

  it('does not change an earlier state when a later batch takes a handoff again', () => {
    const first = reduceHandoffs(emptyHandoffs, session.slice(0, 3));
    reduceHandoffs(first, session.slice(3));
    expect(first.taken.get(edgeKey('authentication', 'returns'))?.count).toBe(1);
  });
});

describe('the agent graph of a scenario in a session', () => {
  it('has a node per agent and an edge per declared handoff, with the active agent and the taken edges marked', () => {
    const graph = agentGraphOf(retail, reduceHandoffs(emptyHandoffs, session.slice(0, 8)));
    expect(graph.nodes.map((node) => [node.agent.name, node.active, node.isDefault])).toEqual([
      ['authentication', false, true],
      ['returns', false, false],
      ['sales', true, false],
      ['simulatedHuman', false, false],
    ]);
    expect(
      graph.edges.map((edge) => `${edge.id} ${edge.declared ? 'declared' : 'undeclared'} ${edge.hasReverse ? '↔' : '→'} ×${edge.taken?.count ?? 0}`),
    ).toEqual([
      'authentication>returns declared ↔ ×2',
      'authentication>sales declared ↔ ×0',
      'returns>authentication declared ↔ ×0',
      'returns>sales declared → ×1',
      'sales>authentication declared ↔ ×0',
    ]);
  });

  it('adds a handoff the log took but the scenario does not declare, between agents it has', () => {
    const taken = reduceHandoffs(emptyHandoffs, [
      { seq: 0, t: 0, direction: 'app', type: 'agent.changed', payload: { from: 'sales', to: 'returns', reason: 'handoff' } },
      { seq: 1, t: 5, direction: 'app', type: 'agent.changed', payload: { from: 'returns', to: 'ghost', reason: 'handoff' } },
    ]);
    const graph = agentGraphOf(retail, taken);
    expect(graph.edges.find((edge) => edge.id === 'sales>returns')).toMatchObject({ declared: false, hasReverse: true, taken: { count: 1 } });
    expect(graph.edges.some((edge) => edge.to === 'ghost')).toBe(false);
  });
});
