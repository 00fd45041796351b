import { describe, expect, it } from 'vitest';
import { MAX_JSON_ARRAY_BYTES, readLog, type LogBytes, type OpenedLog } from '../../src-shared/logReader';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { toLogLine } from '../../src-shared/sessionLog';
import type { WorkbenchError } from '../../src-shared/errors';
import { header } from './sessionLog/logFixtures';

const encoder = new TextEncoder();

/**
 * Bytes in memory, handed out in chunks of `chunkSize`. With `reuse`, every chunk is the same buffer,
 * overwritten for the next one, as a reader that recycles its buffer would hand them out.
 */
function memory(
  text: string,
  {
    chunkSize = 1 << 20,
    reuse = false,
    name = 'dir/session.jsonl',
    totalBytes,
  }: { chunkSize?: number; reuse?: boolean; name?: string; totalBytes?: number } = {},
): LogBytes {
  const bytes = encoder.encode(text);
  return {
    name,
    totalBytes: totalBytes ?? bytes.length,
    async *chunks() {
      const buffer = new Uint8Array(chunkSize);
      for (let start = 0; start < bytes.length; start += chunkSize) {
        const piece = bytes.subarray(start, start + chunkSize);
        if (!reuse) {
          yield piece.slice();
          continue;
        }
        buffer.set(piece);
        yield buffer.subarray(0, piece.length);
        buffer.fill(0x20);
      }
    },
    head: async (count) => bytes.slice(0, count),
    text: async () => text,
  };
}

const event = (seq: number, type = 'response.done'): SessionEvent => ({ seq, t: seq * 10, direction: 'server', type, payload: {} });
const lines = (...records: Parameters<typeof toLogLine>[0][]) => records.map(toLogLine).join('');

async function readAll(log: OpenedLog, maxEvents = 2_000) {
  const chunks = [];
  for (;;) {
    const chunk = await log.next(maxEvents);
    chunks.push(chunk);
    if (chunk.done) return chunks;
  }
}

async function failure(promise: Promise<unknown>): Promise<WorkbenchError> {
  try {
    await promise;
  } catch (error) {
    return error as WorkbenchError;
  }
  throw new Error('expected a failure');
}

describe('reading a log in chunks', () => {
  it('says how far it has read after each chunk, at the end of the last line it took', async () => {
    const first = toLogLine(event(0));
    const second = toLogLine(event(1));
    const third = toLogLine(event(2));
    const log = await readLog(memory(first + second + third, { chunkSize: 7 }));
    const chunks = await readAll(log, 1);
    expect(chunks.map((chunk) => chunk.events.map((e) => e.seq))).toEqual([[0], [1], [2], []]);
    expect(chunks.map((chunk) => chunk.bytesRead)).toEqual([
      first.length,
      first.length + second.length,
      first.length + second.length + third.length,
      first.length + second.length + third.length,
    ]);
    expect(chunks.map((chunk) => chunk.done)).toEqual([false, false, false, true]);
  });

  it('keeps a line split across chunks whole, also when the source reuses its buffer', async () => {
    const text = lines(event(0), event(1, 'response.created'), event(2));
    const log = await readLog(memory(text, { chunkSize: 5, reuse: true }));
    const events = (await readAll(log)).flatMap((chunk) => chunk.events);
    expect(events.map((e) => [e.seq, e.type])).toEqual([
      [0, 'response.done'],
      [1, 'response.created'],
      [2, 'response.done'],
    ]);
  });

  it('reads a last line with no newline, and takes CRLF line ends', async () => {
    const text = `${JSON.stringify(event(0))}\r\n${JSON.stringify(event(1))}`;
    const log = await readLog(memory(text, { chunkSize: 4 }));
    const [chunk] = await readAll(log);
    expect(chunk!.events.map((e) => e.seq)).toEqual([0, 1]);
    expect(chunk!.skipped).toEqual([]);
  });

  it('skips a line over the limit, naming the limit, and reads a line of exactly the limit', async () => {
    const exact = JSON.stringify(event(1));
    const limit = exact.length;
    const long = JSON.stringify({ ...event(2), payload: { pad: 'x'.repeat(limit) } });
    const text = `${JSON.stringify(event(0))}\n${long}\n${exact}\n${long}`;
    const log = await readLog(memory(text, { chunkSize: 16 }), { maxLineBytes: limit });
    const chunks = await readAll(log);
    expect(chunks.flatMap((chunk) => chunk.events).map((e) => e.seq)).toEqual([0, 1]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([
      { line: 2, reason: `is longer than ${limit} bytes` },
      { line: 4, reason: `is longer than ${limit} bytes` },
    ]);
  });

  it('reads a last line of exactly the limit with no newline after it', async () => {
    const exact = JSON.stringify(event(1));
    const log = await readLog(memory(`${JSON.stringify(event(0))}\n${exact}`, { chunkSize: 8 }), { maxLineBytes: exact.length });
    const chunks = await readAll(log);
    expect(chunks.flatMap((chunk) => chunk.events).map((e) => e.seq)).toEqual([0, 1]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([]);
  });

  it('names a limit of a MiB or more in MiB', async () => {
    const limit = 1024 * 1024;
    const long = JSON.stringify({ ...event(1), payload: { pad: 'x'.repeat(limit) } });
    const log = await readLog(memory(`${JSON.stringify(event(0))}\n${long}\n`), { maxLineBytes: limit });
    const chunks = await readAll(log);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: 2, reason: 'is longer than 1 MiB' }]);
  });

  it('names a saved session by its header, and stops where it was closed', async () => {
    const text = lines(header(), event(0), event(1), event(2));
    const log = await readLog(memory(text));
    expect(log.name).toBe('session.jsonl');
    const first = await log.next(1);
    expect(log.source()).toBe('session-log');
    expect(log.header()?.sessionId).toBe('session-1');
    log.close();
    const after = await log.next();
    expect(after).toMatchObject({ events: [], done: true, bytesRead: first.bytesRead });
    expect(after.bytesRead).toBeLessThan(text.length);
  });

  it('is a session log from its header alone', async () => {
    const log = await readLog(memory(lines(header())));
    const [chunk] = await readAll(log);
    expect(chunk!.events).toEqual([]);
    expect(log.source()).toBe('session-log');
  });
});

describe('a log with unreadable lines', () => {
  it('keeps reading past any number of bad lines once a line was readable', async () => {
    const text = `${toLogLine(event(0))}${'not json\n'.repeat(1_100)}${toLogLine(event(1))}`;
    const log = await readLog(memory(text));
    const chunks = await readAll(log);
    expect(chunks.flatMap((chunk) => chunk.events).map((e) => e.seq)).toEqual([0, 1]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toHaveLength(1_100);
  });

  it('gives up after 1,000 bad lines from the start, naming the first', async () => {
    const text = `${'{"not":"ours"\n'.repeat(1_000)}${toLogLine(event(0))}`;
    const error = await failure(readLog(memory(text)).then((log) => log.next()));
    expect(error.code).toBe('log_unreadable');
    expect(error.message).toMatch(
      /^dir\/session\.jsonl is not a session log or a Realtime event log: none of its first 1000 lines could be read \(line 1 /,
    );
  });

  it('counts only the lines it skipped toward giving up, not blank ones', async () => {
    const text = `not json\n${'\n'.repeat(1_500)}${toLogLine(event(0))}`;
    const log = await readLog(memory(text));
    const chunks = await readAll(log);
    expect(chunks.flatMap((chunk) => chunk.events).map((e) => e.seq)).toEqual([0]);
    expect(chunks.flatMap((chunk) => chunk.skipped).map((skip) => skip.line)).toEqual([1]);
  });

  it('names the first bad line when nothing could be read', async () => {
    const error = await failure(readLog(memory('not json\n\nalso not json\n')).then((log) => log.next()));
    expect(error.message).toMatch(/nothing in it could be read \(line 1 /);
  });
});

describe('a raw Realtime event log as a JSON array', () => {
  it('refuses an array over the size limit before reading it, in MiB', async () => {
    const error = await failure(readLog(memory('[]', { totalBytes: MAX_JSON_ARRAY_BYTES + 1 })));
    expect(error.message).toBe(
      'dir/session.jsonl is a JSON array of 256 MiB; arrays over 256 MiB cannot be imported. Convert it to one event per line (JSONL).',
    );
  });

  it('reads an array of exactly the limit', async () => {
    const error = await failure(readLog(memory(' []', { totalBytes: MAX_JSON_ARRAY_BYTES })).then((log) => log.next()));
    expect(error.message).toBe('dir/session.jsonl holds no events.');
  });

  it('reports its progress as the share of elements read', async () => {
    const records = Array.from({ length: 4 }, (_, index) => ({ type: 'response.done', event_id: `e${index}`, response: { status: 'completed' } }));
    const text = JSON.stringify(records);
    const log = await readLog(memory(text));
    const chunks = await readAll(log, 1);
    expect(log.source()).toBe('realtime-import');
    expect(chunks.flatMap((chunk) => chunk.events)).toHaveLength(4);
    expect(chunks.slice(0, 3).map((chunk) => chunk.bytesRead)).toEqual([1, 2, 3].map((read) => Math.round((read / 4) * text.length)));
    expect(chunks.at(-1)!.bytesRead).toBe(text.length);
  });
});
