import { describe, expect, it } from 'vitest';
import { SUPERVISOR_BILL_ANSWER } from '../../e2e/fake-openai/defaultScript';
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
    expect(minted.model).toBe('gpt-realtime');
    expect(minted.expiresAt).toBeGreaterThan(Date.now() / 1000);
    const request = fake.received.http.find((entry) => entry.path === '/v1/realtime/client_secrets');
    expect(request?.body).toMatchObject({ session: { type: 'realtime', model: 'gpt-realtime', audio: { output: { voice: 'sage' } } } });
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
    expect(result.model).toBe('gpt-4.1');
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
    expect(result.model).toBe('o4-mini');
    expect(result.decision).toEqual({ isEligible: true, rationale: expect.any(String), nextStep: expect.stringContaining('prepaid label') });
    const request = fake.received.http.find((entry) => entry.path === '/v1/responses');
    expect(request?.body).toMatchObject({ model: 'o4-mini', text: { format: { type: 'json_schema', strict: true } } });
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
