import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import { openLog } from '../../../src-main/services/sessionLog/sessionLogReader';
import { header, readAll, sessionEvents, tempDir, writeLog } from './logFixtures';

async function digest(path: string): Promise<string> {
  return createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
}

const footer = { record: 'footer', endedAt: '2026-11-29T10:05:00.000Z', reason: 'user', eventCount: 13, durationMs: 120 };

describe('reading a session log', () => {
  it('reads header, every event in order, and the footer of a complete log', async () => {
    const events = sessionEvents(2);
    const path = await writeLog(await tempDir(), 'complete.jsonl', [header(), ...events, { ...footer, eventCount: events.length }]);
    const log = await openLog(path);
    const { events: read, chunks } = await readAll(log);
    expect(read).toEqual(events);
    expect(log.header()?.scenario.id).toBe('simpleHandoff');
    expect(log.footer()).toMatchObject({ reason: 'user', eventCount: events.length });
    expect(log.source()).toBe('session-log');
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([]);
  });

  it('recovers everything before a truncated last line (the crash case), and names that line', async () => {
    const events = sessionEvents(2);
    const path = await writeLog(await tempDir(), 'crashed.jsonl', [header(), ...events, '{"seq":13,"t":130,"direction":"ser']);
    const log = await openLog(path);
    const { events: read, chunks } = await readAll(log);
    expect(read).toEqual(events);
    expect(log.footer()).toBeUndefined();
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: events.length + 2, reason: 'is cut short (incomplete JSON)' }]);
  });

  it('skips and counts invalid lines in the middle, with their line numbers, and keeps the rest', async () => {
    const events = sessionEvents(1);
    const path = await writeLog(await tempDir(), 'bad-lines.jsonl', [
      header(),
      events[0]!,
      'this is not json\n',
      events[1]!,
      '{"seq":"two","t":1,"direction":"up","type":"x","payload":{}}\n',
      ...events.slice(2),
    ]);
    const { events: read, chunks } = await readAll(await openLog(path));
    expect(read).toEqual(events);
    const skipped = chunks.flatMap((chunk) => chunk.skipped);
    expect(skipped.map((skip) => skip.line)).toEqual([3, 5]);
    expect(skipped[0]!.reason).toMatch(/not valid JSON/);
    expect(skipped[1]!.reason).toMatch(/not a session event \(seq: .*direction: /);
  });

  it('keeps events of types it does not know, and skips records of kinds it does not know', async () => {
    const events = [{ seq: 0, t: 0, direction: 'server' as const, type: 'response.something_new', payload: { novel: true } }];
    const path = await writeLog(await tempDir(), 'unknown.jsonl', [header(), '{"record":"bookmark","t":5}\n', ...events]);
    const { events: read, chunks } = await readAll(await openLog(path));
    expect(read).toEqual(events);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([]);
  });

  it('reads a log from a newer format version as far as it can, ignoring unknown fields, and says so', async () => {
    const event = { seq: 0, t: 0, direction: 'app', type: 'session.started', payload: {}, spanId: 'new-field' };
    const path = await writeLog(await tempDir(), 'newer.jsonl', [{ ...header(), version: 7, futureField: { x: 1 } }, event]);
    const log = await openLog(path);
    const { events } = await readAll(log);
    expect(events).toEqual([{ seq: 0, t: 0, direction: 'app', type: 'session.started', payload: {} }]);
    expect(log.warnings()).toEqual([
      expect.stringMatching(/^newer\.jsonl was written by a newer Voice Agent Workbench \(log format 7; this app reads format 1\)/),
    ]);
  });

  it('refuses an empty file with a message naming it', async () => {
    const path = await writeLog(await tempDir(), 'empty.jsonl', ['']);
    await expect(openLog(path)).rejects.toThrow(`${path} is empty: there is nothing to replay.`);
  });

  it('refuses a binary file, naming the file and the first line, without scanning it all', async () => {
    const dir = await tempDir();
    const path = join(dir, 'picture.png');
    const lines = Array.from({ length: 3_000 }, (_, index) => Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, index % 256, 0x0a]));
    await writeFile(path, Buffer.concat(lines));
    const log = await openLog(path);
    const failure = await readAll(log).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(WorkbenchError);
    expect((failure as WorkbenchError).code).toBe('log_unreadable');
    expect((failure as WorkbenchError).message).toBe(
      `${path} is not a session log or a Realtime event log: none of its first 1000 lines could be read (line 1 holds binary data (NUL bytes), not JSON text).`,
    );
  });

  it('refuses a file whose every line is unreadable, naming the first bad line', async () => {
    const path = await writeLog(await tempDir(), 'garbage.jsonl', ['hello\n', 'world\n']);
    await expect(readAll(await openLog(path))).rejects.toThrow(
      /garbage\.jsonl is not a session log or a Realtime event log: nothing in it could be read \(line 1 is not valid JSON/,
    );
  });

  it('refuses a missing file with a message naming it', async () => {
    const path = join(await tempDir(), 'gone.jsonl');
    await expect(openLog(path)).rejects.toThrow(`${path} does not exist.`);
  });

  it('skips a line over the length limit without holding it in memory, and reads on after it', async () => {
    const events = sessionEvents(1);
    const huge = `{"seq":99,"t":1,"direction":"app","type":"x","payload":{"blob":"${'x'.repeat(5_000)}"}}\n`;
    const path = await writeLog(await tempDir(), 'huge-line.jsonl', [header(), events[0]!, huge, ...events.slice(1)]);
    const { events: read, chunks } = await readAll(await openLog(path, { maxLineBytes: 4_096 }));
    expect(read).toEqual(events);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: 3, reason: 'is longer than 4096 bytes' }]);
  });

  it('streams a large log in chunks with rising progress, never modifying the file', async () => {
    const events = sessionEvents(2_000);
    const path = await writeLog(await tempDir(), 'large.jsonl', [header(), ...events]);
    const before = await digest(path);
    const { events: read, chunks } = await readAll(await openLog(path), 1_000);
    expect(read).toHaveLength(events.length);
    expect(read.at(-1)).toEqual(events.at(-1));
    expect(chunks.length).toBeGreaterThan(10);
    const progress = chunks.map((chunk) => chunk.bytesRead);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(progress[0]).toBeLessThan(chunks[0]!.totalBytes);
    expect(progress.at(-1)).toBe(chunks[0]!.totalBytes);
    expect(await digest(path)).toBe(before);
  });
});

describe('importing a raw Realtime event log', () => {
  it('reads JSONL of beta-named events without timestamps, inferring directions and mapping names', async () => {
    const path = await writeLog(await tempDir(), 'beta.jsonl', [
      `${JSON.stringify({ type: 'session.update', session: { modalities: ['text', 'audio'] } })}\n`,
      `${JSON.stringify({ type: 'conversation.item.created', event_id: 'e1', item: { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] } })}\n`,
      `${JSON.stringify({ type: 'response.audio_transcript.delta', event_id: 'e2', item_id: 'a1', delta: 'Hi ' })}\n`,
      `${JSON.stringify({ type: 'response.audio.delta', event_id: 'e3', item_id: 'a1', delta: 'AAAA'.repeat(100) })}\n`,
      `${JSON.stringify({ type: 'response.some_future_event', event_id: 'e4' })}\n`,
    ]);
    const log = await openLog(path);
    const { events } = await readAll(log);
    expect(log.source()).toBe('realtime-import');
    expect(events.map((event) => [event.seq, event.direction, event.type])).toEqual([
      [0, 'client', 'session.update'],
      [1, 'server', 'conversation.item.added'],
      [2, 'server', 'response.output_audio_transcript.delta'],
      [3, 'server', 'response.output_audio.delta'],
      [4, 'server', 'response.some_future_event'],
    ]);
    expect(events[1]!.payload['original_type']).toBe('conversation.item.created');
    expect(events[3]!.payload['delta']).toBe('[300 bytes of audio]');
  });

  it('reads a JSON array of wrapped events with directions and ISO timestamps, as times from the first', async () => {
    const dir = await tempDir();
    const path = join(dir, 'console.json');
    await writeFile(
      path,
      JSON.stringify([
        { direction: 'sent', timestamp: '2026-01-01T10:00:00.000Z', event: { type: 'response.create' } },
        { source: 'server', timestamp: '2026-01-01T10:00:01.500Z', event: { type: 'response.created', response: { id: 'r1' } } },
        { note: 'no event here' },
      ]),
    );
    const { events, chunks } = await readAll(await openLog(path));
    expect(events.map((event) => [event.direction, event.type, event.t])).toEqual([
      ['client', 'response.create', 0],
      ['server', 'response.created', 1500],
    ]);
    expect(chunks.flatMap((chunk) => chunk.skipped)).toEqual([{ line: 3, reason: 'has no event "type"' }]);
  });
});
