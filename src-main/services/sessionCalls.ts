import { WorkbenchError } from '../../src-shared/errors';

/** Tracks the server-side calls a realtime session started, so ending the session cancels them. */
export class SessionCalls {
  private readonly active = new Map<string, Set<AbortController>>();

  /** Runs `work` with a signal that aborts when the session ends or the timeout passes. */
  async run<T>(sessionId: string, what: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    const calls = this.active.get(sessionId) ?? new Set();
    calls.add(controller);
    this.active.set(sessionId, calls);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    try {
      return await work(controller.signal);
    } catch (error) {
      if (timedOut) throw new WorkbenchError('timeout', `${what} took longer than ${timeoutMs / 1000} s and was stopped.`);
      if (controller.signal.aborted) throw new WorkbenchError('cancelled', `${what} was cancelled because the session ended.`);
      throw error;
    } finally {
      clearTimeout(timer);
      calls.delete(controller);
      if (calls.size === 0) this.active.delete(sessionId);
    }
  }

  /** Aborts every call still running for the session; answers how many there were. */
  cancel(sessionId: string): number {
    const calls = this.active.get(sessionId);
    if (!calls) return 0;
    for (const controller of calls) controller.abort();
    this.active.delete(sessionId);
    return calls.size;
  }
}
