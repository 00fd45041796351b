import { describe, expect, it, vi } from 'vitest';

/**
 * The scenario schema's rules one by one. The schemas are module-level values, so each test takes them from a
 * fresh import: one imported at the top would be built before a mutation-testing run switches a change on.
 */
async function scenarioModule() {
  vi.resetModules();
  return import('../../../src-shared/scenario');
}

const tool = {
  name: 'lookup',
  description: 'Looks an order up',
  parameters: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
};
const agent = { name: 'greeter', publicDescription: 'Greets', instructions: 'Greet.' };
const scenario = { id: 'demo', name: 'Demo', description: 'A demo.', defaultAgent: 'greeter', agents: [agent] };

/** The issues a value raises, as `path: message` lines. */
async function issues(value: unknown): Promise<string[]> {
  const { scenarioSchema } = await scenarioModule();
  const result = scenarioSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('the scenario schema', () => {
  it('fills in an agent’s handoffs and tools, and where a tool runs, when they are left out', async () => {
    const { scenarioSchema } = await scenarioModule();
    const parsed = scenarioSchema.parse({ ...scenario, agents: [{ ...agent, tools: [tool] }] });
    expect(parsed.agents[0]).toEqual({ ...agent, handoffs: [], tools: [{ ...tool, runsOn: 'agent' }] });
    const bare = scenarioSchema.parse({ ...scenario, supervisor: { instructions: 'Decide.' } });
    expect(bare.agents[0]!.tools).toEqual([]);
    expect(bare.supervisor).toEqual({ instructions: 'Decide.', tools: [] });
  });

  it('runs a tool on the agent, the supervisor or the escalation model, and nowhere else', async () => {
    for (const runsOn of ['agent', 'supervisor', 'escalation']) {
      const withSections = {
        ...scenario,
        supervisor: { instructions: 'S.' },
        escalation: { instructions: 'E.', outputSchema: { type: 'object', properties: {} } },
      };
      expect(await issues({ ...withSections, agents: [{ ...agent, tools: [{ ...tool, runsOn }] }] }), runsOn).toEqual([]);
    }
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, runsOn: 'moon' }] }] })).toHaveLength(1);
  });

  it('wants names that start with a letter and hold only letters, digits and _, up to 64', async () => {
    const message = 'must start with a letter and hold only letters, digits and _ (64 at most)';
    expect(await issues({ ...scenario, id: `a${'b'.repeat(63)}` })).toEqual([]);
    expect(await issues({ ...scenario, id: 'x' })).toEqual([]);
    expect(await issues({ ...scenario, id: 'my_scenario_2' })).toEqual([]);
    for (const id of [`a${'b'.repeat(64)}`, '2fast', '_x', 'has space', 'dash-ed', 'end!', '!start']) {
      expect(await issues({ ...scenario, id }), id).toEqual([`id: ${message}`]);
    }
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, name: 'look up' }] }] })).toEqual([
      `agents.0.tools.0.name: ${message}`,
    ]);
  });

  it('wants text in every descriptive field, and at least one agent', async () => {
    for (const field of ['name', 'description']) expect(await issues({ ...scenario, [field]: '' }), field).toHaveLength(1);
    for (const field of ['publicDescription', 'instructions', 'voice']) {
      expect(await issues({ ...scenario, agents: [{ ...agent, [field]: '' }] }), field).toHaveLength(1);
    }
    expect(await issues({ ...scenario, agents: [{ ...agent, voice: 'sage', publicDescription: 'Greets callers politely.' }] })).toEqual([]);
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, description: '' }] }] })).toHaveLength(1);
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, description: 'Looks an order up by its id.' }] }] })).toEqual([]);
    expect((await issues({ ...scenario, agents: [] })).length).toBeGreaterThan(0);
    expect(await issues({ ...scenario, agents: [agent, { ...agent, name: 'helper' }] })).toEqual([]);
    expect(await issues({ ...scenario, supervisor: { instructions: '' } })).toHaveLength(1);
    expect(await issues({ ...scenario, supervisor: { instructions: 'Decide carefully.' } })).toEqual([]);
    expect(await issues({ ...scenario, escalation: { instructions: '', outputSchema: { type: 'object', properties: {} } } })).toHaveLength(1);
    expect(await issues({ ...scenario, escalation: { instructions: 'Decide.', outputSchema: { type: 'object', properties: {} } } })).toEqual([]);
  });

  it('refuses fields it does not know, in a tool as anywhere', async () => {
    expect(await issues({ ...scenario, colour: 'blue' })).toHaveLength(1);
    expect(await issues({ ...scenario, agents: [{ ...agent, colour: 'blue' }] })).toHaveLength(1);
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, colour: 'blue' }] }] })).toHaveLength(1);
    expect(await issues({ ...scenario, supervisor: { instructions: 'S.', colour: 'blue' } })).toHaveLength(1);
    expect(
      await issues({ ...scenario, guardrail: { companyName: 'Ridgeline', categories: [{ name: 'NONE', description: 'Fine.', colour: 'x' }] } }),
    ).toHaveLength(1);
  });

  it('wants tool parameters as an object schema whose required properties are among its properties', async () => {
    expect(
      await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, parameters: { ...tool.parameters, required: ['id', 'phone'] } }] }] }),
    ).toEqual(['agents.0.tools.0.parameters.required: lists a required property that is not among its properties']);
    expect(await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, parameters: { type: 'array', properties: {} } }] }] })).toHaveLength(
      1,
    );
    expect(
      await issues({ ...scenario, agents: [{ ...agent, tools: [{ ...tool, parameters: { type: 'object', properties: {}, strict: true } }] }] }),
    ).toEqual([]);
  });

  it('wants guardrail categories in UPPER_SNAKE_CASE, with a NONE among them', async () => {
    const guardrail = (names: string[]) => ({
      ...scenario,
      guardrail: { companyName: 'Ridgeline', categories: names.map((name) => ({ name, description: `${name}.` })) },
    });
    expect(await issues(guardrail(['NONE', 'OFF_BRAND', 'X']))).toEqual([]);
    for (const name of ['off_brand', 'OFF-BRAND', 'xOFF', 'OFFx', '_OFF']) {
      expect(await issues(guardrail(['NONE', name])), name).toEqual(['guardrail.categories.1.name: must be UPPER_SNAKE_CASE, e.g. OFF_BRAND']);
    }
    expect(await issues(guardrail(['OFF_BRAND']))).toEqual(['guardrail.categories: must include a NONE category for acceptable output']);
    expect((await issues(guardrail([]))).length).toBeGreaterThan(0);
    expect(await issues({ ...scenario, guardrail: { companyName: '', categories: [{ name: 'NONE', description: 'Fine.' }] } })).toHaveLength(1);
    expect(await issues({ ...scenario, guardrail: { companyName: 'Ridgeline', categories: [{ name: 'NONE', description: '' }] } })).toHaveLength(1);
  });

  it('reports a reference to a missing agent as an issue of its own field', async () => {
    const { scenarioSchema } = await scenarioModule();
    const result = scenarioSchema.safeParse({ ...scenario, defaultAgent: 'ghost' });
    expect(result.error!.issues).toEqual([
      expect.objectContaining({ code: 'custom', path: ['defaultAgent'], message: 'names no agent of this scenario (agents: greeter)' }),
    ]);
  });

  it('finds reference faults in a file read loosely, whatever shape its parts have', async () => {
    const { scenarioReferenceIssues } = await scenarioModule();
    expect(scenarioReferenceIssues(null)).toEqual([]);
    expect(scenarioReferenceIssues({ defaultAgent: 'a', agents: 'none' })).toEqual([
      { path: ['defaultAgent'], message: 'names no agent of this scenario (agents: none)' },
    ]);
    expect(scenarioReferenceIssues({ agents: [null, 'a', { name: 'a', handoffs: 'b', tools: [null, { runsOn: 'supervisor' }] }] })).toEqual([
      { path: ['agents', 2, 'tools', 1, 'runsOn'], message: 'is "supervisor" but the scenario has no supervisor section' },
    ]);
  });
});

describe('the scenario catalog', () => {
  it('marks each scenario as shipped or the user’s, and nothing else', async () => {
    const { scenarioCatalogSchema } = await scenarioModule();
    const entry = (origin: string) => ({ ...scenario, source: { path: '/s/demo.json', origin } });
    const catalog = (origin: string) => ({ scenarios: [entry(origin)], problems: [], userFolder: '/s' });
    expect(scenarioCatalogSchema.parse(catalog('builtin')).scenarios[0]!.source).toEqual({ path: '/s/demo.json', origin: 'builtin' });
    expect(scenarioCatalogSchema.safeParse(catalog('user')).success).toBe(true);
    expect(scenarioCatalogSchema.safeParse(catalog('downloaded')).success).toBe(false);
    expect(scenarioCatalogSchema.safeParse({ ...catalog('user'), scenarios: [{ ...scenario }] }).success).toBe(false);
  });

  it('carries each problem’s file, line, field and message', async () => {
    const { scenarioProblemSchema } = await scenarioModule();
    const problem = { path: '/s/x.json', line: 4, field: 'description', message: 'should not be empty' };
    expect(scenarioProblemSchema.parse(problem)).toEqual(problem);
    expect(scenarioProblemSchema.safeParse({ ...problem, line: 0 }).success).toBe(false);
    expect(scenarioProblemSchema.safeParse({ path: '/s/x.json' }).success).toBe(false);
  });
});
