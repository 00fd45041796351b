import { randomUUID } from 'node:crypto';
import type { ResponseFunctionToolCall } from 'openai/resources/responses/responses';
import { WorkbenchError } from '../../src-shared/errors';
import type { SupervisorLoop } from './supervisor';

/** How long a paused supervisor answer is kept for the user's decision before it is dropped. */
export const SUPERVISOR_PAUSE_KEPT_MS = 30 * 60_000;

interface Paused {
  readonly sessionId: string;
  readonly loop: SupervisorLoop;
  readonly call: ResponseFunctionToolCall;
  readonly timer: ReturnType<typeof setTimeout>;
}

/**
 * Supervisor answers paused on an "ask me" tool, kept in main between `supervisor:run` and
 * `supervisor:resume`. Nothing here waits: each is dropped when its session ends, or when nobody
 * decides within `SUPERVISOR_PAUSE_KEPT_MS`, so a forgotten pause never holds memory for long.
 */
export class SupervisorPauses {
  private readonly paused = new Map<string, Paused>();

  constructor(private readonly keptMs = SUPERVISOR_PAUSE_KEPT_MS) {}

  /** Keeps a paused answer; answers the id the page resumes it with. */
  hold(sessionId: string, loop: SupervisorLoop, call: ResponseFunctionToolCall): string {
    const pauseId = randomUUID();
    const timer = setTimeout(() => this.paused.delete(pauseId), this.keptMs);
    timer.unref?.();
    this.paused.set(pauseId, { sessionId, loop, call, timer });
    return pauseId;
  }

  /** Takes a paused answer out to go on with it; a pause of another session is not found either. */
  take(sessionId: string, pauseId: string): SupervisorLoop {
    const paused = this.paused.get(pauseId);
    if (!paused || paused.sessionId !== sessionId)
      throw new WorkbenchError(
        'not_waiting',
        `The supervisor is no longer waiting for this decision: its session ended, it was already decided, or nobody decided within ${this.keptMs / 60_000} minutes.`,
        'pauseId',
      );
    clearTimeout(paused.timer);
    this.paused.delete(pauseId);
    return paused.loop;
  }

  /** Drops every pause of an ended session; answers how many there were. */
  dropSession(sessionId: string): number {
    let dropped = 0;
    for (const [pauseId, paused] of this.paused) {
      if (paused.sessionId !== sessionId) continue;
      clearTimeout(paused.timer);
      this.paused.delete(pauseId);
      dropped += 1;
    }
    return dropped;
  }

  get size(): number {
    return this.paused.size;
  }
}
