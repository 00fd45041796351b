import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { TurnWatch, defaultTurnTimeouts } from '../../../src-shared/scenarioTests/turnWatch';

/**
 * When a test's turn is over, on a clock the test moves by hand: the watch polls every 25 ms on the session
 * clock (performance.now), so each check below advances that clock to just before or just at a boundary.
 */
let seq = 0;
const event = (type: string, payload: Record<string, unknown> = {}, direction: SessionEvent['direction'] = 'server'): SessionEvent => ({
  seq: seq++,
  t: performance.now(),
  direction,
  type,
  payload,
});

const assistantDone = (id: string) =>
  event('conversation.item.done', {
    item: { id, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Done.' }] },
  });
const callAdded = (callId: string) =>
  event('conversation.item.done', { item: { id: `item-${callId}`, type: 'function_call', call_id: callId, name: 'lookupOrders', arguments: '{}' } });
const callAnswered = (callId: string) =>
  event('conversation.item.create', { item: { type: 'function_call_output', call_id: callId, output: '{"ok":true}' } }, 'client');

/** Whether the promise has settled, and how, after the clock moved. */
function track(promise: Promise<void>) {
  const state: { settled: 'no' | 'resolved' | 'rejected'; error: unknown } = { settled: 'no', error: undefined };
  promise.then(
    () => (state.settled = 'resolved'),
    (error: unknown) => {
      state.settled = 'rejected';
      state.error = error;
    },
  );
  return state;
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
  seq = 0;
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a turn watch', () => {
  it('starts from the default timeouts, overriding only what it is given', () => {
    expect(defaultTurnTimeouts).toEqual({ turnMs: 60_000, settleMs: 400 });
    expect(new TurnWatch(() => false, undefined).timeouts).toEqual({ turnMs: 60_000, settleMs: 400 });
    expect(new TurnWatch(() => false, { settleMs: 50 }).timeouts).toEqual({ turnMs: 60_000, settleMs: 50 });
  });

  it('keeps every event it takes, and its position is the index the next event will have', () => {
    const watch = new TurnWatch(() => false, undefined);
    expect(watch.position).toBe(0);
    const first = event('session.created');
    watch.take(first);
    watch.take(event('input_audio_buffer.append', {}, 'client'));
    expect(watch.position).toBe(2);
    expect(watch.events[0]).toBe(first);
  });

  it('ends a turn once a response is done and the server has been quiet for settleMs, not before', async () => {
    const watch = new TurnWatch(() => false, { settleMs: 100 });
    const from = watch.position;
    watch.take(assistantDone('a1'));
    watch.take(event('response.done', { response: { status: 'completed' } }));
    const over = track(watch.turnOver(from, 'the answer'));
    await vi.advanceTimersByTimeAsync(75);
    expect(over.settled).toBe('no');
    // Exactly settleMs after the last server event counts as quiet.
    await vi.advanceTimersByTimeAsync(25);
    expect(over.settled).toBe('resolved');
  });

  it('restarts the quiet period at each server event, but not at what the client sends', async () => {
    const watch = new TurnWatch(() => false, { settleMs: 100 });
    watch.take(event('response.done', { response: { status: 'completed' } }));
    const over = track(watch.turnOver(0, 'the answer'));
    await vi.advanceTimersByTimeAsync(50);
    watch.take(event('input_audio_buffer.append', {}, 'client'));
    await vi.advanceTimersByTimeAsync(50);
    expect(over.settled).toBe('resolved');

    const second = new TurnWatch(() => false, { settleMs: 100 });
    second.take(event('response.done', { response: { status: 'completed' } }));
    const overAgain = track(second.turnOver(0, 'the answer'));
    await vi.advanceTimersByTimeAsync(50);
    second.take(event('rate_limits.updated'));
    await vi.advanceTimersByTimeAsync(75);
    expect(overAgain.settled).toBe('no');
    await vi.advanceTimersByTimeAsync(25);
    expect(overAgain.settled).toBe('resolved');
  });

  it('is not over without a response done since the turn began, however quiet the server', async () => {
    const watch = new TurnWatch(() => false, { settleMs: 10, turnMs: 10_000 });
    watch.take(event('response.done', { response: { status: 'completed' } }));
    const from = watch.position;
    watch.take(event('response.created'));
    const over = track(watch.turnOver(from, 'the second answer'));
    await vi.advanceTimersByTimeAsync(500);
    expect(over.settled).toBe('no');
    watch.take(event('response.done', { response: { status: 'completed' } }));
    await vi.advanceTimersByTimeAsync(50);
    expect(over.settled).toBe('resolved');
  });

  it('waits for a tool that is still running, and for a guardrail verdict still pending', async () => {
    const watch = new TurnWatch(() => false, { settleMs: 10, turnMs: 10_000 });
    watch.take(event('session.started', { agent: 'returns', guardrails: true }, 'app'));
    watch.take(assistantDone('a1'));
    watch.take(callAdded('c1'));
    watch.take(event('response.done', { response: { status: 'completed' } }));
    const over = track(watch.turnOver(0, 'the tool'));
    await vi.advanceTimersByTimeAsync(500);
    expect(over.settled).toBe('no');
    watch.take(callAnswered('c1'));
    await vi.advanceTimersByTimeAsync(500);
    // The tool is done; the guardrail on the assistant's message still has to answer.
    expect(over.settled).toBe('no');
    watch.take(event('guardrail.verdict', { itemId: 'a1', tripped: false, category: 'none', rationale: 'fine' }, 'app'));
    await vi.advanceTimersByTimeAsync(50);
    expect(over.settled).toBe('resolved');
  });

  it('waits for the assistant to start speaking after the given event, by audio or by the audio buffer starting', async () => {
    const watch = new TurnWatch(() => false, { turnMs: 10_000 });
    watch.take(event('response.output_audio.delta', { delta: '' }));
    const from = watch.position;
    const byDelta = track(watch.speaking(from, 'the greeting'));
    watch.take(event('response.created'));
    await vi.advanceTimersByTimeAsync(100);
    expect(byDelta.settled).toBe('no');
    watch.take(event('response.output_audio.delta', { delta: '' }));
    await vi.advanceTimersByTimeAsync(25);
    expect(byDelta.settled).toBe('resolved');

    const byBuffer = track(watch.speaking(watch.position, 'the next reply'));
    await vi.advanceTimersByTimeAsync(100);
    expect(byBuffer.settled).toBe('no');
    watch.take(event('output_audio_buffer.started'));
    await vi.advanceTimersByTimeAsync(25);
    expect(byBuffer.settled).toBe('resolved');
  });

  it('fails in words when the session ends while waiting', async () => {
    let ended = false;
    const watch = new TurnWatch(() => ended, undefined);
    const waiting = track(watch.until('the reply', () => false));
    await vi.advanceTimersByTimeAsync(100);
    expect(waiting.settled).toBe('no');
    ended = true;
    await vi.advanceTimersByTimeAsync(25);
    expect(waiting.settled).toBe('rejected');
    expect(waiting.error).toBeInstanceOf(WorkbenchError);
    expect(waiting.error).toMatchObject({ code: 'upstream_unreachable', message: 'The session ended while waiting for the reply.' });
  });

  it('gives up after turnMs, naming what it waited for and the last four events', async () => {
    const watch = new TurnWatch(() => false, { turnMs: 2000 });
    for (const type of ['session.created', 'response.created', 'response.output_text.delta', 'response.output_text.done', 'rate_limits.updated'])
      watch.take(event(type));
    const waiting = track(watch.until('the answer', () => false));
    // At exactly turnMs the deadline has not passed yet; the next poll gives up.
    await vi.advanceTimersByTimeAsync(2000);
    expect(waiting.settled).toBe('no');
    await vi.advanceTimersByTimeAsync(25);
    expect(waiting.settled).toBe('rejected');
    expect(waiting.error).toBeInstanceOf(WorkbenchError);
    expect(waiting.error).toMatchObject({
      code: 'timeout',
      message:
        'Gave up waiting for the answer after 2 s; the last events were response.created, response.output_text.delta, response.output_text.done, rate_limits.updated.',
    });
  });

  it('returns at once when the condition already holds', async () => {
    const watch = new TurnWatch(() => true, { turnMs: 0 });
    await expect(watch.until('nothing', () => true)).resolves.toBeUndefined();
  });
});
