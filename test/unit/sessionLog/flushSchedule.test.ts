import { describe, expect, it, vi } from 'vitest';
import { createFlushSchedule, describeWriteFailure } from '../../../src-main/services/sessionLog/flushSchedule';
import { useFakeTimers } from './logFixtures';

describe('when a session writer writes next', () => {
  useFakeTimers();

  it('writes once, 100 ms after the first of many appends', () => {
    const flush = vi.fn();
    const schedule = createFlushSchedule(flush);
    schedule.soon();
    vi.advanceTimersByTime(60);
    schedule.soon();
    schedule.retry();
    vi.advanceTimersByTime(39);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(flush).toHaveBeenCalledTimes(1);
  });

  it('waits two seconds before writing again while the disk refuses writes, and 100 ms once it takes them', () => {
    const flush = vi.fn();
    const schedule = createFlushSchedule(flush);
    schedule.setProblem('The disk is full.');
    schedule.soon();
    vi.advanceTimersByTime(1_999);
    expect(flush).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(flush).toHaveBeenCalledTimes(1);
    schedule.retry();
    vi.advanceTimersByTime(2_000);
    expect(flush).toHaveBeenCalledTimes(2);
    schedule.setProblem(undefined);
    schedule.soon();
    vi.advanceTimersByTime(100);
    expect(flush).toHaveBeenCalledTimes(3);
  });

  it('reports a problem when it starts and when it clears, not again while it lasts', () => {
    const onProblem = vi.fn();
    const schedule = createFlushSchedule(vi.fn(), onProblem);
    schedule.setProblem('The disk is full.');
    schedule.setProblem('The disk is full.');
    expect(schedule.problem()).toBe('The disk is full.');
    schedule.setProblem(undefined);
    expect(onProblem.mock.calls).toEqual([['The disk is full.'], [undefined]]);
  });

  it('writes nothing on its own once stopped, the write that was waiting included', () => {
    const flush = vi.fn();
    const schedule = createFlushSchedule(flush);
    schedule.soon();
    schedule.stop();
    schedule.soon();
    schedule.retry();
    vi.advanceTimersByTime(5_000);
    expect(flush).not.toHaveBeenCalled();
  });
});

describe('why a session file could not be written', () => {
  const failure = (code: string) => Object.assign(new Error('failed'), { code });

  it('says the audio resumes with silence for the gap, where the log just resumes', () => {
    expect(describeWriteFailure('session audio', '/s/a.wav', failure('ENOSPC'))).toBe(
      'The disk is full: the session audio /s/a.wav is not being saved. Free some space; the session goes on and recording resumes (with silence for the gap).',
    );
    expect(describeWriteFailure('session log', '/s/a.jsonl', failure('ENOSPC'))).toBe(
      'The disk is full: the session log /s/a.jsonl is not being saved. Free some space; the session goes on and saving resumes.',
    );
    expect(describeWriteFailure('session audio', '/s/a.wav', failure('ENOENT'))).toBe(
      'The sessions folder for /s/a.wav is gone. The session goes on; recording resumes (with silence for the gap) if the folder comes back.',
    );
  });

  it('does not fail itself when a write was rejected with no error at all', () => {
    expect(describeWriteFailure('session log', '/s/a.jsonl', undefined)).toBe(
      'The session log /s/a.jsonl could not be written: undefined. The session goes on.',
    );
  });
});
