import { describe, expect, it } from 'vitest';
import type { EventDirection, SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTurns, reduceTurns, type TurnTiming } from '../../src-shared/turnTimings';

let seq = 0;
function event(t: number, direction: EventDirection, type: string, payload: Record<string, unknown> = {}): SessionEvent {
  seq += 1;
  return { seq, t, direction, type, payload };
}
const userItem = { item: { type: 'message', role: 'user' } };
const userAdded = (t: number) => event(t, 'server', 'conversation.item.added', userItem);
const done = (t: number, usage?: Record<string, unknown>) => event(t, 'server', 'response.done', { response: usage === undefined ? {} : { usage } });

function turnsOf(events: SessionEvent[]): TurnTiming[] {
  return reduceTurns(emptyTurns, events).turns.toArray();
}

describe('turn timings', () => {
  it('times a spoken turn from the end of speech: response created, first text, first audio, done, and its tokens', () => {
    const turns = turnsOf([
      event(1000, 'server', 'input_audio_buffer.speech_stopped'),
      userAdded(1100),
      event(1250, 'server', 'response.created'),
      event(1400, 'server', 'response.output_audio_transcript.delta'),
      event(1500, 'server', 'response.output_audio.delta'),
      event(1600, 'server', 'response.output_text.delta'),
      done(2000, { input_tokens: 120, output_tokens: 30 }),
    ]);
    expect(turns).toEqual([
      { index: 0, startT: 1000, responseCreatedMs: 250, firstTextMs: 400, firstAudioMs: 500, doneMs: 1000, inputTokens: 120, outputTokens: 30 },
    ]);
  });

  it('starts a typed turn when the message is sent, and a push-to-talk turn when the key is released', () => {
    const typed = turnsOf([
      event(500, 'client', 'conversation.item.create', userItem),
      userAdded(560),
      event(600, 'server', 'response.output_text.delta'),
    ]);
    expect(typed).toEqual([expect.objectContaining({ startT: 500, firstTextMs: 100 })]);
    const ptt = turnsOf([event(700, 'app', 'ptt.up'), userAdded(760), event(900, 'server', 'output_audio_buffer.started')]);
    expect(ptt).toEqual([expect.objectContaining({ startT: 700, firstAudioMs: 200 })]);
  });

  it('starts at the user message itself when nothing said the user had finished', () => {
    expect(turnsOf([userAdded(300), event(450, 'server', 'response.created')])).toEqual([
      {
        index: 0,
        startT: 300,
        responseCreatedMs: 150,
        firstTextMs: undefined,
        firstAudioMs: undefined,
        doneMs: undefined,
        inputTokens: 0,
        outputTokens: 0,
      },
    ]);
  });

  it('keeps the first end of speech when the user pauses and goes on, and the first of each milestone', () => {
    const [turn] = turnsOf([
      event(100, 'server', 'input_audio_buffer.speech_stopped'),
      event(400, 'server', 'input_audio_buffer.speech_stopped'),
      userAdded(450),
      event(500, 'server', 'response.created'),
      event(900, 'server', 'response.created'),
      event(600, 'server', 'response.output_text.delta'),
      event(950, 'server', 'response.output_text.delta'),
      event(700, 'server', 'response.output_audio.delta'),
      event(990, 'server', 'response.output_audio.delta'),
    ]);
    expect(turn).toMatchObject({ startT: 100, responseCreatedMs: 400, firstTextMs: 500, firstAudioMs: 600 });
  });

  it('adds up the tokens of every response in a turn and takes the last one as done', () => {
    const [turn] = turnsOf([
      userAdded(0),
      done(100, { input_tokens: 10, output_tokens: 5 }),
      done(300, { input_tokens: 7, output_tokens: 2, total_tokens: 9 }),
    ]);
    expect(turn).toMatchObject({ doneMs: 300, inputTokens: 17, outputTokens: 7 });
  });

  it('counts no tokens for a response without usage or with non-numeric usage', () => {
    const [turn] = turnsOf([userAdded(0), done(50), done(80, { input_tokens: '12', output_tokens: null })]);
    expect(turn).toMatchObject({ doneMs: 80, inputTokens: 0, outputTokens: 0 });
  });

  it('gives each user message its own turn, numbered in order, each timed from its own start', () => {
    const turns = turnsOf([
      event(0, 'server', 'input_audio_buffer.speech_stopped'),
      userAdded(10),
      done(200, { input_tokens: 1, output_tokens: 1 }),
      event(1000, 'server', 'input_audio_buffer.speech_stopped'),
      userAdded(1010),
      event(1100, 'server', 'response.created'),
      done(1300, { input_tokens: 2, output_tokens: 3 }),
    ]);
    expect(turns.map((turn) => [turn.index, turn.startT, turn.responseCreatedMs, turn.doneMs, turn.inputTokens, turn.outputTokens])).toEqual([
      [0, 0, undefined, 200, 1, 1],
      [1, 1000, 100, 300, 2, 3],
    ]);
  });

  it('never reports a negative time for an event stamped before the turn started', () => {
    const [turn] = turnsOf([event(500, 'app', 'ptt.up'), userAdded(520), event(400, 'server', 'response.created')]);
    expect(turn!.responseCreatedMs).toBe(0);
  });

  it('ignores what comes before the first turn, what the client or app sends, and other item kinds', () => {
    expect(turnsOf([event(0, 'server', 'response.created'), done(10, { input_tokens: 5 })])).toEqual([]);
    const [turn] = turnsOf([
      event(0, 'server', 'conversation.item.added', { item: { type: 'message', role: 'assistant' } }),
      event(1, 'server', 'conversation.item.added', { item: { type: 'function_call', role: 'user' } }),
      event(2, 'server', 'conversation.item.added', {}),
      event(3, 'client', 'conversation.item.create', { item: { type: 'message', role: 'assistant' } }),
      event(4, 'client', 'input_audio_buffer.speech_stopped'),
      event(5, 'server', 'ptt.up'),
      userAdded(10),
      event(20, 'client', 'response.created'),
      event(30, 'app', 'response.done', { response: { usage: { input_tokens: 99 } } }),
      event(40, 'server', 'session.updated'),
    ]);
    expect(turnsOf([userAdded(10)])).toHaveLength(1);
    expect(turn).toEqual({
      index: 0,
      startT: 10,
      responseCreatedMs: undefined,
      firstTextMs: undefined,
      firstAudioMs: undefined,
      doneMs: undefined,
      inputTokens: 0,
      outputTokens: 0,
    });
  });

  it('gives the same timings whether the events arrive in one batch or many, and carries a pending start across batches', () => {
    const events = [
      event(100, 'server', 'input_audio_buffer.speech_stopped'),
      userAdded(150),
      event(300, 'server', 'response.created'),
      event(350, 'server', 'response.output_text.delta'),
      done(600, { input_tokens: 4, output_tokens: 6 }),
      event(1000, 'app', 'ptt.up'),
      userAdded(1050),
      done(1400, { input_tokens: 1, output_tokens: 1 }),
    ];
    const whole = reduceTurns(emptyTurns, events);
    let state = emptyTurns;
    for (const one of events) state = reduceTurns(state, [one]);
    expect(state.turns.toArray()).toEqual(whole.turns.toArray());
    const pending = reduceTurns(emptyTurns, [event(2000, 'server', 'input_audio_buffer.speech_stopped')]);
    expect(pending.pendingStart).toBe(2000);
    expect(reduceTurns(pending, [userAdded(2100)]).turns.toArray()).toEqual([expect.objectContaining({ startT: 2000 })]);
    expect(reduceTurns(pending, [userAdded(2100)]).pendingStart).toBeUndefined();
  });

  it('leaves the state it was given untouched', () => {
    const first = reduceTurns(emptyTurns, [userAdded(0), event(10, 'server', 'response.created')]);
    const before = first.turns.toArray();
    reduceTurns(first, [done(50, { input_tokens: 3, output_tokens: 3 }), userAdded(100)]);
    expect(first.turns.toArray()).toEqual(before);
    expect(emptyTurns.turns.toArray()).toEqual([]);
  });
});
