import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { LogChunkMessage, LogRef, LogWriteStatus, SessionList, SessionSummary } from '../../../src-shared/sessionLibrary';
import type { SessionLogFooter } from '../../../src-shared/sessionLog';
import type { ImageReadResult } from '../../../src-shared/sessionLogImages';
import { ChangeNotifier } from './changeNotifier';
import { SessionCatalog } from './sessionCatalog';
import { SessionReaders } from './sessionReaders';
import { SessionRecorder, type LogBegin, type SessionRecorderOptions } from './sessionRecorder';

/** What the recorder needs; the library makes the notifier that its three parts share. */
export type SessionLibraryOptions = Omit<SessionRecorderOptions, 'changes'>;

export interface SessionLibrary {
  readonly folder: string;
  begin(request: LogBegin): Promise<LogWriteStatus>;
  append(sessionId: string, events: readonly SessionEvent[]): LogWriteStatus;
  /** Adds interleaved stereo PCM at `startFrame` (the log's clock at 24 kHz) to the session's WAV. */
  appendAudio(sessionId: string, startFrame: number, pcm: Uint8Array): LogWriteStatus;
  end(sessionId: string, reason: SessionLogFooter['reason']): Promise<LogWriteStatus>;
  list(query?: string): Promise<SessionList>;
  rename(id: string, title: string): Promise<SessionSummary>;
  remove(id: string): Promise<void>;
  pathOf(id: string): string;
  /** Lets the page open this file (command line, Open dialog, bundled sample) without ever naming a path itself. */
  grant(path: string): string;
  openReader(ref: LogRef): Promise<{ readerId: string; name: string; path: string; totalBytes: number }>;
  read(readerId: string, maxEvents: number): Promise<LogChunkMessage>;
  closeReader(readerId: string): void;
  /** Up to `length` bytes of the WAV recorded beside a log, from `offset`. */
  readAudio(ref: LogRef, offset: number, length: number): Promise<{ data: Buffer; totalBytes: number }>;
  /** An image sent in the session, read from the folder beside its log, or why it cannot be shown. */
  readImage(ref: LogRef, file: string): Promise<ImageReadResult>;
  onChange(listener: () => void): () => void;
  /** Ends every session still recording (host shutting down) so their logs get footers. */
  close(): Promise<void>;
}

/**
 * The `sessions/` folder as main's services and the IPC handlers see it: the recorder saves live sessions,
 * the catalog lists, renames and deletes what is saved and grants other files, and the readers replay a
 * log in chunks. All three tell the same notifier when the Sessions panel should refresh.
 */
export async function openSessionLibrary(options: SessionLibraryOptions): Promise<SessionLibrary> {
  const changes = new ChangeNotifier();
  const recorder = new SessionRecorder({ ...options, changes });
  const catalog = new SessionCatalog({ folder: options.folder, live: (id) => recorder.liveLog(id), changes });
  const readers = new SessionReaders((ref) => catalog.logPathOf(ref));
  return {
    folder: options.folder,
    begin: (request) => recorder.begin(request),
    append: (sessionId, events) => recorder.append(sessionId, events),
    appendAudio: (sessionId, startFrame, pcm) => recorder.appendAudio(sessionId, startFrame, pcm),
    end: (sessionId, reason) => recorder.end(sessionId, reason),
    list: (query) => catalog.list(query),
    rename: (id, title) => catalog.rename(id, title),
    remove: (id) => catalog.remove(id),
    pathOf: (id) => catalog.pathOf(id),
    grant: (path) => catalog.grant(path),
    openReader: (ref) => readers.open(ref),
    read: (readerId, maxEvents) => readers.read(readerId, maxEvents),
    closeReader: (readerId) => readers.close(readerId),
    readAudio: (ref, offset, length) => readers.readAudio(ref, offset, length),
    readImage: (ref, file) => readers.readImage(ref, file),
    onChange: (listener) => changes.subscribe(listener),
    async close() {
      await recorder.close();
      readers.closeAll();
      changes.stop();
    },
  };
}
