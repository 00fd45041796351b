import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { runTestOnce, type TestPort } from '../../../src-shared/scenarioTests/testRun';
import type { ScenarioTest } from '../../../src-shared/scenarioTests/testsFile';
import { PageTestSession } from '../../../src-renderer/src/engine/live/pageTestSession';

const timeouts = { settleMs: 20, turnMs: 2_000 };
/** The silence after each spoken turn, short here. */
const SILENCE_MS = 40;
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A clip's samples, told apart by their value. */
const clip = (value: number, samples = 240) => new Int16Array(samples).fill(value);

interface Heard {
  /** What the server's transcription says the clip said. */
  readonly transcript: string;
  readonly reply: string;
  /** How long after the clip has played the answer is done. */
  readonly answerAfterMs?: number;
}

/**
 * A live session whose microphone is played into: each clip "plays" for a moment, then the server hears it as
 * a person's turn (speech started, the user item and its transcription), and the assistant starts speaking and
 * answers, as the page's session records a voice turn over WebRTC.
 */
function liveWithMicrophone(session: PageTestSession, hear: (clip: Int16Array) => Heard) {
  let seq = 0;
  let ended = false;
  const played: { value: number; at: number }[] = [];
  const speakingAt: number[] = [];
  const doneAt: number[] = [];
  const emit = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>) =>
    session.take({ seq: seq++, t: seq, direction, type, payload });
  session.attach({
    sendText: () => undefined,
    play: async (pcm) => {
      played.push({ value: pcm[0] ?? 0, at: performance.now() });
      const { transcript, reply, answerAfterMs = 10 } = hear(pcm);
      const id = `msg_${seq}`;
      emit('server', 'input_audio_buffer.speech_started', { item_id: `u${id}` });
      await sleep(30);
      const item = { id: `u${id}`, type: 'message', role: 'user', content: [{ type: 'input_audio', transcript: null }] };
      emit('server', 'conversation.item.added', { item });
      emit('server', 'conversation.item.input_audio_transcription.completed', { item_id: `u${id}`, transcript });
      setTimeout(() => {
        speakingAt.push(performance.now());
        emit('server', 'output_audio_buffer.started', { response_id: `r${id}` });
        emit('server', 'response.output_text.delta', { item_id: id, response_id: `r${id}`, delta: reply });
      }, 5);
      setTimeout(() => {
        doneAt.push(performance.now());
        emit('server', 'response.done', {
          response: {
            id: `r${id}`,
            status: 'completed',
            output: [{ id, type: 'message', role: 'assistant', content: [{ type: 'output_text', text: reply }] }],
          },
        });
      }, answerAfterMs);
    },
    get isEnded() {
      return ended;
    },
    close: () => {
      ended = true;
      return Promise.resolve('log-audio');
    },
  });
  return { played, speakingAt, doneAt };
}

function portFor(session: PageTestSession, audio: Record<string, Int16Array>, extra: Partial<TestPort> = {}): TestPort & { read: string[] } {
  const read: string[] = [];
  return {
    read,
    openSession: () => Promise.resolve(session),
    judge: (criterion) =>
      Promise.resolve({ verdict: 'pass', reason: `yes: ${criterion}`, model: 'judge', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } }),
    callerLine: () => Promise.reject(new Error('no caller here')),
    readAudio: (path) => {
      read.push(path);
      const samples = audio[path];
      return samples
        ? Promise.resolve(samples)
        : Promise.reject(new WorkbenchError('io_error', `Cannot read the audio file /tests/${path}: no such file`));
    },
    speak: () => Promise.reject(new Error('no speech here')),
    ...extra,
  };
}

describe('the page’s test session with audio', () => {
  it('plays each audio turn into the microphone, tells the turn as it starts, and checks the answer to what the server heard', async () => {
    const turns: number[] = [];
    const session = new PageTestSession((turn) => turns.push(turn), timeouts, SILENCE_MS);
    const live = liveWithMicrophone(session, (pcm) =>
      pcm[0] === 1000
        ? { transcript: 'Hello there', reply: 'Welcome to the poetry studio!' }
        : { transcript: 'A haiku, please', reply: 'The pond holds the moon.' },
    );
    const test: ScenarioTest = {
      name: 'speaks',
      runs: 1,
      minPassRate: 1,
      turns: [
        { audio: 'hello.wav', expect: { replyIncludes: 'poetry studio' } },
        { audio: 'haiku.wav', expect: { replyIncludes: 'moon' } },
      ],
    };
    const port = portFor(session, { 'hello.wav': clip(1000), 'haiku.wav': clip(2000) });
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', port);
    expect(outcome).toMatchObject({ passed: true, error: undefined, logId: 'log-audio' });
    expect(outcome.turns.map((turn) => [turn.user, turn.reply])).toEqual([
      ['Hello there', 'Welcome to the poetry studio!'],
      ['A haiku, please', 'The pond holds the moon.'],
    ]);
    expect(port.read).toEqual(['hello.wav', 'haiku.wav']);
    expect(live.played.map((each) => each.value)).toEqual([1000, 2000]);
    expect(turns).toEqual([1, 2]);
  });

  it('waits for the answer to a turn before playing the next', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    const live = liveWithMicrophone(session, () => ({ transcript: 'Hi', reply: 'Hello!', answerAfterMs: 150 }));
    const test: ScenarioTest = { name: 'paced', runs: 1, minPassRate: 1, turns: [{ audio: 'a.wav' }, { audio: 'b.wav' }] };
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', portFor(session, { 'a.wav': clip(1), 'b.wav': clip(2) }));
    expect(outcome).toMatchObject({ passed: true, error: undefined });
    expect(live.played).toHaveLength(2);
    expect(live.played[1]!.at).toBeGreaterThanOrEqual(live.doneAt[0]! + timeouts.settleMs);
  });

  it('barges in: the next audio turn plays its interruptAfterMs after the assistant starts speaking, without waiting for the answer', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    const live = liveWithMicrophone(session, (pcm) =>
      pcm[0] === 1
        ? { transcript: 'Tell me a long story', reply: 'Once upon a time…', answerAfterMs: 1_000 }
        : { transcript: 'Stop, a haiku instead', reply: 'The pond holds the moon.' },
    );
    const test: ScenarioTest = {
      name: 'interrupts',
      runs: 1,
      minPassRate: 1,
      turns: [{ audio: 'story.wav' }, { audio: 'stop.wav', interruptAfterMs: 100, expect: { replyIncludes: 'moon' } }],
    };
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', portFor(session, { 'story.wav': clip(1), 'stop.wav': clip(2) }));
    expect(outcome).toMatchObject({ passed: true, error: undefined });
    const [story, stop] = live.played;
    // Played after the assistant began speaking plus the interruption's delay, and before the story's answer was done.
    expect(stop!.at - live.speakingAt[0]!).toBeGreaterThanOrEqual(95);
    expect(stop!.at - story!.at).toBeLessThan(1_000);
  });

  it('lets the microphone’s silence follow the audio before a turn counts as spoken, so turn detection hears its end', async () => {
    const session = new PageTestSession(undefined, timeouts, 150);
    let playedAt = 0;
    session.attach({
      sendText: () => undefined,
      play: () => {
        playedAt = performance.now();
        return Promise.resolve();
      },
      isEnded: false,
      close: () => Promise.resolve('x'),
    });
    await session.speak(clip(1), 'the audio a.wav', { waitForAnswer: false });
    expect(performance.now() - playedAt).toBeGreaterThanOrEqual(145);
  });

  it('fails the run with the reason, naming the file, when an audio file cannot be read, and plays nothing', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    const live = liveWithMicrophone(session, () => ({ transcript: 'Hi', reply: 'Hello!' }));
    const test: ScenarioTest = { name: 'missing', runs: 1, minPassRate: 1, turns: [{ audio: 'gone.wav' }] };
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', portFor(session, {}));
    expect(outcome).toMatchObject({ passed: false, error: 'Cannot read the audio file /tests/gone.wav: no such file', logId: 'log-audio' });
    expect(live.played).toEqual([]);
  });

  it('a voice caller’s lines are spoken through the port and played into the microphone', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    const live = liveWithMicrophone(session, () => ({ transcript: 'Could you write me a haiku?', reply: 'The pond holds the moon.' }));
    const spoken: string[] = [];
    let lines = 0;
    const port = portFor(
      session,
      {},
      {
        callerLine: () => {
          lines += 1;
          const done = lines > 1;
          return Promise.resolve({
            message: done ? '' : 'Could you write me a haiku?',
            done,
            model: 'caller',
            usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 },
          });
        },
        speak: (text) => {
          spoken.push(text);
          return Promise.resolve(clip(4242));
        },
      },
    );
    const test: ScenarioTest = {
      name: 'voice caller',
      runs: 1,
      minPassRate: 1,
      caller: { persona: 'impatient', goal: 'A haiku.', success: 'The assistant wrote a haiku.', maxTurns: 3, voice: true },
    };
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', port);
    expect(outcome).toMatchObject({ passed: true, error: undefined, callerDone: true });
    expect(spoken).toEqual(['Could you write me a haiku?']);
    expect(live.played.map((each) => each.value)).toEqual([4242]);
    expect(outcome.turns.map((turn) => turn.user)).toEqual(['Could you write me a haiku?']);
  });

  it('says the session ended, not that the microphone closed, when the session ends while audio plays', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    let ended = false;
    session.attach({
      sendText: () => undefined,
      play: () => {
        ended = true;
        return Promise.reject(new WorkbenchError('transport_closed', 'The test’s microphone was closed while audio played.'));
      },
      get isEnded() {
        return ended;
      },
      close: () => Promise.resolve('x'),
    });
    await expect(session.speak(clip(1), 'the audio hello.wav')).rejects.toThrow('The session ended while the audio hello.wav was being played.');
  });

  it('passes on a microphone fault while the session is still up, in its own words', async () => {
    const session = new PageTestSession(undefined, timeouts, SILENCE_MS);
    session.attach({
      sendText: () => undefined,
      play: () => Promise.reject(new WorkbenchError('internal', 'The test’s microphone cannot play audio: the page’s audio is suspended.')),
      isEnded: false,
      close: () => Promise.resolve('x'),
    });
    await expect(session.speak(clip(1), 'the audio hello.wav')).rejects.toThrow('the page’s audio is suspended');
  });
});
