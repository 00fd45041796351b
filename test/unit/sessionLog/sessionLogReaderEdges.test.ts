import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openLog } from '../../../src-main/services/sessionLog/sessionLogReader';
import { header, readAll, sessionEvents, tempDir, writeLog } from './logFixtures';

describe('reading a session log, at its edges', () => {
  it('refuses a folder, naming it', async () => {
    const dir = join(await tempDir(), 'folder.jsonl');
    await mkdir(dir);
    await expect(openLog(dir)).rejects.toMatchObject({ code: 'log_unreadable', message: `${dir} is not a file.` });
  });

  it('says a file of blank lines holds no events', async () => {
    const path = await writeLog(await tempDir(), 'blank.jsonl', ['\n\n  \n']);
    const log = await openLog(path);
    await expect(log.next()).rejects.toMatchObject({ code: 'log_unreadable', message: `${path} holds no events.` });
  });

  it('skips a second header, naming its line, and reads the events around it', async () => {
    const [first, second] = sessionEvents(1);
    const path = await writeLog(await tempDir(), 'twice.jsonl', [header(), first!, header(), second!]);
    const { events, chunks } = await readAll(await openLog(path));
    expect(events).toEqual([first, second]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: 3, reason: 'repeats the header' }]);
  });

  it('reads lines ending in CRLF and ignores blank lines without counting them as skipped', async () => {
    const [first] = sessionEvents(1);
    const path = await writeLog(await tempDir(), 'crlf.jsonl', [JSON.stringify(header()) + '\r\n', '\r\n', JSON.stringify(first) + '\r\n']);
    const { events, chunks } = await readAll(await openLog(path));
    expect(events).toEqual([first]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([]);
  });

  it('hands out at most the events asked for per chunk, with progress ending at the whole size', async () => {
    const events = sessionEvents(1).slice(0, 3);
    const path = await writeLog(await tempDir(), 'small.jsonl', [header(), ...events]);
    const log = await openLog(path);
    const { chunks } = await readAll(log, 1);
    expect(chunks.map((chunk) => chunk.events.length)).toEqual([1, 1, 1, 0]);
    expect(chunks.at(-1)).toMatchObject({ done: true, bytesRead: log.totalBytes, totalBytes: log.totalBytes });
    expect(chunks[0]!.bytesRead).toBeLessThan(log.totalBytes);
    expect(chunks.slice(0, -1).every((chunk) => !chunk.done)).toBe(true);
    expect(log.name).toBe('small.jsonl');
  });

  it('stops at once when closed', async () => {
    const path = await writeLog(await tempDir(), 'closing.jsonl', [header(), ...sessionEvents(2)]);
    const log = await openLog(path);
    expect((await log.next(1)).events).toHaveLength(1);
    log.close();
    expect(await log.next()).toMatchObject({ events: [], done: true });
  });

  it('keeps the footer but reads no events after a log with only a header', async () => {
    const footer = { record: 'footer', endedAt: '2026-11-29T10:05:00.000Z', reason: 'user', eventCount: 0, durationMs: 0 };
    const log = await openLog(await writeLog(await tempDir(), 'empty-session.jsonl', [header(), footer]));
    const { events } = await readAll(log);
    expect(events).toEqual([]);
    expect(log.footer()).toMatchObject({ reason: 'user' });
    expect(log.warnings()).toEqual([]);
  });

  it('skips records of a raw import that are not events, or not JSON, and masks their audio', async () => {
    const path = await writeLog(await tempDir(), 'raw.jsonl', [
      '{"type":"session.created","t":0}\n',
      '5\n',
      '{"type":"response.output_audio.delta","delta":"AAAA","t":20}\n',
      '{"type":\n',
      '{"nope":1}\n',
    ]);
    const log = await openLog(path);
    const { events, chunks } = await readAll(log);
    expect(log.source()).toBe('realtime-import');
    expect(log.header()).toBeUndefined();
    expect(events.map((event) => [event.seq, event.type, event.t])).toEqual([
      [0, 'session.created', 0],
      [1, 'response.output_audio.delta', 20],
    ]);
    expect(events[1]!.payload['delta']).toBe('[3 bytes of audio]');
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([
      { line: 2, reason: 'is not a JSON object' },
      { line: 4, reason: expect.stringMatching(/JSON/) },
      { line: 5, reason: 'has no event "type"' },
    ]);
  });

  it('refuses a file that starts like a JSON array but is not valid JSON', async () => {
    const path = await writeLog(await tempDir(), 'broken.json', ['[{"type":"session.created"},']);
    const log = await openLog(path);
    await expect(log.next()).rejects.toMatchObject({
      code: 'log_unreadable',
      message: expect.stringMatching(
        new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} looks like a JSON array but is not valid JSON: .+\\.$`),
      ),
    });
  });

  it('reads a JSON array with leading white space, skipping its elements that are not events by their index', async () => {
    const path = await writeLog(await tempDir(), 'array.json', ['  \n[{"type":"session.created"}, 7, {"type":"response.created"}]']);
    const log = await openLog(path);
    const { events, chunks } = await readAll(log);
    expect(events.map((event) => event.type)).toEqual(['session.created', 'response.created']);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: 2, reason: 'is not a JSON object' }]);
    expect(chunks.at(-1)!.bytesRead).toBe(log.totalBytes);
  });

  it('names the limit in bytes when a line is over a small one', async () => {
    const path = await writeLog(await tempDir(), 'long.jsonl', [header(), `${'x'.repeat(600)}\n`, ...sessionEvents(1)]);
    const { chunks } = await readAll(await openLog(path, { maxLineBytes: 500 }));
    expect(chunks.flatMap((chunk) => chunk.skipped)).toContainEqual({ line: 2, reason: 'is longer than 500 bytes' });
  });
});
