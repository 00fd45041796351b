import { describe, expect, it } from 'vitest';
import { SessionCalls } from '../../../src-main/services/sessionCalls';

const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_resolve, reject) => signal.addEventListener('abort', () => reject(new Error('aborted'))));

describe('session calls', () => {
  it('cancels every call of an ended session, and only that session', async () => {
    const calls = new SessionCalls();
    const first = calls.run('a', 'The supervisor call', 10_000, untilAborted);
    const second = calls.run('a', 'The guardrail call', 10_000, untilAborted);
    const other = calls.run('b', 'The supervisor call', 10_000, async () => 'done');
    expect(calls.cancel('a')).toBe(2);
    await expect(first).rejects.toMatchObject({ code: 'cancelled', message: 'The supervisor call was cancelled because the session ended.' });
    await expect(second).rejects.toMatchObject({ code: 'cancelled' });
    await expect(other).resolves.toBe('done');
    expect(calls.cancel('a')).toBe(0);
  });

  it('stops a call that outlives its timeout, saying how long it was given', async () => {
    await expect(new SessionCalls().run('a', 'The escalation call', 20, untilAborted)).rejects.toMatchObject({
      code: 'timeout',
      message: 'The escalation call took longer than 0.02 s and was stopped.',
    });
  });

  it('passes other failures through unchanged', async () => {
    const failure = new Error('boom');
    await expect(
      new SessionCalls().run('a', 'x', 1_000, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });
});
