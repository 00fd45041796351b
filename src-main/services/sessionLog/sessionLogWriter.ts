import { open } from 'node:fs/promises';
import { createFlushSchedule, describeWriteFailure, FLUSH_INTERVAL_MS } from './flushSchedule';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import {
  accumulateStats,
  emptyStats,
  toLogLine,
  type SessionLogFooter,
  type SessionLogHeader,
  type SessionStats,
} from '../../../src-shared/sessionLog';

export { FLUSH_INTERVAL_MS };

export interface SessionLogWriterOptions {
  readonly file: string;
  readonly header: SessionLogHeader;
  readonly redact: (event: SessionEvent) => SessionEvent;
  /** Called when writing starts failing or recovers; the live session goes on either way. */
  readonly onProblem?: (problem: string | undefined) => void;
  /** Called after each successful write, for the library's live figures. */
  readonly onFlushed?: () => void;
  readonly now?: () => Date;
  /** Opens the file for appending; a new file only, so nobody else's file is ever appended to. */
  readonly openFile?: (file: string) => Promise<LogFile>;
}

/** The part of a file handle the writer uses. */
export interface LogFile {
  write(text: string): Promise<unknown>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

export interface SessionLogWriter {
  readonly file: string;
  readonly header: SessionLogHeader;
  append(events: readonly SessionEvent[]): void;
  stats(): SessionStats;
  /** Why the log is not being written right now, in words for the user; undefined while all is well. */
  problem(): string | undefined;
  /** Events accepted but not (yet) on disk. */
  unsaved(): number;
  /** Writes what is buffered now. */
  flush(): Promise<void>;
  /** Writes the footer and closes the file; the session counts as complete. */
  close(reason: SessionLogFooter['reason']): Promise<void>;
}

/**
 * Appends one session's log: the header at once, then events in batches at most FLUSH_INTERVAL_MS
 * apart, then a footer on a clean end. The file is opened for appending only, so nothing already
 * written is ever rewritten; a failed write is reported and retried, and the partial line it may
 * have left is ended before the next write so a reader skips exactly that one line.
 */
export async function openSessionLogWriter(options: SessionLogWriterOptions): Promise<SessionLogWriter> {
  const now = options.now ?? (() => new Date());
  const openFile = options.openFile ?? ((file: string): Promise<LogFile> => open(file, 'ax', 0o600));
  const handle = await openFile(options.file);
  await handle.write(toLogLine(options.header));
  let buffer: string[] = [];
  let bufferedEvents = 0;
  let stats = emptyStats;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  let afterFailure = false;
  const schedule = createFlushSchedule(() => flush(), options.onProblem);

  async function writeBuffered(): Promise<void> {
    if (buffer.length === 0) return;
    // Appends that arrive while this write is under way go to a fresh buffer, never lost or doubled.
    const lines = buffer;
    const count = bufferedEvents;
    buffer = [];
    bufferedEvents = 0;
    try {
      await handle.write((afterFailure ? '\n' : '') + lines.join(''));
      afterFailure = false;
      schedule.setProblem(undefined);
      options.onFlushed?.();
    } catch (error) {
      buffer = lines.concat(buffer);
      bufferedEvents += count;
      afterFailure = true;
      schedule.setProblem(describeWriteFailure('session log', options.file, error));
      schedule.retry();
    }
  }

  function flush(): Promise<void> {
    writing = writing.then(writeBuffered);
    return writing;
  }

  return {
    file: options.file,
    header: options.header,
    append(events) {
      if (closed || events.length === 0) return;
      const safe = events.map(options.redact);
      for (const event of safe) buffer.push(toLogLine(event));
      bufferedEvents += safe.length;
      stats = accumulateStats(stats, safe);
      schedule.soon();
    },
    stats: () => stats,
    problem: () => schedule.problem(),
    unsaved: () => bufferedEvents,
    flush,
    async close(reason) {
      if (closed) return;
      schedule.stop();
      closed = true;
      const footer: SessionLogFooter = {
        record: 'footer',
        endedAt: now().toISOString(),
        reason,
        eventCount: stats.events,
        durationMs: stats.durationMs,
      };
      buffer.push(toLogLine(footer));
      await flush();
      await handle.sync().catch(() => undefined);
      await handle.close();
    },
  };
}
