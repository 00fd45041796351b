import { createReadStream } from 'node:fs';
import { open, readFile, stat } from 'node:fs/promises';
import { readLog, unreadable, MAX_LINE_BYTES, type OpenedLog } from '../../../src-shared/logReader';

export { MAX_LINE_BYTES, MAX_JSON_ARRAY_BYTES, type LogChunk, type LogSource, type OpenedLog } from '../../../src-shared/logReader';

const READ_CHUNK_BYTES = 1024 * 1024;

/** Opens a log file for reading in chunks, through the shared reader; the file is only ever read. */
export async function openLog(path: string, { maxLineBytes = MAX_LINE_BYTES } = {}): Promise<OpenedLog & { readonly path: string }> {
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(path, error.code === 'ENOENT' ? 'does not exist.' : `cannot be opened (${error.code ?? error.message}).`);
  });
  if (!info.isFile()) throw unreadable(path, 'is not a file.');
  const log = await readLog(
    {
      name: path,
      totalBytes: info.size,
      chunks: () => createReadStream(path, { highWaterMark: READ_CHUNK_BYTES }),
      async head(count) {
        const handle = await open(path, 'r');
        try {
          const buffer = new Uint8Array(count);
          const { bytesRead } = await handle.read(buffer, 0, count, 0);
          return buffer.subarray(0, bytesRead);
        } finally {
          await handle.close();
        }
      },
      text: () => readFile(path, 'utf8'),
    },
    { maxLineBytes },
  );
  return Object.assign(log, { path });
}
