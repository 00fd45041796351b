import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleTimeout } from '../../../e2e/fake-openai/idleTimeout';
import type { OutgoingEvent } from '../../../e2e/fake-openai/realtimeLink';

const event = (type: string) => ({ type }) as OutgoingEvent;

function watch(timeoutMs: number | undefined) {
  const fired: [number, number][] = [];
  let audioMs = 0;
  const idle = new IdleTimeout({ timeoutMs: () => timeoutMs, audioMs: () => audioMs, fire: (start, end) => fired.push([start, end]) });
  return { idle, fired, advance: (ms: number) => ((audioMs += ms), vi.advanceTimersByTime(ms)) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the fake server's idle timeout", () => {
  it('fires once the timeout passes after a response with no audio, with the silent stretch of input audio', () => {
    const { idle, fired, advance } = watch(5000);
    idle.observe(event('response.done'));
    advance(4999);
    expect(fired).toEqual([]);
    advance(1);
    expect(fired).toEqual([[0, 5000]]);
  });

  it('counts from the end of the played audio, not from response.done, over WebRTC', () => {
    const { idle, fired, advance } = watch(5000);
    idle.observe(event('output_audio_buffer.started'));
    idle.observe(event('response.done'));
    advance(6000);
    expect(fired).toEqual([]);
    idle.observe(event('output_audio_buffer.stopped'));
    advance(5000);
    expect(fired).toEqual([[6000, 11000]]);
  });

  it('is stopped by speech, by a new response, and never runs without an idle_timeout_ms', () => {
    const speaking = watch(5000);
    speaking.idle.observe(event('response.done'));
    speaking.advance(2000);
    speaking.idle.observe(event('input_audio_buffer.speech_started'));
    speaking.advance(10000);
    expect(speaking.fired).toEqual([]);

    const answering = watch(5000);
    answering.idle.observe(event('response.done'));
    answering.idle.observe(event('response.created'));
    answering.advance(10000);
    expect(answering.fired).toEqual([]);

    const none = watch(undefined);
    none.idle.observe(event('response.done'));
    none.advance(60000);
    expect(none.fired).toEqual([]);
  });
});
