import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { RawRealtimeClient } from './rawRealtime';

let fake: FakeOpenAI;
let wsUrl: string;

beforeEach(async () => {
  fake = await startFakeOpenAI({ speech: 'tone', apiKeys: ['sk-test', 'sk-second'] });
  wsUrl = `${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=gpt-realtime`;
});
afterEach(async () => {
  await fake.close();
});

const bearer = (key: string) => ({ headers: { Authorization: `Bearer ${key}` } });

async function sayHello(client: RawRealtimeClient): Promise<void> {
  client.send({ type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] } });
  await client.next('conversation.item.done');
}

describe('the realtime WebSocket protocol', () => {
  it('stamps every server event with a unique string event_id, starting with session.created', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create' });
    await client.next('response.done');
    expect(client.events[0]!.type).toBe('session.created');
    const ids = client.events.map((event) => (event as { event_id?: unknown }).event_id);
    expect(ids.every((id) => typeof id === 'string' && id.startsWith('event_'))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    client.close();
  });

  it('sends the full GA response sequence, audio as base64 PCM16 deltas, and usage on response.done', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create' });
    const done = await client.next('response.done');
    const sequence = client.events.map((event) => event.type).filter((type, index, all) => type !== all[index - 1]);
    expect(sequence.slice(sequence.indexOf('response.created'))).toEqual([
      'response.created',
      'response.output_item.added',
      'conversation.item.added',
      'response.content_part.added',
      ...sequence.slice(sequence.indexOf('response.content_part.added') + 1, sequence.indexOf('response.output_audio.done')),
      'response.output_audio.done',
      'response.output_audio_transcript.done',
      'response.content_part.done',
      'response.output_item.done',
      'conversation.item.done',
      'response.done',
    ]);
    const audioBytes = client.ofType('response.output_audio.delta').reduce((sum, event) => sum + Buffer.from(event.delta, 'base64').length, 0);
    expect(audioBytes % 2).toBe(0);
    expect(audioBytes).toBeGreaterThan(24_000); // more than half a second at 24 kHz PCM16
    expect(done.response).toMatchObject({ status: 'completed', usage: { output_token_details: { audio_tokens: expect.any(Number) } } });
    client.close();
  });

  it('answers session.update with the merged session', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    client.send({ type: 'session.update', session: { type: 'realtime', instructions: 'Be terse.', audio: { output: { voice: 'verse' } } } });
    const updated = await client.next('session.updated');
    expect(updated.session).toMatchObject({
      instructions: 'Be terse.',
      model: 'gpt-realtime',
      audio: { output: { voice: 'verse', format: { type: 'audio/pcm', rate: 24000 } } },
    });
    client.close();
  });

  it('streams text, not audio, when the output modality is text', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create', response: { output_modalities: ['text'] } });
    await client.next('response.done');
    expect(client.ofType('response.output_audio.delta')).toEqual([]);
    expect(client.ofType('response.output_text.done')[0]?.text).toBe('Sorry, I did not catch that. Could you say it again?');
    client.close();
  });

  it('refuses a second response.create while one is active, with the real error code', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create' });
    client.send({ type: 'response.create', event_id: 'evt_client_2' });
    const error = await client.next('error');
    expect(error.error).toMatchObject({ type: 'invalid_request_error', code: 'conversation_already_has_active_response', event_id: 'evt_client_2' });
    await client.next('response.done');
    expect(client.ofType('response.created')).toHaveLength(1);
    client.close();
  });

  it('answers an unknown event type or a missing field with an error naming it', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    client.send({ type: 'response.make', event_id: 'evt_1' });
    client.send({ type: 'conversation.item.create', event_id: 'evt_2', item: { type: 'function_call_output', output: '{}' } });
    client.sendText('not json');
    await client.next('error', 3);
    const [unknown, missing, notJson] = client.ofType('error').map((event) => event.error);
    expect(unknown).toMatchObject({ code: 'invalid_value', param: 'type', event_id: 'evt_1' });
    expect(missing).toMatchObject({ code: 'missing_required_parameter', param: 'item.call_id', event_id: 'evt_2' });
    expect(notJson).toMatchObject({ code: 'invalid_json' });
    client.close();
  });

  it('cancels, truncates and clears on interruption', async () => {
    fake.setScript({ realtime: [{ say: 'A rather long answer that goes on and on. '.repeat(5) }] });
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create' });
    const firstDelta = await client.next('response.output_audio.delta');
    client.send({ type: 'response.cancel' });
    const done = await client.next('response.done');
    expect(done.response).toMatchObject({ status: 'cancelled', status_details: { type: 'cancelled', reason: 'client_cancelled' } });
    client.send({ type: 'conversation.item.truncate', item_id: firstDelta.item_id, content_index: 0, audio_end_ms: 100 });
    expect(await client.next('conversation.item.truncated')).toMatchObject({ item_id: firstDelta.item_id, audio_end_ms: 100 });
    client.send({ type: 'response.cancel', event_id: 'evt_late' });
    expect((await client.next('error')).error).toMatchObject({ code: 'response_cancel_not_active', event_id: 'evt_late' });
    client.close();
  });

  it('sends G.711 µ-law deltas (8 kHz, a byte a sample) when the session asks for audio/pcmu', async () => {
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    client.send({
      type: 'session.update',
      session: { type: 'realtime', audio: { input: { format: { type: 'audio/pcmu' } }, output: { format: { type: 'audio/pcmu' } } } },
    });
    await client.next('session.updated');
    client.send({ type: 'input_audio_buffer.append', audio: Buffer.alloc(1600, 0xff).toString('base64') }); // 200 ms of µ-law silence
    client.send({ type: 'input_audio_buffer.commit' });
    await client.next('input_audio_buffer.committed');
    client.send({ type: 'response.create' });
    await client.next('response.done');
    const bytes = client.ofType('response.output_audio.delta').reduce((sum, event) => sum + Buffer.from(event.delta, 'base64').length, 0);
    const toneMs = 'Sorry, I did not catch that. Could you say it again?'.length * 65;
    expect(bytes).toBeGreaterThanOrEqual(toneMs * 8 - 16);
    expect(bytes).toBeLessThanOrEqual(toneMs * 8 + 16);
    client.close();
  });
});

describe('realtime WebSocket authentication', () => {
  it('accepts a browser-style subprotocol key and an ek_ client secret, and selects the realtime protocol', async () => {
    const openai = new OpenAI({ apiKey: 'sk-second', baseURL: `${fake.baseUrl}/v1` });
    const secret = await openai.realtime.clientSecrets.create({
      session: { type: 'realtime', model: 'gpt-realtime', instructions: 'Minted instructions.' },
    });
    const client = await RawRealtimeClient.open(wsUrl, { protocols: ['realtime', `openai-insecure-api-key.${secret.value}`] });
    expect(client.protocol).toBe('realtime');
    const created = await client.next('session.created');
    expect(created.session).toMatchObject({ instructions: 'Minted instructions.' });
    client.close();
  });

  it('refuses an unknown key or an expired secret before upgrading', async () => {
    await expect(RawRealtimeClient.open(wsUrl, bearer('sk-wrong'))).rejects.toThrow('HTTP 401');
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1` });
    const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } });
    fake.expireClientSecrets();
    await expect(RawRealtimeClient.open(wsUrl, bearer(secret.value))).rejects.toThrow('HTTP 401');
  });

  it('drops the socket mid-response when the fault says so', async () => {
    fake.faults.set([{ route: 'realtime', dropMidResponse: true, times: 1 }]);
    const client = await RawRealtimeClient.open(wsUrl, bearer('sk-test'));
    await sayHello(client);
    client.send({ type: 'response.create' });
    await client.closed();
    expect(client.ofType('response.output_audio.delta').length).toBeGreaterThan(0);
    expect(client.ofType('response.done')).toEqual([]);
  });
});
