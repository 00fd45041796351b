import { readFileSync } from 'node:fs';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { webSocketHost } from '../../src-main/services/headless/webSocketHost';
import { HeadlessSession } from '../../src-main/services/scenarioTests/headlessSession';
import { buildRawApi, unwrapApi } from '../../src-shared/bridge';
import { SessionEngine } from '../../src-shared/session/sessionEngine';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import type { Scenario } from '../../src-shared/scenario';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';
import { RawRealtimeClient } from './fake-openai/rawRealtime';
import type { FaultInput } from '../../e2e/fake-openai/faults';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const startFake = useFakeOpenAI();
const makeDir = useTempDirs();

async function rawSession(faults: FaultInput[] = []): Promise<{ client: RawRealtimeClient; baseUrl: string }> {
  const fake = await startFake({ apiKeys: ['sk-test'] });
  fake.faults.set(faults);
  const client = await RawRealtimeClient.open(`${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=gpt-realtime-2`, {
    headers: { Authorization: 'Bearer sk-test' },
  });
  await client.next('session.created');
  return { client, baseUrl: fake.baseUrl };
}

const everySetting = {
  type: 'realtime',
  reasoning: { effort: 'low' },
  parallel_tool_calls: false,
  tool_choice: 'required',
  max_output_tokens: 512,
  truncation: { type: 'retention_ratio', retention_ratio: 0.8, token_limits: { post_instructions: 8000 } },
  tracing: { workflow_name: 'simpleHandoff', group_id: 'session-1' },
  audio: {
    input: {
      transcription: { model: 'gpt-transcribe', languages: ['en', 'de'], keywords: ['Brightwave'], prompt: 'Phone company support' },
      turn_detection: { type: 'server_vad', silence_duration_ms: 500, idle_timeout_ms: 8000 },
    },
    output: { speed: 1.2 },
  },
};

/** One value out of its documented range per new field, the field the API names, the code it answers with and its words. */
const outOfRange: [string, Record<string, unknown>, string, string, string][] = [
  [
    'reasoning.effort',
    { reasoning: { effort: 'extreme' } },
    'session.reasoning.effort',
    'invalid_value',
    "Invalid value: 'extreme'. Supported values are: 'minimal'",
  ],
  ['parallel_tool_calls', { parallel_tool_calls: 'yes' }, 'session.parallel_tool_calls', 'invalid_type', 'expected a boolean, but got a string'],
  [
    'tool_choice',
    { tool_choice: 'sometimes' },
    'session.tool_choice',
    'invalid_value',
    "Invalid value: 'sometimes'. Supported values are: 'auto', 'none', 'required'.",
  ],
  [
    'max_output_tokens',
    { max_output_tokens: 5000 },
    'session.max_output_tokens',
    'integer_above_max_value',
    'Expected a value <= 4096, but got 5000 instead.',
  ],
  [
    'truncation',
    { truncation: { type: 'retention_ratio', retention_ratio: 1.5 } },
    'session.truncation.retention_ratio',
    'decimal_above_max_value',
    'Expected a value <= 1, but got 1.5 instead.',
  ],
  ['tracing', { tracing: { workflow_name: 42 } }, 'session.tracing.workflow_name', 'invalid_type', 'expected a string, but got an integer'],
  [
    'transcription',
    { audio: { input: { transcription: { model: 'gpt-transcribe', languages: 'en' } } } },
    'session.audio.input.transcription.languages',
    'invalid_type',
    'expected an array of strings',
  ],
  [
    'idle_timeout_ms',
    { audio: { input: { turn_detection: { type: 'server_vad', idle_timeout_ms: 1000 } } } },
    'session.audio.input.turn_detection.idle_timeout_ms',
    'integer_below_min_value',
    'Expected a value >= 5000, but got 1000 instead.',
  ],
  [
    'speed',
    { audio: { output: { speed: 2 } } },
    'session.audio.output.speed',
    'decimal_above_max_value',
    'Expected a value <= 1.5, but got 2 instead.',
  ],
];

describe('the fake Realtime API and the new session fields', () => {
  it('accepts a session.update with every new setting and echoes each in session.updated', async () => {
    const { client } = await rawSession();
    client.send({ type: 'session.update', session: everySetting });
    const updated = await client.next('session.updated');
    expect(updated.session).toMatchObject(everySetting);
    expect(client.ofType('error')).toEqual([]);
  });

  it.each(outOfRange)('refuses %s out of its range with an error naming the field', async (_name, session, param, code, words) => {
    const { client } = await rawSession();
    client.send({ type: 'session.update', event_id: 'evt_client_1', session: { type: 'realtime', ...session } });
    const error = await client.next('error');
    expect(error.error).toMatchObject({ type: 'invalid_request_error', code, param, event_id: 'evt_client_1' });
    expect(error.error.message).toContain(words);
    expect(client.ofType('session.updated')).toEqual([]);
  });

  it('refuses a client secret minted with a value out of range, as a 400 naming the field', async () => {
    const { baseUrl } = await rawSession();
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${baseUrl}/v1` });
    const minted = await openai.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime-2', max_output_tokens: 4096 } });
    expect(minted.value).toMatch(/^ek_/);
    const refused = await openai.realtime.clientSecrets
      .create({ session: { type: 'realtime', model: 'gpt-realtime-2', audio: { output: { speed: 0.1 } } } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
    expect(refused).toMatchObject({ status: 400, code: 'decimal_below_min_value', param: 'session.audio.output.speed' });
  });

  it('sends input_audio_buffer.timeout_triggered after the idle timeout, then commits the silence and answers it', async () => {
    const { client } = await rawSession();
    client.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: { type: 'server_vad', idle_timeout_ms: 5000 } } } },
    });
    await client.next('session.updated');
    client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] } });
    client.send({ type: 'response.create' });
    await client.next('response.done');
    const answered = Date.now();
    const timeout = await client.next('input_audio_buffer.timeout_triggered', 1, 9000);
    expect(Date.now() - answered).toBeGreaterThanOrEqual(4900);
    expect(timeout).toMatchObject({ item_id: expect.any(String), audio_start_ms: expect.any(Number), audio_end_ms: expect.any(Number) });
    const committed = await client.next('input_audio_buffer.committed');
    expect(committed.item_id).toBe(timeout.item_id);
    await client.next('response.done', 2);
  }, 15_000);

  it('reports a failed transcription as conversation.item.input_audio_transcription.failed when a script fault says so', async () => {
    const { client } = await rawSession([{ route: 'realtime', failTranscription: true, times: 1 }]);
    client.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { turn_detection: null, transcription: { model: 'gpt-transcribe' } } } },
    });
    await client.next('session.updated');
    client.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(9600).toString('base64') }); // 200 ms of PCM16 silence
    client.send({ type: 'input_audio_buffer.commit' });
    const failed = await client.next('conversation.item.input_audio_transcription.failed');
    const committed = await client.next('input_audio_buffer.committed');
    expect(failed).toMatchObject({
      item_id: committed.item_id,
      content_index: 0,
      error: { type: 'transcription_error', code: 'audio_unintelligible' },
    });
    expect(client.ofType('conversation.item.input_audio_transcription.completed')).toEqual([]);
  });
});

describe('session settings through the session engine', () => {
  it('connects with Settings → Session, the scenario winning field by field, and records them in the log header and as an app event', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
    await services.settings.update({
      realtimeModel: 'gpt-realtime-2.1',
      session: { reasoning: { effort: 'high' }, max_output_tokens: 1024, speed: 1.1, tracing: true, idle_timeout_ms: 12000 },
    });
    const { source: _source, ...shipped } = services.scenarios.find('simpleHandoff');
    const scenario: Scenario = {
      ...shipped,
      session: { reasoning: { effort: 'minimal' }, truncation: 'disabled', transcription: { model: 'gpt-transcribe', language: 'en' } },
    };
    const session = await HeadlessSession.open({ services, scenario });
    await session.say('Hello');
    const { logId } = await session.close();

    const updates = fake.received.clientEvents('session.update').map((entry) => (entry.event as { session: Record<string, unknown> }).session);
    // The SDK's full session.update (it also sends one of its own that only turns tracing on).
    expect(updates.find((update) => 'audio' in update)).toMatchObject({
      reasoning: { effort: 'minimal' },
      max_output_tokens: 1024,
      truncation: 'disabled',
      audio: {
        input: { transcription: { model: 'gpt-transcribe', language: 'en' }, turn_detection: { type: 'server_vad', idle_timeout_ms: 12000 } },
        output: { speed: 1.1 },
      },
    });
    // The SDK turns tracing on after session.created, named after the scenario and grouped by the session.
    expect(
      updates.some((update) => JSON.stringify(update['tracing']) === JSON.stringify({ workflow_name: 'simpleHandoff', group_id: session.sessionId })),
    ).toBe(true);
    expect(fake.received.sentEvents('error')).toEqual([]);

    const settingsEvent = session.events.find((event) => event.type === 'session.settings');
    expect(settingsEvent?.payload).toMatchObject({
      when: 'connect',
      values: { reasoning: { effort: 'minimal' }, max_output_tokens: 1024, truncation: 'disabled', speed: 1.1, tracing: true },
      from: { reasoning: 'scenario', truncation: 'scenario', max_output_tokens: 'settings', tracing: 'settings' },
    });
    const header = JSON.parse(readFileSync(services.sessionLogs.pathOf(logId), 'utf8').split('\n')[0]!) as { setup: { session: unknown } };
    expect(header.setup.session).toMatchObject({ reasoning: { effort: 'minimal' }, idle_timeout_ms: 12000, tracing: true });
  });

  it('leaves reasoning out for a realtime model that does not reason, and says so', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
    await services.settings.update({ realtimeModel: 'gpt-realtime-1.5', session: { reasoning: { effort: 'high' }, speed: 0.9 } });
    const { source: _source, ...scenario } = services.scenarios.find('simpleHandoff');
    const session = await HeadlessSession.open({ services, scenario });
    await session.close();
    const full = fake.received
      .clientEvents('session.update')
      .map((entry) => (entry.event as { session: Record<string, unknown> }).session)
      .find((update) => 'audio' in update);
    expect(full).toMatchObject({ audio: { output: { speed: 0.9 } } });
    expect(full).not.toHaveProperty('reasoning');
    const settingsEvent = session.events.find((event) => event.type === 'session.settings');
    expect(settingsEvent?.payload['leftOut']).toEqual([{ field: 'reasoning.effort', reason: 'gpt-realtime-1.5 is not a reasoning realtime model' }]);
  });

  it('applies a saved change mid-session with one session.update, and says tracing waits for the next session', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const services = await createTestServices(await makeDir(), { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
    const api = unwrapApi(buildRawApi({ invoke: (channel, request) => services.dispatch(channel, request), subscribe: () => () => undefined }));
    const { source: _source, ...scenario } = services.scenarios.find('simpleHandoff');
    const events: SessionEvent[] = [];
    const settings = services.settings.get();
    const engine = new SessionEngine({
      port: api,
      scenario,
      settings,
      controls: { startAgent: undefined, output: 'audio', mode: 'vad', lengthCapMinutes: 0, codec: 'pcm16' },
      currentMode: () => 'vad',
      host: webSocketHost(),
      onEvent: (event) => events.push(event),
    });
    try {
      await engine.connect();
      expect(engine.currentPhase.status).toBe('connected');
      const fullUpdates = () =>
        fake.received.clientEvents('session.update').filter((entry) => JSON.stringify(entry.event).includes('"instructions"'));
      await fake.received.waitFor("the SDK's connect-time session.update", () => fullUpdates().length > 0);
      const before = fake.received.clientEvents('session.update').length;
      engine.applySettings({ ...settings, session: { speed: 1.3, max_output_tokens: 300, tracing: true } });
      await fake.received.waitFor('the mid-session session.updated', () =>
        fake.received.sentEvents('session.updated').some((event) => JSON.stringify(event.session).includes('"speed":1.3')),
      );
      const sent = fake.received.clientEvents('session.update').slice(before);
      expect(sent).toHaveLength(1);
      expect((sent[0]!.event as { session: Record<string, unknown> }).session).toMatchObject({
        max_output_tokens: 300,
        audio: { output: { speed: 1.3 } },
      });
      expect((sent[0]!.event as { session: Record<string, unknown> }).session).not.toHaveProperty('tracing');
      const update = events.find((event) => event.type === 'session.settings' && event.payload['when'] === 'update');
      expect(update?.payload).toMatchObject({ values: { speed: 1.3, max_output_tokens: 300, tracing: true }, nextSession: ['tracing'] });
      expect(fake.received.sentEvents('error')).toEqual([]);
    } finally {
      engine.close();
    }
  });
});
