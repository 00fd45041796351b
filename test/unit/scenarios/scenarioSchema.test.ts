import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../../src-shared/scenario';
import { parseScenarioFile } from '../../../src-shared/scenarioFile';

const shipped = ['chatSupervisor', 'simpleHandoff', 'customerServiceRetail'];

/** A scenario file as loose JSON, for breaking one field at a time. */
interface Draft {
  defaultAgent: string;
  agents: { handoffs: string[]; tools: unknown[]; [field: string]: unknown }[];
  guardrail: { categories: unknown[] };
}

async function shippedScenario(id: string): Promise<Draft> {
  return JSON.parse(await readFile(`agent-configs/${id}.json`, 'utf8')) as Draft;
}

describe('the scenario schema', () => {
  it.each(shipped)('accepts the shipped %s scenario', async (id) => {
    expect(scenarioSchema.safeParse(await shippedScenario(id)).success).toBe(true);
  });

  it('wires the shipped scenarios as the product describes', async () => {
    const chat = scenarioSchema.parse(await shippedScenario('chatSupervisor'));
    expect(chat.agents[0]!.tools.map((tool) => [tool.name, tool.runsOn])).toEqual([['getNextResponseFromSupervisor', 'supervisor']]);
    expect(chat.supervisor?.tools.map((tool) => tool.name)).toEqual(['lookupPolicyDocument', 'getUserAccountInfo', 'findNearestStore']);
    const retail = scenarioSchema.parse(await shippedScenario('customerServiceRetail'));
    expect(retail.agents.map((agent) => agent.name)).toEqual(['authentication', 'returns', 'sales', 'simulatedHuman']);
    expect(retail.agents.find((agent) => agent.name === 'returns')?.tools.find((tool) => tool.runsOn === 'escalation')?.name).toBe(
      'checkEligibilityAndPossiblyInitiateReturn',
    );
    for (const agent of retail.agents) expect(agent.handoffs.length).toBeGreaterThanOrEqual(3);
    const handoff = scenarioSchema.parse(await shippedScenario('simpleHandoff'));
    expect(handoff.agents.find((agent) => agent.name === 'greeter')?.handoffs).toEqual(['haikuWriter']);
  });

  it.each([
    [
      'a handoff to a missing agent',
      (s: Draft) => (s.agents[0]!.handoffs = ['ghost']),
      'agents[0].handoffs[0]',
      'names no agent of this scenario: ghost',
    ],
    ['a default agent that does not exist', (s: Draft) => (s.defaultAgent = 'ghost'), 'defaultAgent', 'names no agent'],
    [
      'a tool name with spaces',
      (s: Draft) => (s.agents[0]!.tools = [{ name: 'bad name', description: 'x', parameters: { type: 'object', properties: {} } }]),
      'agents[0].tools[0].name',
      'must start with a letter',
    ],
    [
      'a supervisor tool without a supervisor section',
      (s: Draft) => (s.agents[0]!.tools = [{ name: 'ask', description: 'x', runsOn: 'supervisor', parameters: { type: 'object', properties: {} } }]),
      'agents[0].tools[0].runsOn',
      'no supervisor section',
    ],
    [
      'a required parameter that is not a property',
      (s: Draft) => (s.agents[0]!.tools = [{ name: 'ask', description: 'x', parameters: { type: 'object', properties: {}, required: ['q'] } }]),
      'agents[0].tools[0].parameters.required',
      'not among its properties',
    ],
    [
      'guardrail categories without NONE',
      (s: Draft) => (s.guardrail.categories = [{ name: 'OFFENSIVE', description: 'x' }]),
      'guardrail.categories',
      'NONE',
    ],
    ['an unknown field', (s: Draft) => (s.agents[0]!.colour = 'blue'), 'agents[0].colour', 'is not a field here'],
  ])('refuses %s, naming the field', async (_label, breakIt, field, message) => {
    const scenario = await shippedScenario('simpleHandoff');
    breakIt(scenario);
    const parsed = parseScenarioFile('/scenarios/x.json', JSON.stringify(scenario, null, 2));
    expect(parsed).toEqual({
      problems: [expect.objectContaining({ path: '/scenarios/x.json', field, message: expect.stringContaining(message) })],
    });
  });
});

describe('a scenario file', () => {
  const lines = (...rows: string[]) => `${rows.join('\n')}\n`;

  it('reports every fault at once, each with its own line and field, in plain words', () => {
    const text = lines(
      '{',
      '  "id": "x",',
      '  "name": "X",',
      '  "description": "",',
      '  "defaultAgent": "a",',
      '  "agents": [',
      '    { "name": "a", "publicDescription": "p", "instructions": "i" },',
      '    {',
      '      "name": "b",',
      '      "publicDescription": "p",',
      '      "instructions": ["one", "two"],',
      '      "tools": [{ "name": "t", "description": "d", "runsOn": "moon", "parameters": { "type": "object", "properties": {} } }]',
      '    }',
      '  ]',
      '}',
    );
    const parsed = parseScenarioFile('/s/x.json', text);
    expect(parsed).toEqual({
      problems: [
        { path: '/s/x.json', line: 4, field: 'description', message: 'line 4, description: should not be empty' },
        { path: '/s/x.json', line: 11, field: 'agents[1].instructions', message: 'line 11, agents[1].instructions: should be text, found a list' },
        {
          path: '/s/x.json',
          line: 12,
          field: 'agents[1].tools[0].runsOn',
          message: 'line 12, agents[1].tools[0].runsOn: should be one of "agent", "supervisor", "escalation", found "moon"',
        },
      ],
    });
  });

  it('points an unknown key at the line of the key itself, not of the object that holds it', () => {
    const text = lines(
      '{',
      '  "id": "x", "name": "X", "description": "d", "defaultAgent": "a",',
      '  "agents": [',
      '    {',
      '      "name": "a",',
      '      "publicDescription": "p",',
      '      "instructions": "i",',
      '      "colour": "blue"',
      '    }',
      '  ]',
      '}',
    );
    expect(parseScenarioFile('/s/x.json', text)).toEqual({
      problems: [
        {
          path: '/s/x.json',
          line: 8,
          field: 'agents[0].colour',
          message: 'line 8, agents[0].colour: is not a field here; check its spelling and where it is nested',
        },
      ],
    });
  });

  it('reports a handoff to a missing agent even while a structural fault is present', () => {
    const text = lines(
      '{',
      '  "id": "x", "name": "X", "description": "d", "defaultAgent": "a",',
      '  "agents": [',
      '    {',
      '      "name": "a",',
      '      "publicDescription": "p",',
      '      "instructions": 42,',
      '      "handoffs": ["ghost"]',
      '    }',
      '  ]',
      '}',
    );
    expect(parseScenarioFile('/s/x.json', text)).toEqual({
      problems: [
        expect.objectContaining({
          line: 7,
          field: 'agents[0].instructions',
          message: 'line 7, agents[0].instructions: should be text, found a number',
        }),
        expect.objectContaining({
          line: 8,
          field: 'agents[0].handoffs[0]',
          message: 'line 8, agents[0].handoffs[0]: names no agent of this scenario: ghost',
        }),
      ],
    });
  });

  it('says a missing field is missing, at the line of the object that lacks it', () => {
    const text = lines(
      '{',
      '  "id": "x", "name": "X", "description": "d", "defaultAgent": "a",',
      '  "agents": [',
      '    { "name": "a", "instructions": "i" }',
      '  ]',
      '}',
    );
    expect(parseScenarioFile('/s/x.json', text)).toEqual({
      problems: [
        expect.objectContaining({
          line: 4,
          field: 'agents[0].publicDescription',
          message: 'line 4, agents[0].publicDescription: is missing; it should be text',
        }),
      ],
    });
  });

  it('reports a JSON syntax error with its line', () => {
    expect(parseScenarioFile('/s/y.json', '{\n  "id": "y",\n  "name": oops\n}')).toEqual({
      problems: [expect.objectContaining({ path: '/s/y.json', line: 3, message: expect.stringMatching(/^line 3: not valid JSON/) })],
    });
  });
});
