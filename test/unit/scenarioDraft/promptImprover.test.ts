import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { strictSchemaFault } from '../../../e2e/fake-openai/strictSchema';
import { IMPROVE_METAPROMPT_FILE, improveInput } from '../../../src-main/services/scenarioDraft/promptImprover';
import { readMetaprompt } from '../../../src-main/services/scenarioDraft/scenarioDrafter';
import { scenarioSchema } from '../../../src-shared/scenario';
import { improveAnswerJsonSchema, improveAnswerSchema } from '../../../src-shared/scenarioDraft/improveContract';

const scenario = scenarioSchema.parse({
  id: 'shop',
  name: 'Shop',
  description: 'A shop that takes returns.',
  defaultAgent: 'desk',
  agents: [
    {
      name: 'desk',
      publicDescription: 'Greets callers.',
      instructions: 'Say hello.',
      handoffs: ['returns'],
      tools: [{ name: 'lookup', description: 'Looks an order up.', parameters: { type: 'object', properties: {} } }],
    },
    { name: 'returns', publicDescription: 'Takes a return once the order is known.', instructions: 'Take returns.' },
  ],
});

describe('what Improve this prompt… tells the model', () => {
  it('gives the scenario, the agent, its tools, whom it hands off to and when, and the instructions between tags', () => {
    expect(improveInput(scenario, 'desk', 'Say hello warmly.')).toBe(
      [
        'Scenario: Shop — A shop that takes returns.',
        'Agent: desk — Greets callers.',
        'Tools:\n- lookup: Looks an order up.',
        'Hands off to:\n- returns: Takes a return once the order is known.',
        '<instructions>\nSay hello warmly.\n</instructions>',
      ].join('\n\n'),
    );
  });

  it('says so when the agent has no tools and no handoffs', () => {
    const input = improveInput(scenario, 'returns', 'Take returns.');
    expect(input).toContain('Tools:\n(none)');
    expect(input).toContain('Hands off to:\n(no other agent)');
  });

  it('names an agent the scenario does not have', () => {
    expect(() => improveInput(scenario, 'nobody', 'x')).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'agent' }));
  });
});

describe('the improve metaprompt and answer', () => {
  it('is read as version v1 without its maintainers’ comments', async () => {
    const metaprompt = await readMetaprompt(join(import.meta.dirname, '../../../resources/metaprompt'), IMPROVE_METAPROMPT_FILE);
    expect(metaprompt.version).toBe('v1');
    expect(metaprompt.instructions).toMatch(/^You improve the instructions of one realtime voice agent/);
    expect(metaprompt.instructions).not.toContain('<!--');
    expect(metaprompt.instructions).toContain('Confirmation:');
  });

  it('asks for an answer schema that strict Structured Outputs accepts, and checks the answer', () => {
    expect(strictSchemaFault(improveAnswerJsonSchema as never)).toBeUndefined();
    expect(improveAnswerSchema.safeParse({ instructions: 'States: …', changes: ['Added states.'] }).success).toBe(true);
    expect(improveAnswerSchema.safeParse({ instructions: '  ', changes: [] }).success).toBe(false);
  });
});
