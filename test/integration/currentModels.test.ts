import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { RealtimeSession } from '@openai/agents/realtime';
import type { Envelope } from '../../src-shared/contract';
import { defaultModels } from '../../src-shared/models';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';
import { assistantSaid, chatAgent, historyWhere } from './fake-openai/agentsSdk';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();

async function servicesAgainstFake() {
  const fake = await startFake({ apiKeys: ['sk-test'] });
  const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  return { fake, services, baseUrl: `${fake.baseUrl}/v1` };
}

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

const supervisorRequest = {
  sessionId: 's1',
  scenarioId: 'chatSupervisor',
  callId: 'call_1',
  context: 'The caller asks about their last bill.',
  conversation: [{ role: 'user' as const, text: 'What is my bill? My number is (206) 135-1246.' }],
};

describe('a session on the current realtime default', () => {
  it('mints gpt-realtime-2.1 and holds a turn on it over the SDK, the server reporting that model', async () => {
    const { services, fake } = await servicesAgainstFake();
    const minted = value<{ clientSecret: string; model: string }>(await services.dispatch('session:mint', {}));
    expect(minted.model).toBe('gpt-realtime-2.1');
    expect(defaultModels.realtimeModel).toBe('gpt-realtime-2.1');
    const session = new RealtimeSession(chatAgent('Your last bill was $50.00.'), { transport: 'websocket', model: minted.model });
    const errors: unknown[] = [];
    session.on('error', (error) => errors.push(error));
    await session.connect({ apiKey: minted.clientSecret, url: `${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=${minted.model}` });
    session.sendMessage('Hi there');
    const history = await historyWhere(session, 'the greeting', (items) => assistantSaid(items).length === 1);
    expect(assistantSaid(history)[0]).toContain('Brightwave');
    expect(fake.received.sentEvents('session.created')[0]?.session).toMatchObject({ model: 'gpt-realtime-2.1' });
    expect(errors).toEqual([]);
    session.close();
  });

  it('sends the current text defaults to the supervisor, escalation and guardrail calls', async () => {
    const { services, fake } = await servicesAgainstFake();
    value(await services.dispatch('supervisor:run', supervisorRequest));
    value(await services.dispatch('guardrail:classify', { sessionId: 's1', scenarioId: 'chatSupervisor', text: 'Hello there.' }));
    const models = fake.received.http.filter((entry) => entry.path === '/v1/responses').map((entry) => (entry.body as { model: string }).model);
    expect(new Set(models)).toEqual(new Set([defaultModels.supervisorModel, defaultModels.guardrailModel]));
  });
});

describe('a model the API no longer serves', () => {
  it('refuses the mint with the model, the setting that chose it and a current replacement', async () => {
    const { services, fake, baseUrl } = await servicesAgainstFake();
    value(await services.dispatch('settings:set', { realtimeModel: 'gpt-realtime' }));
    fake.faults.add({ route: 'client_secrets', refuseModel: 'gpt-realtime' });
    const envelope = await services.dispatch('session:mint', {});
    expect(envelope).toEqual({
      ok: false,
      error: {
        code: 'model_unavailable',
        field: 'realtimeModel',
        message:
          `The API does not serve the realtime model gpt-realtime (${baseUrl} answered 404 model_not_found: The model \`gpt-realtime\` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations).` +
          ' Its shutdown is announced for 2027-01-20. Choose another in Settings → Realtime model, such as gpt-realtime-2.1.',
      },
    });
  });

  it('names a retired supervisor model, when it was retired and what replaces it; other calls go on', async () => {
    const { services } = await servicesAgainstFake();
    value(await services.dispatch('settings:set', { supervisorModel: 'o4-mini' }));
    const envelope = await services.dispatch('supervisor:run', supervisorRequest);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'model_unavailable', field: 'supervisorModel' } });
    const message = envelope.ok ? '' : envelope.error.message;
    expect(message).toContain('The API does not serve the supervisor model o4-mini');
    expect(message).toContain('It was retired on 2026-10-23.');
    expect(message).toContain('Choose another in Settings → Supervisor model, such as gpt-5.6-terra.');
    value(await services.dispatch('guardrail:classify', { sessionId: 's1', scenarioId: 'chatSupervisor', text: 'Hello.' }));
  });

  it('explains a model the API never heard of, suggesting the setting default', async () => {
    const { services, fake } = await servicesAgainstFake();
    value(await services.dispatch('settings:set', { guardrailModel: 'gpt-imaginary' }));
    fake.faults.add({ route: 'responses', refuseModel: 'gpt-imaginary', refusal: 'not_found' });
    const envelope = await services.dispatch('guardrail:classify', { sessionId: 's1', scenarioId: 'chatSupervisor', text: 'Hi.' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'model_unavailable', field: 'guardrailModel' } });
    const message = envelope.ok ? '' : envelope.error.message;
    expect(message).toContain('The model `gpt-imaginary` does not exist or you do not have access to it.');
    expect(message).not.toContain('retired');
    expect(message).toContain(`such as ${defaultModels.guardrailModel}.`);
  });

  it('says so when the key is tested', async () => {
    const { services, fake } = await servicesAgainstFake();
    fake.faults.add({ refuseModel: defaultModels.realtimeModel, refusal: 'not_found' });
    expect(value(await services.dispatch('key:test', undefined))).toEqual({
      ok: false,
      message: expect.stringContaining(`The API does not serve the realtime model ${defaultModels.realtimeModel}`),
    });
  });
});

describe("the fake's model list", () => {
  it('lists the served models with their shutdown dates and refuses a shut-down one as the real API does', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1` });
    const listed = new Map<string, string | null>();
    for await (const model of openai.models.list()) listed.set(model.id, (model as unknown as { shutdown_date: string | null }).shutdown_date);
    expect(listed.get('gpt-realtime-2.1')).toBeNull();
    expect(listed.get('gpt-realtime')).toBe('2027-01-20');
    expect(listed.get('gpt-4.1')).toBe('2027-01-14');
    expect(listed.has('o4-mini')).toBe(false);
    await expect(openai.models.retrieve('gpt-6.1-terra')).resolves.toMatchObject({ id: 'gpt-6.1-terra', shutdown_date: null });
    const refused = await openai.responses.create({ model: 'o4-mini', input: 'hi' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.NotFoundError);
    expect(refused).toMatchObject({ status: 404, code: 'model_not_found', message: expect.stringContaining('has been deprecated') });
  });
});
