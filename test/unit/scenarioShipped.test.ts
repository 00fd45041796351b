import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { scenarioSchema, type JsonSchemaObject, type Scenario } from '../../src-shared/scenario';

async function shipped(id: string): Promise<Scenario> {
  return scenarioSchema.parse(JSON.parse(await readFile(`agent-configs/${id}.json`, 'utf8')));
}

function toolsOf(scenario: Scenario) {
  return [...scenario.agents.flatMap((agent) => agent.tools), ...(scenario.supervisor?.tools ?? [])];
}

function toolOf(scenario: Scenario, name: string) {
  const tool = toolsOf(scenario).find((candidate) => candidate.name === name);
  if (!tool) throw new Error(`${scenario.id} has no tool ${name}`);
  return tool;
}

function parameterNames(parameters: JsonSchemaObject): string[] {
  return Object.keys(parameters.properties);
}

describe.each(['chatSupervisor', 'simpleHandoff', 'customerServiceRetail'])('the shipped %s scenario', (id) => {
  it('has its file name as its id', async () => {
    expect((await shipped(id)).id).toBe(id);
  });

  it('declares every tool in the strict form the Realtime and Responses APIs accept', async () => {
    for (const { name, parameters } of toolsOf(await shipped(id))) {
      expect({ name, additionalProperties: parameters.additionalProperties }).toEqual({ name, additionalProperties: false });
      expect({ name, required: [...(parameters.required ?? [])].sort() }).toEqual({ name, required: parameterNames(parameters).sort() });
    }
  });

  it('guards its output against OFFENSIVE, OFF_BRAND and VIOLENCE, with NONE for acceptable output', async () => {
    const { guardrail } = await shipped(id);
    expect(guardrail?.companyName).not.toBe('');
    expect(guardrail?.categories.map((category) => category.name)).toEqual(['OFFENSIVE', 'OFF_BRAND', 'VIOLENCE', 'NONE']);
  });
});

describe('chatSupervisor', () => {
  it('has one chat agent whose only tool asks the supervisor for its next words', async () => {
    const scenario = await shipped('chatSupervisor');
    expect(scenario.agents.map((agent) => agent.name)).toEqual(['chatAgent']);
    const [tool, ...others] = scenario.agents[0]!.tools;
    expect(others).toEqual([]);
    expect(tool).toMatchObject({ name: 'getNextResponseFromSupervisor', runsOn: 'supervisor' });
    expect(parameterNames(tool!.parameters)).toEqual(['relevantContextFromLastUserMessage']);
    expect(scenario.agents[0]!.instructions).toMatch(/filler/);
    expect(scenario.agents[0]!.instructions).toMatch(/word for word/);
  });

  it('gives the supervisor policy, account and store tools with mock results', async () => {
    const scenario = await shipped('chatSupervisor');
    expect(scenario.supervisor?.tools.map((tool) => [tool.name, parameterNames(tool.parameters)])).toEqual([
      ['lookupPolicyDocument', ['topic']],
      ['getUserAccountInfo', ['phone_number']],
      ['findNearestStore', ['zip_code']],
    ]);
    expect(toolOf(scenario, 'lookupPolicyDocument').mockResult).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: expect.any(String) as string, text: expect.any(String) as string })]),
    );
    expect(toolOf(scenario, 'getUserAccountInfo').mockResult).toMatchObject({
      name: expect.any(String) as string,
      plan: expect.any(String) as string,
      balance: '$50.00',
      phone_number: '(206) 135-1246',
      last_bill: { due_date: 'May 28' },
    });
    expect(toolOf(scenario, 'findNearestStore').mockResult).toEqual([
      expect.objectContaining({ address: expect.any(String) as string, hours: expect.any(String) as string }),
      expect.objectContaining({ address: expect.any(String) as string, hours: expect.any(String) as string }),
    ]);
  });
});

describe('simpleHandoff', () => {
  it('has a greeter that hands off to a haiku writer with another voice', async () => {
    const [greeter, haikuWriter, ...others] = (await shipped('simpleHandoff')).agents;
    expect(others).toEqual([]);
    expect(greeter).toMatchObject({ name: 'greeter', handoffs: ['haikuWriter'] });
    expect(haikuWriter).toMatchObject({ name: 'haikuWriter' });
    expect(greeter?.voice).not.toBe(haikuWriter?.voice);
  });
});

describe('customerServiceRetail', () => {
  it('starts at authentication, and every agent can hand off to each of the others', async () => {
    const scenario = await shipped('customerServiceRetail');
    const names = scenario.agents.map((agent) => agent.name);
    expect(scenario.defaultAgent).toBe('authentication');
    expect(names).toEqual(['authentication', 'returns', 'sales', 'simulatedHuman']);
    for (const agent of scenario.agents) expect([...agent.handoffs].sort()).toEqual(names.filter((name) => name !== agent.name).sort());
  });

  it('verifies the caller through an explicit state machine and a tool that succeeds', async () => {
    const scenario = await shipped('customerServiceRetail');
    const authentication = scenario.agents[0]!;
    for (const state of ['greeting', 'get_name', 'get_phone', 'get_last4', 'verify', 'transfer'])
      expect(authentication.instructions).toContain(`STATE ${state}`);
    const tool = toolOf(scenario, 'authenticate_user_information');
    expect(parameterNames(tool.parameters)).toEqual(['phone_number', 'last_4_digits', 'last_4_digits_type']);
    expect(tool.parameters.properties['last_4_digits_type']).toMatchObject({ enum: ['credit_card', 'ssn'] });
    expect(tool.mockResult).toEqual({ success: true });
  });

  it('lets returns look up orders and policy, and ask the escalation model for a structured eligibility decision', async () => {
    const scenario = await shipped('customerServiceRetail');
    expect(scenario.agents[1]!.tools.map((tool) => [tool.name, parameterNames(tool.parameters), tool.runsOn])).toEqual([
      ['lookupOrders', ['phoneNumber'], 'agent'],
      ['retrievePolicy', ['region', 'itemCategory'], 'agent'],
      ['checkEligibilityAndPossiblyInitiateReturn', ['userDesiredAction', 'question'], 'escalation'],
    ]);
    const orders = (toolOf(scenario, 'lookupOrders').mockResult as { orders: unknown[] }).orders;
    expect(orders).toHaveLength(2);
    for (const order of orders)
      expect(order).toMatchObject({
        order_id: expect.any(String) as string,
        order_date: expect.any(String) as string,
        status: expect.any(String) as string,
      });
    expect(toolOf(scenario, 'retrievePolicy').mockResult).toEqual({ policy: expect.any(String) as string });
    expect(scenario.escalation?.outputSchema).toEqual({
      type: 'object',
      properties: { isEligible: { type: 'boolean' }, rationale: { type: 'string' }, nextStep: { type: 'string' } },
      required: ['isEligible', 'rationale', 'nextStep'],
      additionalProperties: false,
    });
  });

  it('lets sales find offers, fill the cart and check out', async () => {
    const scenario = await shipped('customerServiceRetail');
    expect(scenario.agents[2]!.tools.map((tool) => [tool.name, parameterNames(tool.parameters)])).toEqual([
      ['lookupNewSales', ['category']],
      ['addToCart', ['item_id']],
      ['checkout', ['item_ids', 'phone_number']],
    ]);
    for (const tool of scenario.agents[2]!.tools) expect(tool.mockResult).toBeDefined();
    expect(toolOf(scenario, 'checkout').parameters.properties['item_ids']).toMatchObject({ type: 'array', items: { type: 'string' } });
  });
});
