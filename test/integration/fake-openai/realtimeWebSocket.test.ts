import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HAIKU } from '../../../e2e/fake-openai/defaultScript';
import { resample } from '../../../e2e/fake-openai/pcm';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { Speech } from '../../../e2e/fake-openai/speech';
import { assistantSaid, chatAgent, connectOverWebSocket, haikuAgents, historyWhere } from './agentsSdk';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const SUPERVISOR_SAYS = 'Your last bill was $50.00, due May 28.';
let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI({ speech: 'tone' });
});
afterEach(async () => {
  await fake.close();
});

describe('the @openai/agents RealtimeSession over WebSocket', () => {
  it('connects, has a text turn, and the greeting lands in history with no errors', async () => {
    const { session, errors } = await connectOverWebSocket(fake, chatAgent(SUPERVISOR_SAYS));
    session.sendMessage('Hi there');
    const history = await historyWhere(session, 'the greeting', (items) => assistantSaid(items).length === 1);
    expect(assistantSaid(history)).toEqual(["Hi, you've reached Brightwave Mobile, how can I help?"]);
    expect(history[0]).toMatchObject({ type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi there' }] });
    expect(fake.received.sentEvents('response.done').at(-1)?.response.usage?.output_token_details?.audio_tokens).toBeGreaterThan(0);
    expect(fake.received.sentEvents('response.output_audio.delta').length).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    session.close();
  });

  it('calls the tool the script names with its arguments, then reads the tool output back', async () => {
    const { session, errors } = await connectOverWebSocket(fake, chatAgent(SUPERVISOR_SAYS));
    const toolResults: string[] = [];
    session.on('agent_tool_end', (_context, _agent, tool, result) => toolResults.push(`${tool.name}:${result}`));
    session.sendMessage('What was my last bill?');
    const history = await historyWhere(session, 'the supervisor answer read out', (items) => assistantSaid(items).includes(SUPERVISOR_SAYS));
    expect(toolResults).toEqual([`getNextResponseFromSupervisor:${JSON.stringify({ nextResponse: SUPERVISOR_SAYS })}`]);
    const call = history.find((item) => item.type === 'function_call');
    expect(call).toMatchObject({ name: 'getNextResponseFromSupervisor', status: 'completed' });
    expect(JSON.parse((call as { arguments: string }).arguments)).toHaveProperty('relevantContextFromLastUserMessage');
    expect(assistantSaid(history)).toEqual(['Let me check that for you.', SUPERVISOR_SAYS]);
    expect(errors).toEqual([]);
    session.close();
  });

  it('hands off from the greeter to the haiku writer, who then speaks', async () => {
    const { greeter } = haikuAgents();
    const { session, errors } = await connectOverWebSocket(fake, greeter);
    const handoffs: string[] = [];
    session.on('agent_handoff', (_context, from, to) => handoffs.push(`${from.name}->${to.name}`));
    session.sendMessage('Could you write me a haiku?');
    const history = await historyWhere(session, 'the haiku', (items) => assistantSaid(items).includes(HAIKU));
    expect(handoffs).toEqual(['greeter->haikuWriter']);
    expect(session.currentAgent.name).toBe('haikuWriter');
    expect(history.find((item) => item.type === 'function_call')).toMatchObject({ name: 'transfer_to_haikuWriter', arguments: '{}' });
    // After the handoff the SDK re-sends the session for the new agent; the fake answered it.
    const updates = fake.received.clientEvents('session.update');
    expect(JSON.stringify(updates.at(-1)?.event)).toContain('You write haiku');
    expect(errors).toEqual([]);
    session.close();
  });

  it('stops a response the user interrupts: cancelled, truncated, and no error', async () => {
    fake.setScript({
      agents: { any: { instructionsInclude: 'Brightwave' } },
      realtime: [{ agent: 'any', say: 'This is a long answer '.repeat(12) }],
    });
    const { session, errors } = await connectOverWebSocket(fake, chatAgent(SUPERVISOR_SAYS));
    const firstAudio = new Promise<void>((resolve) => session.once('audio', () => resolve()));
    session.sendMessage('Tell me everything');
    await firstAudio;
    session.interrupt();
    await fake.received.waitFor('a cancelled response', () =>
      fake.received.sentEvents('response.done').some((event) => event.response.status === 'cancelled'),
    );
    await fake.received.waitFor('the truncation', () => fake.received.sentEvents('conversation.item.truncated').length === 1);
    const truncate = fake.received.clientEvents('conversation.item.truncate')[0]!.event as { audio_end_ms: number };
    expect(truncate.audio_end_ms).toBeGreaterThanOrEqual(0);
    expect(fake.received.sentEvents('error')).toEqual([]);
    expect(errors).toEqual([]);
    session.close();
  });
});

describe('voice turns over WebSocket', () => {
  /** espeak speech (or a tone) at 24 kHz, then a second of silence so the VAD sees the turn end. */
  async function utterance(): Promise<ArrayBuffer> {
    const speech = resample(await new Speech('auto').synthesize('What is my account balance'), 48_000, 24_000);
    const withSilence = new Int16Array(speech.length + 24_000);
    withSilence.set(speech);
    return withSilence.buffer;
  }

  function sendInChunks(send: (chunk: ArrayBuffer) => void, audio: ArrayBuffer): void {
    const chunkBytes = 4800; // 100 ms of PCM16 at 24 kHz
    for (let offset = 0; offset < audio.byteLength; offset += chunkBytes) send(audio.slice(offset, offset + chunkBytes));
  }

  it('detects speech with server VAD, transcribes it as the script says, and answers', async () => {
    fake.setScript({
      audioTranscripts: ['What is my account balance?'],
      agents: { chat: { instructionsInclude: 'Brightwave' } },
      realtime: [{ agent: 'chat', userSaid: 'balance', say: 'Fifty dollars.' }],
    });
    const { session, errors } = await connectOverWebSocket(fake, chatAgent(SUPERVISOR_SAYS), {
      config: { audio: { input: { turnDetection: { type: 'server_vad', silenceDurationMs: 300 } } } },
    });
    sendInChunks((chunk) => session.sendAudio(chunk), await utterance());
    const history = await historyWhere(session, 'the answer to the voice turn', (items) => assistantSaid(items).includes('Fifty dollars.'));
    const types = fake.received.sent.map((entry) => entry.event.type);
    expect(types.indexOf('input_audio_buffer.speech_started')).toBeLessThan(types.indexOf('input_audio_buffer.speech_stopped'));
    expect(types.indexOf('input_audio_buffer.speech_stopped')).toBeLessThan(types.indexOf('input_audio_buffer.committed'));
    expect(history[0]).toMatchObject({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_audio', transcript: 'What is my account balance?' }],
    });
    expect(errors).toEqual([]);
    session.close();
  });

  it('with turn detection off (push-to-talk), waits for commit and response.create', async () => {
    const { session, errors } = await connectOverWebSocket(fake, chatAgent(SUPERVISOR_SAYS), {
      config: { audio: { input: { turnDetection: null } } },
    });
    session.transport.sendEvent({ type: 'input_audio_buffer.clear' });
    sendInChunks((chunk) => session.sendAudio(chunk), await utterance());
    await fake.received.waitFor('all audio', () => fake.received.clientEvents('input_audio_buffer.append').length >= 10);
    expect(fake.received.sentEvents('input_audio_buffer.speech_started')).toEqual([]);
    session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
    session.transport.sendEvent({ type: 'response.create' });
    const history = await historyWhere(session, 'an answer', (items) => assistantSaid(items).length === 1);
    expect(history[0]).toMatchObject({ role: 'user', content: [{ type: 'input_audio', transcript: 'Hello there' }] });
    expect(fake.received.sentEvents('input_audio_buffer.cleared')).toHaveLength(1);
    expect(errors).toEqual([]);
    session.close();
  });
});
