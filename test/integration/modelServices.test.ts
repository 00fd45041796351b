import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPERVISOR_BILL_ANSWER } from '../../e2e/fake-openai/defaultScript';
import type { FakeScriptInput } from '../../e2e/fake-openai/script';
import type { Envelope } from '../../src-shared/contract';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const KEY = 'sk-test';

async function servicesAgainstFake(options: { key?: string } = {}) {
  const fake = await startFake({ apiKeys: [KEY] });
  const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: options.key ?? KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  return { fake, services, baseUrl: `${fake.baseUrl}/v1` };
}

const conversation = [{ role: 'user' as const, text: 'What is my bill? My number is (206) 135-1246.' }];
const supervisorRequest = {
  sessionId: 's1',
  scenarioId: 'chatSupervisor',
  callId: 'call_1',
  context: 'The caller asks about their last bill.',
  conversation,
};

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

describe('session minting', () => {
  it('mints a short-lived ek_ secret with the realtime calls URL, through the openai SDK', async () => {
    const { services, baseUrl, fake } = await servicesAgainstFake();
    const minted = value<{ clientSecret: string; expiresAt: number; model: string; callsUrl: string }>(await services.dispatch('session:mint', {}));
    expect(minted.clientSecret).toMatch(/^ek_/);
    expect(minted.callsUrl).toBe(`${baseUrl}/realtime/calls`);
    expect(minted.model).toBe('gpt-realtime-2.1');
    expect(minted.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const request = fake.received.http.find((entry) => entry.path === '/v1/realtime/client_secrets');
    expect(request?.body).toMatchObject({ session: { type: 'realtime', model: 'gpt-realtime-2.1', audio: { output: { voice: 'sage' } } } });
  });

  it('refuses a bad key with a message naming the endpoint, and never the key', async () => {
    const { services, baseUrl } = await servicesAgainstFake({ key: 'sk-wrong-key-123456789' });
    const envelope = await services.dispatch('session:mint', {});
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'upstream_auth', message: expect.stringContaining(`The API key was refused by ${baseUrl}: 401`) },
    });
    expect(JSON.stringify(envelope)).not.toContain('sk-wrong-key-123456789');
  });

  it('tests a key in plain words', async () => {
    const good = await servicesAgainstFake();
    expect(value(await good.services.dispatch('key:test', undefined))).toEqual({ ok: true, message: expect.stringContaining('The key works') });
    const bad = await servicesAgainstFake({ key: 'sk-wrong-key-123456789' });
    expect(value(await bad.services.dispatch('key:test', undefined))).toEqual({ ok: false, message: expect.stringContaining('401') });
  });
});

describe('the supervisor', () => {
  it('runs its tool loop: calls getUserAccountInfo, gets the mock result back, answers, and sums usage over the steps', async () => {
    const { services, fake } = await servicesAgainstFake();
    const result = value<{
      text: string;
      steps: { name: string; output: unknown }[];
      usage: { totalTokens: number; inputTokens: number };
      model: string;
    }>(await services.dispatch('supervisor:run', supervisorRequest));
    expect(result.text).toBe(SUPERVISOR_BILL_ANSWER);
    expect(result.model).toBe('gpt-6.1-terra');
    expect(result.steps).toEqual([expect.objectContaining({ name: 'getUserAccountInfo', output: expect.objectContaining({ balance: '$50.00' }) })]);
    const calls = fake.received.http.filter((entry) => entry.path === '/v1/responses');
    expect(calls).toHaveLength(2);
    expect(JSON.stringify(calls[1]!.body)).toContain('function_call_output');
    const perCall = calls.length;
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    expect(result.usage.inputTokens).toBeGreaterThanOrEqual(perCall);
  });

  it.each([
    [500, 'upstream_error', /answered 500/],
    [503, 'upstream_error', /answered 503/],
    [429, 'upstream_rate_limited', /Rate limited by .*: 429.*retry after 1 s/],
  ])('turns a %i into a typed %s error', async (status, code, message) => {
    const { services, fake } = await servicesAgainstFake();
    fake.faults.set([{ route: 'responses', status, retryAfterSeconds: 1 }]);
    expect(await services.dispatch('supervisor:run', supervisorRequest)).toMatchObject({
      ok: false,
      error: { code, message: expect.stringMatching(message) },
    });
  });

  it('is cancelled when its session ends', async () => {
    const { services, fake } = await servicesAgainstFake();
    fake.faults.set([{ route: 'responses', latencyMs: 5_000 }]);
    const running = services.dispatch('supervisor:run', supervisorRequest);
    await fake.received.waitFor('the supervisor request', () => fake.received.http.some((entry) => entry.path === '/v1/responses'), 5_000);
    expect(value(await services.dispatch('session:end', { sessionId: 's1' }))).toEqual({ cancelled: 1 });
    expect(await running).toMatchObject({ ok: false, error: { code: 'cancelled' } });
  });

  it('says which scenario has no supervisor', async () => {
    const { services } = await servicesAgainstFake();
    expect(await services.dispatch('supervisor:run', { ...supervisorRequest, scenarioId: 'simpleHandoff' })).toMatchObject({
      ok: false,
      error: { message: expect.stringContaining('"simpleHandoff" has no supervisor section') },
    });
  });
});

describe('escalation and guardrails', () => {
  it('asks the reasoning model for a structured eligibility decision', async () => {
    const { services, fake } = await servicesAgainstFake();
    const result = value<{ decision: Record<string, unknown>; model: string }>(
      await services.dispatch('escalation:decide', {
        sessionId: 's2',
        scenarioId: 'customerServiceRetail',
        callId: 'call_2',
        toolName: 'checkEligibilityAndPossiblyInitiateReturn',
        arguments: { userDesiredAction: 'refund', question: 'Board delivered 5 days ago, unused.' },
        conversation,
      }),
    );
    expect(result.model).toBe('gpt-6.1-sol');
    expect(result.decision).toEqual({ isEligible: true, rationale: expect.any(String), nextStep: expect.stringContaining('prepaid label') });
    const request = fake.received.http.find((entry) => entry.path === '/v1/responses');
    expect(request?.body).toMatchObject({ model: 'gpt-6.1-sol', text: { format: { type: 'json_schema', strict: true } } });
  });

  it('classifies assistant text: NONE passes, an insult trips OFFENSIVE', async () => {
    const { services } = await servicesAgainstFake();
    const classify = (text: string) => services.dispatch('guardrail:classify', { sessionId: 's3', scenarioId: 'simpleHandoff', text });
    expect(value(await classify('Here is a haiku about the moon.'))).toMatchObject({ category: 'NONE', tripped: false });
    expect(value(await classify('You are an idiot.'))).toMatchObject({ category: 'OFFENSIVE', tripped: true, rationale: expect.any(String) });
  });
});

describe('the API key', () => {
  it('never reaches anything the renderer can see: no answer, push or log line, on success or failure', async () => {
    const secret = 'sk-test-supersecret-0123456789';
    const fake = await startFake({ apiKeys: [secret] });
    const services = await createTestServices(await makeDir(), { OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
    const pushed: unknown[] = [];
    services.push.connect((channel, payload) => pushed.push({ channel, payload }));
    const answers: Envelope[] = [];
    answers.push(await services.dispatch('key:set', { apiKey: secret }));
    answers.push(await services.dispatch('key:status', undefined));
    answers.push(await services.dispatch('key:test', undefined));
    answers.push(await services.dispatch('session:mint', {}));
    answers.push(await services.dispatch('supervisor:run', supervisorRequest));
    answers.push(await services.dispatch('guardrail:classify', { sessionId: 's', scenarioId: 'simpleHandoff', text: 'hi' }));
    answers.push(await services.dispatch('app:info', undefined));
    answers.push(await services.dispatch('settings:get', undefined));
    answers.push(await services.dispatch('scenarios:list', undefined));
    fake.faults.set([{ route: '*', status: 401 }]);
    answers.push(await services.dispatch('session:mint', {}));
    answers.push(await services.dispatch('supervisor:run', supervisorRequest));
    answers.push(await services.dispatch('key:test', undefined));
    answers.push(await services.dispatch('key:set', { apiKey: 'bad key with spaces' }));
    expect(answers.filter((answer) => answer.ok).length).toBeGreaterThan(5);
    const everything = JSON.stringify({ answers, pushed, log: services.logLines });
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(secret.slice(8));
  });
});

/** A scenario folder holding one scenario with no guardrail and no escalation section, and a supervisor tool with no mock result. */
async function bareScenarioDir(): Promise<string> {
  const dir = await makeDir();
  const scenario = {
    id: 'bare',
    name: 'Bare',
    description: 'Only what a scenario must have, and a supervisor tool without a mock result.',
    defaultAgent: 'front',
    agents: [{ name: 'front', publicDescription: 'Front desk.', instructions: 'Help the caller.' }],
    supervisor: {
      instructions: 'Answer the front desk.',
      tools: [
        {
          name: 'checkStock',
          description: 'Checks the stock.',
          parameters: { type: 'object', properties: {}, required: [], additionalProperties: false },
        },
      ],
    },
  };
  await writeFile(join(dir, 'bare.json'), JSON.stringify(scenario));
  return dir;
}

async function servicesWithScript(script: FakeScriptInput, scenarioDir?: string) {
  const fake = await startFake({ apiKeys: [KEY], script });
  const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` }, scenarioDir);
  const responsesBodies = () =>
    fake.received.http.filter((entry) => entry.path === '/v1/responses').map((entry) => entry.body as Record<string, unknown>);
  return { fake, services, responsesBodies };
}

describe('the supervisor, at its edges', () => {
  it('stops a model that keeps calling tools after 8 steps, naming them, with a typed error', async () => {
    const loop = Array.from({ length: 12 }, () => ({ name: 'getUserAccountInfo', arguments: { phone_number: '(206) 135-1246' } }));
    const { services, responsesBodies } = await servicesWithScript({
      responses: [{ toolOffered: 'getUserAccountInfo', toolCalls: loop, text: 'done' }],
    });
    const envelope = await services.dispatch('supervisor:run', supervisorRequest);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'upstream_bad_output' } });
    if (!envelope.ok) {
      expect(envelope.error.message).toBe(
        `The supervisor was still calling tools after 8 steps (${Array(8).fill('getUserAccountInfo').join(', ')}); it was stopped.`,
      );
    }
    expect(responsesBodies()).toHaveLength(8);
  });

  it('sends the conversation as caller and voice-agent lines with the context, and every tool as strict, one call at a time', async () => {
    const { services, responsesBodies } = await servicesWithScript({ responses: [] });
    const result = value<{ text: string; steps: unknown[] }>(
      await services.dispatch('supervisor:run', {
        ...supervisorRequest,
        context: 'Wants the balance.',
        conversation: [
          { role: 'user', text: 'Hi there.' },
          { role: 'assistant', text: 'Hello, how can I help?' },
        ],
      }),
    );
    expect(result).toMatchObject({ text: 'I am not sure how to help with that.', steps: [] });
    const [body] = responsesBodies();
    expect(body).toMatchObject({
      model: 'gpt-6.1-terra',
      parallel_tool_calls: false,
      store: false,
      instructions: expect.stringContaining('Brightwave Mobile'),
    });
    expect(body!['input']).toEqual([
      {
        role: 'user',
        content:
          "Conversation so far:\nCaller: Hi there.\nVoice agent: Hello, how can I help?\n\nContext from the caller's last message: Wants the balance.\n\nWhat should the voice agent say next?",
      },
    ]);
    const tools = body!['tools'] as { type: string; name: string; strict: boolean; description: string; parameters: unknown }[];
    expect(tools.map((tool) => tool.name)).toEqual(['lookupPolicyDocument', 'getUserAccountInfo', 'findNearestStore']);
    for (const tool of tools)
      expect(tool).toMatchObject({ type: 'function', strict: true, description: expect.any(String), parameters: { type: 'object' } });
  });

  it('says so when there is no conversation or context yet', async () => {
    const { services, responsesBodies } = await servicesWithScript({ responses: [] });
    value(await services.dispatch('supervisor:run', { ...supervisorRequest, context: '', conversation: [] }));
    expect(JSON.stringify(responsesBodies()[0]!['input'])).toContain(
      "Conversation so far:\\n(nothing yet)\\n\\nContext from the caller's last message: (none)",
    );
  });

  it('answers a tool the scenario gives no mock result with {"ok":true}, and sends the call and its output back', async () => {
    const { services, responsesBodies } = await servicesWithScript(
      { responses: [{ toolOffered: 'checkStock', toolCalls: [{ name: 'checkStock', arguments: {} }], text: 'In stock.' }] },
      await bareScenarioDir(),
    );
    const result = value<{ text: string; steps: unknown[] }>(await services.dispatch('supervisor:run', { ...supervisorRequest, scenarioId: 'bare' }));
    expect(result).toMatchObject({ text: 'In stock.', steps: [{ name: 'checkStock', arguments: '{}', output: { ok: true } }] });
    const second = responsesBodies()[1]!['input'] as Record<string, unknown>[];
    expect(second.slice(1)).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'checkStock', arguments: '{}', call_id: expect.any(String) }),
      expect.objectContaining({ type: 'function_call_output', output: '{"ok":true}', call_id: (second[1] as { call_id: string }).call_id }),
    ]);
  });
});

describe('canned supervisor tool results', () => {
  it('answers a tool with the result canned in the Tools panel instead of its mock result, and only that tool', async () => {
    const { services, responsesBodies } = await servicesWithScript(
      {
        responses: [{ toolOffered: 'checkStock', inputIncludes: 'stock', toolCalls: [{ name: 'checkStock', arguments: {} }], text: 'Out of stock.' }],
      },
      await bareScenarioDir(),
    );
    const canned = { inStock: false, restockDate: '2026-12-24' };
    const result = value<{ steps: unknown[] }>(
      await services.dispatch('supervisor:run', {
        ...supervisorRequest,
        scenarioId: 'bare',
        context: 'Is it in stock?',
        cannedResults: { checkStock: canned, notATool: { ignored: true } },
      }),
    );
    expect(result.steps).toEqual([{ name: 'checkStock', arguments: '{}', output: canned }]);
    const second = responsesBodies()[1]!['input'] as Record<string, unknown>[];
    expect(second.at(-1)).toEqual(expect.objectContaining({ type: 'function_call_output', output: JSON.stringify(canned) }));
  });
});

describe('escalation and guardrails, at their edges', () => {
  const escalationRequest = {
    sessionId: 's2',
    scenarioId: 'customerServiceRetail',
    callId: 'call_2',
    toolName: 'checkEligibilityAndPossiblyInitiateReturn',
    arguments: { userDesiredAction: 'refund' },
    conversation: [
      { role: 'user' as const, text: 'I want a refund.' },
      { role: 'assistant' as const, text: 'Let me check.' },
    ],
  };

  it('says which scenario has no escalation section and which tool asked', async () => {
    const { services } = await servicesAgainstFake();
    expect(await services.dispatch('escalation:decide', { ...escalationRequest, scenarioId: 'simpleHandoff' })).toEqual({
      ok: false,
      error: {
        code: 'scenario_unknown',
        message: 'Scenario "simpleHandoff" has no escalation section, so nothing can decide checkEligibilityAndPossiblyInitiateReturn.',
      },
    });
  });

  it("gives the reasoning model the scenario's instructions and schema, the request and the conversation", async () => {
    const { services, responsesBodies } = await servicesWithScript({
      responses: [{ schemaHasProperty: 'isEligible', json: { isEligible: false, rationale: 'r', nextStep: 'n' } }],
    });
    const result = value<{ decision: unknown; usage: { totalTokens: number } }>(await services.dispatch('escalation:decide', escalationRequest));
    expect(result.decision).toEqual({ isEligible: false, rationale: 'r', nextStep: 'n' });
    expect(result.usage.totalTokens).toBeGreaterThan(0);
    const [body] = responsesBodies();
    expect(body).toMatchObject({
      model: 'gpt-6.1-sol',
      store: false,
      instructions: expect.stringContaining('You review return requests for Ridgeline Outfitters.'),
      text: { format: { type: 'json_schema', name: 'decision', strict: true, schema: { required: ['isEligible', 'rationale', 'nextStep'] } } },
    });
    expect(body!['input']).toEqual([
      {
        role: 'user',
        content:
          'Decision requested by checkEligibilityAndPossiblyInitiateReturn: {"userDesiredAction":"refund"}\n\nConversation:\nCustomer: I want a refund.\nAgent: Let me check.',
      },
    ]);
  });

  it('says (none) when there is no conversation to decide on', async () => {
    const { services, responsesBodies } = await servicesWithScript({ responses: [] });
    value(await services.dispatch('escalation:decide', { ...escalationRequest, conversation: [] }));
    expect(JSON.stringify(responsesBodies()[0]!['input'])).toContain('\\n\\nConversation:\\n(none)');
  });

  it("classifies into the scenario's own categories, named for its company", async () => {
    const { services, responsesBodies } = await servicesWithScript({ responses: [] });
    expect(value(await services.dispatch('guardrail:classify', { sessionId: 's3', scenarioId: 'simpleHandoff', text: 'A poem.' }))).toMatchObject({
      category: 'OFFENSIVE',
      tripped: true,
      model: 'gpt-6-luna',
    });
    const [body] = responsesBodies();
    expect(body!['instructions']).toBe(
      'You classify what a voice agent for Haiku Studio said. Categories:\n' +
        '- OFFENSIVE: Insults, slurs or demeaning language aimed at anyone.\n' +
        '- OFF_BRAND: Talk that has nothing to do with poetry or that disparages the studio.\n' +
        '- VIOLENCE: Threats, glorified violence or instructions to harm.\n' +
        '- NONE: Acceptable output.\n' +
        'Pick the single best category and give a one-sentence rationale.',
    );
    expect(body!['input']).toEqual([{ role: 'user', content: '<agent_output>A poem.</agent_output>' }]);
    expect(body).toMatchObject({
      text: {
        format: {
          name: 'output_classification',
          schema: { properties: { moderationCategory: { enum: ['OFFENSIVE', 'OFF_BRAND', 'VIOLENCE', 'NONE'] } }, additionalProperties: false },
        },
      },
    });
  });

  it('falls back to the default categories for a scenario without a guardrail section', async () => {
    const { services, responsesBodies } = await servicesWithScript(
      { responses: [{ schemaHasProperty: 'moderationCategory', json: { moderationRationale: 'Fine.', moderationCategory: 'NONE' } }] },
      await bareScenarioDir(),
    );
    expect(value(await services.dispatch('guardrail:classify', { sessionId: 's3', scenarioId: 'bare', text: 'Hello.' }))).toMatchObject({
      category: 'NONE',
      rationale: 'Fine.',
      tripped: false,
    });
    const [body] = responsesBodies();
    expect(body!['instructions']).toMatch(
      /^You classify what a voice agent for the company said\. Categories:\n- OFFENSIVE: .+\n- OFF_BRAND: .+\n- VIOLENCE: .+\n- NONE: Acceptable output\.\n/,
    );
  });

  it.each([
    [
      'text that is not JSON',
      { text: 'Sure! NONE.' },
      /^The guardrail call: http:\/\/127\.0\.0\.1:\d+\/v1 answered with text that is not JSON: Sure! NONE\.$/,
      undefined,
    ],
    [
      'JSON that is not an object',
      { text: '["NONE"]' },
      /^The guardrail call: http:\/\/127\.0\.0\.1:\d+\/v1 answered with JSON that is not an object\.$/,
      undefined,
    ],
    ['JSON null', { text: 'null' }, /answered with JSON that is not an object\./, undefined],
    [
      'an answer missing a required field',
      { json: { moderationRationale: 'Fine.' } },
      /^The guardrail call: the answer is missing moderationCategory\.$/,
      'moderationCategory',
    ],
  ])('refuses %s from the model as upstream_bad_output', async (_label, answer, message, field) => {
    const { services } = await servicesWithScript({ responses: [{ schemaHasProperty: 'moderationCategory', ...answer }] });
    const envelope = await services.dispatch('guardrail:classify', { sessionId: 's3', scenarioId: 'simpleHandoff', text: 'Hello.' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'upstream_bad_output', message: expect.stringMatching(message) } });
    if (!envelope.ok) expect(envelope.error.field).toBe(field);
  });
});
