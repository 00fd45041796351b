import { describe, expect, it } from 'vitest';
import { strictSchemaFault } from '../../../e2e/fake-openai/strictSchema';
import { draftFaultLines, draftToFiles } from '../../../src-shared/scenarioDraft/draftFiles';
import { scenarioDraftJsonSchema, type ScenarioDraft } from '../../../src-shared/scenarioDraft/draftSchema';

const tool = {
  name: 'lookup',
  description: 'Looks an order up.',
  runsOn: 'agent' as const,
  parametersJson: '{"type":"object","properties":{"id":{"type":"string"}},"required":["id"],"additionalProperties":false}',
  mockResultJson: '{"found":true}',
};

function draft(change: (draft: ScenarioDraft) => void = () => undefined): ScenarioDraft {
  const drafted: ScenarioDraft = {
    id: 'shop',
    name: 'Shop',
    description: 'A shop.',
    defaultAgent: 'greeter',
    agents: [
      { name: 'greeter', publicDescription: 'Greets.', voice: null, instructions: 'Greet.', handoffs: ['orders'], tools: [] },
      { name: 'orders', publicDescription: 'Orders.', voice: 'marin', instructions: 'Help with orders.', handoffs: [], tools: [{ ...tool }] },
    ],
    supervisor: null,
    escalation: null,
    guardrail: null,
    tests: [
      {
        name: 'finds an order',
        startAgent: 'orders',
        turns: [
          {
            user: 'where is order 12',
            expect: { toolCalls: ['lookup'], handoffTo: null, replyIncludes: ['found'], judge: 'Says the order was found' },
          },
          { user: 'thanks', expect: { toolCalls: [], handoffTo: null, replyIncludes: [], judge: null } },
        ],
      },
    ],
  };
  change(drafted);
  return drafted;
}

describe('a scenario draft as files', () => {
  it('becomes a scenario with its JSON text parsed and nulls left out, and a tests file naming it beside it', () => {
    const files = draftToFiles(draft());
    if (!files.ok) throw new Error(draftFaultLines(files.faults).join('\n'));
    expect(files.scenario.agents[1]!.tools[0]).toMatchObject({ parameters: { required: ['id'] }, mockResult: { found: true }, runsOn: 'agent' });
    expect(files.scenario.agents[0]).not.toHaveProperty('voice');
    expect(files.scenario.agents[1]!.voice).toBe('marin');
    expect(files.scenario).not.toHaveProperty('supervisor');
    expect(files.tests.scenario).toBe('./shop.json');
    expect(files.tests.tests[0]!.startAgent).toBe('orders');
    expect(files.tests.tests[0]!.turns![0]!.expect).toEqual({
      toolCalls: [{ name: 'lookup' }],
      replyIncludes: ['found'],
      judge: 'Says the order was found',
    });
    // A turn that expects nothing has no expect block.
    expect(files.tests.tests[0]!.turns![1]).toEqual({ user: 'thanks' });
    expect(draftToFiles(draft(), '../shop.json').ok && draftToFiles(draft(), '../shop.json')).toMatchObject({ tests: { scenario: '../shop.json' } });
  });

  it('keeps the supervisor, escalation and guardrail sections a draft has', () => {
    const files = draftToFiles(
      draft((drafted) => {
        drafted.agents[1]!.tools.push({ ...tool, name: 'decide', runsOn: 'escalation' }, { ...tool, name: 'ask', runsOn: 'supervisor' });
        drafted.supervisor = {
          instructions: 'Answer hard questions.',
          tools: [{ name: 'policy', description: 'Reads policy.', parametersJson: tool.parametersJson, mockResultJson: '"30 days"' }],
        };
        drafted.escalation = {
          instructions: 'Decide.',
          outputSchemaJson: '{"type":"object","properties":{"ok":{"type":"boolean"}},"required":["ok"],"additionalProperties":false}',
        };
        drafted.guardrail = {
          companyName: 'Shop',
          categories: [
            { name: 'OFF_BRAND', description: 'Off brand.' },
            { name: 'NONE', description: 'Fine.' },
          ],
        };
      }),
    );
    if (!files.ok) throw new Error(draftFaultLines(files.faults).join('\n'));
    expect(files.scenario.supervisor!.tools[0]!.mockResult).toBe('30 days');
    expect(files.scenario.escalation!.outputSchema.required).toEqual(['ok']);
    expect(files.scenario.guardrail!.categories.map((category) => category.name)).toEqual(['OFF_BRAND', 'NONE']);
  });

  it('reports every fault at once, at the draft’s own fields: bad JSON text, structure, references and what the tests name', () => {
    const files = draftToFiles(
      draft((drafted) => {
        drafted.agents[1]!.tools[0]!.parametersJson = '{"type": object}';
        drafted.agents[0]!.handoffs = ['billing'];
        drafted.agents[1]!.tools[0]!.runsOn = 'supervisor';
        drafted.guardrail = { companyName: 'Shop', categories: [{ name: 'off brand', description: 'x' }] };
        drafted.tests[0]!.turns[0]!.expect.toolCalls = ['refund'];
      }),
    );
    expect(files.ok).toBe(false);
    const lines = files.ok ? [] : draftFaultLines(files.faults);
    expect(lines).toContainEqual(expect.stringMatching(/^agents\[1\]\.tools\[0\]\.parametersJson: is not valid JSON text \(/));
    expect(lines).toContain('agents[0].handoffs[0]: names no agent of this scenario: billing');
    expect(lines).toContain('agents[1].tools[0].runsOn: is "supervisor" but the scenario has no supervisor section');
    expect(lines).toContainEqual(expect.stringMatching(/^guardrail\.categories\[0\]\.name: /));
    // The unparsed parameters are said once, as bad JSON text, not again as a missing object.
    expect(lines.filter((line) => line.startsWith('agents[1].tools[0].parametersJson'))).toHaveLength(1);
  });

  it('checks what the tests name against the drafted agents and tools, even when only the scenario’s references are at fault', () => {
    const files = draftToFiles(
      draft((drafted) => {
        drafted.defaultAgent = 'reception';
        drafted.tests[0]!.startAgent = 'billing';
        drafted.tests[0]!.turns[0]!.expect.toolCalls = ['refund'];
      }),
    );
    const lines = files.ok ? [] : draftFaultLines(files.faults);
    expect(lines).toContain('defaultAgent: names no agent of this scenario (agents: greeter, orders)');
    expect(lines).toContainEqual(expect.stringMatching(/^tests\[0\]\.startAgent: names no agent of the scenario shop: billing/));
    expect(lines).toContainEqual(expect.stringMatching(/^tests\[0\]\.turns\[0\]\.expect\.toolCalls\[0\]\.name: .*refund/));
  });

  it('is requested with a JSON Schema that strict Structured Outputs accept', () => {
    const schema = scenarioDraftJsonSchema();
    expect(strictSchemaFault(schema)).toBeUndefined();
    expect(JSON.stringify(schema)).not.toContain('$schema');
    expect(schema['required']).toEqual(expect.arrayContaining(['id', 'agents', 'tests', 'supervisor', 'guardrail']));
  });
});
