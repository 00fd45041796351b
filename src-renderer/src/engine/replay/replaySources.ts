import type { WorkbenchApi } from '../../../../src-shared/contract';
import { readLog, type OpenedLog } from '../../../../src-shared/logReader';
import type { LogChunkMessage, LogRef } from '../../../../src-shared/sessionLibrary';

/** Where a replay reads its log from, a chunk at a time. */
export interface ReplaySource {
  /** The log in main's terms, when main reads it: what lies beside it (its recorded audio) is found through this. */
  readonly ref: LogRef | undefined;
  open(): Promise<{ name: string; path: string | undefined; totalBytes: number }>;
  read(maxEvents: number): Promise<LogChunkMessage>;
  close(): void;
}

/** A saved session, or a file main was handed (command line, sample): main's reader, over the contract. */
export function mainLogSource(api: WorkbenchApi, ref: LogRef): ReplaySource {
  let readerId: string | undefined;
  return {
    ref,
    async open() {
      const opened = await api.sessions.open(ref);
      readerId = opened.readerId;
      return { name: opened.name, path: opened.path, totalBytes: opened.totalBytes };
    },
    async read(maxEvents) {
      const chunk = await api.sessions.read({ readerId: readerId!, maxEvents });
      if (chunk.done) readerId = undefined;
      return chunk;
    },
    close() {
      if (readerId) void api.sessions.close({ readerId }).catch(() => undefined);
      readerId = undefined;
    },
  };
}

/** A file the user dropped on the window or picked: read in the page by the same reader main uses. */
export function fileLogSource(file: File): ReplaySource {
  let log: OpenedLog | undefined;
  return {
    // A file read in the page: main knows nothing beside it, so no recorded audio is played.
    ref: undefined,
    async open() {
      log = await readLog({
        name: file.name,
        totalBytes: file.size,
        chunks: () => file.stream() as unknown as AsyncIterable<Uint8Array>,
        head: async (count) => new Uint8Array(await file.slice(0, count).arrayBuffer()),
        text: () => file.text(),
      });
      return { name: file.name, path: undefined, totalBytes: file.size };
    },
    async read(maxEvents) {
      const chunk = await log!.next(maxEvents);
      const footer = log!.footer();
      return {
        events: [...chunk.events],
        skipped: [...chunk.skipped],
        bytesRead: chunk.bytesRead,
        totalBytes: chunk.totalBytes,
        done: chunk.done,
        source: log!.source() ?? null,
        header: log!.header() ?? null,
        ended: footer ? { reason: footer.reason, endedAt: footer.endedAt } : null,
        warnings: [...log!.warnings()],
      };
    },
    close() {
      log?.close();
    },
  };
}
