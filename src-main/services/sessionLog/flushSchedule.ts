/** Main writes what it has at least this often, so a killed process loses at most this much. */
export const FLUSH_INTERVAL_MS = 100;
/** After a failed write (full disk, folder gone) a writer tries again this much later. */
export const RETRY_AFTER_MS = 2_000;

/**
 * When a session writer (log or audio) writes next, and why it cannot write right now: one flush pending
 * at a time, sooner while all is well and later after a failure, and the problem reported only when it changes.
 */
export interface FlushSchedule {
  /** Flushes after the normal interval, or the retry delay while there is a problem; no-op if one is pending. */
  soon(): void;
  /** Flushes again after the retry delay. */
  retry(): void;
  setProblem(problem: string | undefined): void;
  problem(): string | undefined;
  /** No flush after this; what is pending is cancelled (the writer flushes itself on close). */
  stop(): void;
}

export function createFlushSchedule(flush: () => unknown, onProblem?: (problem: string | undefined) => void): FlushSchedule {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let problem: string | undefined;
  let stopped = false;

  function after(delay: number): void {
    if (timer !== undefined || stopped) return;
    timer = setTimeout(() => {
      timer = undefined;
      void flush();
    }, delay);
  }

  return {
    soon: () => after(problem === undefined ? FLUSH_INTERVAL_MS : RETRY_AFTER_MS),
    retry: () => after(RETRY_AFTER_MS),
    setProblem(next) {
      if (next === problem) return;
      problem = next;
      onProblem?.(next);
    },
    problem: () => problem,
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
  };
}

/** Why a session file could not be written, in words for the user; the session goes on either way. */
export function describeWriteFailure(what: 'session log' | 'session audio', file: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const resumes = what === 'session log' ? 'saving resumes' : 'recording resumes (with silence for the gap)';
  if (code === 'ENOSPC') return `The disk is full: the ${what} ${file} is not being saved. Free some space; the session goes on and ${resumes}.`;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
    return `The ${what} ${file} cannot be written (${code}: permission denied). The session goes on; check the folder's permissions.`;
  if (code === 'ENOENT') return `The sessions folder for ${file} is gone. The session goes on; ${resumes} if the folder comes back.`;
  return `The ${what} ${file} could not be written: ${error instanceof Error ? error.message : String(error)}. The session goes on.`;
}
