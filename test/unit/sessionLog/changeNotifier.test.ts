import { describe, expect, it, vi } from 'vitest';
import { ChangeNotifier } from '../../../src-main/services/sessionLog/changeNotifier';
import { useFakeTimers } from './logFixtures';

function notifierWithListener() {
  const notifier = new ChangeNotifier();
  const listener = vi.fn();
  notifier.subscribe(listener);
  return { notifier, listener };
}

describe('the Sessions panel change notifier', () => {
  useFakeTimers();

  it('tells the panel once a second, not on every write, while a session records', () => {
    const { notifier, listener } = notifierWithListener();
    notifier.soon();
    vi.advanceTimersByTime(500);
    notifier.soon();
    vi.advanceTimersByTime(499);
    expect(listener).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(listener).toHaveBeenCalledTimes(1);
    notifier.soon();
    vi.advanceTimersByTime(1_000);
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('tells the panel at once when something happens now, folding in the notice that was waiting', () => {
    const { notifier, listener } = notifierWithListener();
    notifier.soon();
    notifier.now();
    expect(listener).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(5_000);
    expect(listener).toHaveBeenCalledTimes(1);
    notifier.now();
    expect(listener).toHaveBeenCalledTimes(2);
  });

  it('tells every listener, and no longer one that unsubscribed', () => {
    const notifier = new ChangeNotifier();
    const [first, second] = [vi.fn(), vi.fn()];
    const unsubscribe = notifier.subscribe(first);
    notifier.subscribe(second);
    notifier.now();
    unsubscribe();
    notifier.now();
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });

  it('drops the waiting notice when the host closes', () => {
    const { notifier, listener } = notifierWithListener();
    notifier.soon();
    notifier.stop();
    vi.advanceTimersByTime(5_000);
    expect(listener).not.toHaveBeenCalled();
  });
});
