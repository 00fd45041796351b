import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseLogLine } from '../../../src-shared/sessionLog';
import { createRedactor, REDACTED } from '../../../src-main/services/sessionLog/redaction';
import { FLUSH_INTERVAL_MS, openSessionLogWriter, type LogFile } from '../../../src-main/services/sessionLog/sessionLogWriter';
import { header, sessionEvents, tempDir } from './logFixtures';

const noRedaction = createRedactor(() => []);

async function lines(path: string): Promise<string[]> {
  return (await readFile(path, 'utf8')).split('\n').filter((line) => line !== '');
}

describe('the session log writer', () => {
  it('writes the header at once and appended events within its flush interval, before the session ends', async () => {
    const file = join(await tempDir(), 'live.jsonl');
    const writer = await openSessionLogWriter({ file, header: header(), redact: noRedaction });
    expect((await lines(file)).map((line) => parseLogLine(line).kind)).toEqual(['header']);
    const events = sessionEvents(1);
    writer.append(events);
    // On disk without an explicit flush or close: the writer's own timer, which runs at least every 250 ms.
    expect(FLUSH_INTERVAL_MS).toBeLessThanOrEqual(250);
    await vi.waitFor(async () => expect((await lines(file)).slice(1).map((line) => JSON.parse(line) as unknown)).toEqual(events), { timeout: 5_000 });
    expect(writer.stats()).toMatchObject({ events: events.length, turns: 1, firstUserText: 'question 0' });
    await writer.close('user');
  });

  it('ends a clean session with a footer that counts its events', async () => {
    const file = join(await tempDir(), 'clean.jsonl');
    const writer = await openSessionLogWriter({ file, header: header(), redact: noRedaction, now: () => new Date('2026-11-29T10:05:00Z') });
    writer.append(sessionEvents(2));
    await writer.close('capped');
    const last = parseLogLine((await lines(file)).at(-1)!);
    expect(last).toEqual({
      kind: 'footer',
      footer: { record: 'footer', endedAt: '2026-11-29T10:05:00.000Z', reason: 'capped', eventCount: 13, durationMs: 120 },
    });
  });

  it('never appends to a file that already exists', async () => {
    const file = join(await tempDir(), 'taken.jsonl');
    await (await openSessionLogWriter({ file, header: header(), redact: noRedaction })).close('user');
    await expect(openSessionLogWriter({ file, header: header(), redact: noRedaction })).rejects.toMatchObject({ code: 'EEXIST' });
  });

  it('reports a full disk in plain words, keeps the events, and writes them once space is back without damaging earlier lines', async () => {
    const file = join(await tempDir(), 'full.jsonl');
    let diskFull = false;
    const problems: (string | undefined)[] = [];
    const openFile = async (path: string): Promise<LogFile> => {
      const handle = await open(path, 'ax');
      return {
        write: (text) => (diskFull ? Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' })) : handle.write(text)),
        sync: () => handle.sync(),
        close: () => handle.close(),
      };
    };
    const writer = await openSessionLogWriter({
      file,
      header: header(),
      redact: noRedaction,
      openFile,
      onProblem: (problem) => problems.push(problem),
    });
    const [first, ...rest] = sessionEvents(1);
    writer.append([first!]);
    await writer.flush();
    diskFull = true;
    writer.append(rest);
    await writer.flush();
    expect(writer.problem()).toBe(
      `The disk is full: the session log ${file} is not being saved. Free some space; the session goes on and saving resumes.`,
    );
    expect(writer.unsaved()).toBe(rest.length);
    diskFull = false;
    await writer.flush();
    expect(writer.problem()).toBeUndefined();
    expect(problems).toEqual([expect.stringContaining('The disk is full'), undefined]);
    await writer.close('user');
    const kinds = (await readFile(file, 'utf8'))
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => parseLogLine(line).kind);
    expect(kinds).toEqual(['header', 'event', ...rest.map(() => 'event'), 'footer']);
  });
});

describe('redaction before writing', () => {
  const redact = createRedactor(() => ['sk-live-key-1234567890']);
  const event = (payload: Record<string, unknown>) => ({ seq: 0, t: 0, direction: 'client' as const, type: 'session.update', payload });

  it('removes the API key wherever its value appears, even inside longer text', () => {
    const result = redact(event({ note: 'key=sk-live-key-1234567890;', nested: [{ deep: 'Bearer sk-live-key-1234567890' }] }));
    expect(JSON.stringify(result)).not.toContain('sk-live-key-1234567890');
    expect(result.payload['note']).toBe(`key=${REDACTED};`);
  });

  it('masks client secrets and keys by their shape, and credential-named fields whatever they hold', () => {
    const result = redact(
      event({ value: 'ek_abcdef123456', text: 'use sk-proj-abcdefgh', client_secret: { value: 'x' }, Authorization: 'Basic Zm9v', token: 42 }),
    );
    expect(result.payload).toEqual({
      value: `ek_…${REDACTED}`,
      text: `use sk-…${REDACTED}`,
      client_secret: REDACTED,
      Authorization: REDACTED,
      token: REDACTED,
    });
  });

  it('leaves ordinary payloads, token counts included, as they were', () => {
    const payload = { response: { usage: { total_tokens: 12, input_tokens: 5 }, output: [{ text: 'Hello' }] } };
    expect(redact(event(payload)).payload).toEqual(payload);
  });
});
