import { randomUUID } from 'node:crypto';
import { open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { formatBytes, imageMediaTypeOfFile, MAX_IMAGE_BYTES } from '../../../src-shared/imageInput';
import { WorkbenchError } from '../../../src-shared/errors';
import type { LogChunkMessage, LogRef } from '../../../src-shared/sessionLibrary';
import type { ImageReadResult } from '../../../src-shared/sessionLogImages';
import { audioFileOf, imagesFolderOf } from './sessionFiles';
import { openLog, type OpenedLog } from './sessionLogReader';

/** Readers left idle this long are closed, so an abandoned replay does not hold a file open. */
const READER_IDLE_MS = 5 * 60_000;

interface OpenReader {
  readonly log: OpenedLog;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The replays under way: each opened log (saved or imported) is read in chunks through a reader id, closed at
 * its end, on a read error or after READER_IDLE_MS unused; and the WAV beside a log is read in byte ranges.
 */
export class SessionReaders {
  private readonly readers = new Map<string, OpenReader>();

  /** `logPathOf` turns a request's reference (a saved session or a granted file) into the log to read. */
  constructor(private readonly logPathOf: (ref: LogRef) => string) {}

  async open(ref: LogRef): Promise<{ readerId: string; name: string; path: string; totalBytes: number }> {
    const path = this.logPathOf(ref);
    const log = await openLog(path);
    const readerId = randomUUID();
    this.readers.set(readerId, { log, timer: this.idleTimer(readerId) });
    return { readerId, name: log.name, path, totalBytes: log.totalBytes };
  }

  async read(readerId: string, maxEvents: number): Promise<LogChunkMessage> {
    const log = this.touch(readerId);
    let chunk;
    try {
      chunk = await log.next(maxEvents);
    } catch (error) {
      this.close(readerId);
      throw error;
    }
    if (chunk.done) this.close(readerId);
    const footer = log.footer();
    return {
      ...chunk,
      events: [...chunk.events],
      skipped: [...chunk.skipped],
      source: log.source() ?? null,
      header: log.header() ?? null,
      ended: footer ? { reason: footer.reason, endedAt: footer.endedAt } : null,
      warnings: [...log.warnings()],
    };
  }

  close(readerId: string): void {
    const entry = this.readers.get(readerId);
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.log.close();
    this.readers.delete(readerId);
  }

  closeAll(): void {
    for (const readerId of [...this.readers.keys()]) this.close(readerId);
  }

  /** Up to `length` bytes of the WAV recorded beside a log, from `offset`. */
  async readAudio(ref: LogRef, offset: number, length: number): Promise<{ data: Buffer; totalBytes: number }> {
    const file = audioFileOf(this.logPathOf(ref));
    const handle = await open(file, 'r').catch((error: NodeJS.ErrnoException) => {
      throw new WorkbenchError(
        error.code === 'ENOENT' ? 'session_unknown' : 'io_error',
        error.code === 'ENOENT'
          ? `This session has no recorded audio: ${file} does not exist.`
          : `The session audio ${file} cannot be read (${error.code ?? error.message}).`,
      );
    });
    try {
      const { size } = await handle.stat();
      const data = Buffer.alloc(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = data.length > 0 ? await handle.read(data, 0, data.length, offset) : { bytesRead: 0 };
      return { data: data.subarray(0, bytesRead), totalBytes: size };
    } finally {
      await handle.close();
    }
  }

  /** An image sent in the session, from the folder beside its log, as a data URL; or why it cannot be shown. */
  async readImage(ref: LogRef, name: string): Promise<ImageReadResult> {
    const file = join(imagesFolderOf(this.logPathOf(ref)), name);
    const mediaType = imageMediaTypeOfFile(name);
    try {
      const { size } = await stat(file);
      if (size > MAX_IMAGE_BYTES)
        return {
          dataUrl: null,
          problem: `The image ${file} is ${formatBytes(size)}, larger than an image sent from this app can be; it is not shown.`,
        };
      return { dataUrl: `data:${mediaType};base64,${(await readFile(file)).toString('base64')}`, problem: null };
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      return {
        dataUrl: null,
        problem:
          code === 'ENOENT'
            ? `The image file ${name} is not beside this log (it was deleted or moved, or the log was copied without its .images folder).`
            : `The image ${file} cannot be read (${code ?? message}).`,
      };
    }
  }

  private idleTimer(readerId: string): ReturnType<typeof setTimeout> {
    return setTimeout(() => this.close(readerId), READER_IDLE_MS);
  }

  private touch(readerId: string): OpenedLog {
    const entry = this.readers.get(readerId);
    if (!entry)
      throw new WorkbenchError('session_unknown', 'This replay was closed (idle for 5 minutes or replaced). Open the session again.', 'readerId');
    clearTimeout(entry.timer);
    entry.timer = this.idleTimer(readerId);
    return entry.log;
  }
}
