import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createRedactor } from '../../../src-main/services/sessionLog/redaction';
import { openSessionLogWriter, type LogFile } from '../../../src-main/services/sessionLog/sessionLogWriter';
import { header, sessionEvents, tempDir } from './logFixtures';

const noRedaction = createRedactor(() => []);

/** A log file in memory whose writes fail with `failWith` while it is set. */
function memoryFile(): { file: LogFile; text: () => string; failWith: (code: string | undefined, message?: string) => void; syncs: number } {
  let text = '';
  let failure: Error | undefined;
  const state = {
    syncs: 0,
    file: {
      write: async (chunk: string) => {
        if (failure) throw failure;
        text += chunk;
      },
      sync: async () => {
        state.syncs += 1;
        throw new Error('sync is not supported here');
      },
      close: async () => undefined,
    },
    text: () => text,
    failWith: (code: string | undefined, message = 'write failed') => {
      failure = code === undefined ? undefined : Object.assign(new Error(message), code === '' ? {} : { code });
    },
  };
  return state;
}

async function writerOn(
  memory: ReturnType<typeof memoryFile>,
  extra: { onProblem?: (problem: string | undefined) => void; onFlushed?: () => void } = {},
) {
  return openSessionLogWriter({ file: '/logs/s.jsonl', header: header(), redact: noRedaction, openFile: async () => memory.file, ...extra });
}

describe('the session log writer, when writing fails', () => {
  it.each([
    ['EACCES', "The session log /logs/s.jsonl cannot be written (EACCES: permission denied). The session goes on; check the folder's permissions."],
    ['EPERM', "The session log /logs/s.jsonl cannot be written (EPERM: permission denied). The session goes on; check the folder's permissions."],
    ['EROFS', "The session log /logs/s.jsonl cannot be written (EROFS: permission denied). The session goes on; check the folder's permissions."],
    ['ENOENT', 'The sessions folder for /logs/s.jsonl is gone. The session goes on; saving resumes if the folder comes back.'],
    ['EIO', 'The session log /logs/s.jsonl could not be written: i/o trouble. The session goes on.'],
    ['', 'The session log /logs/s.jsonl could not be written: i/o trouble. The session goes on.'],
  ])('says in plain words what a %s failure means', async (code, message) => {
    const memory = memoryFile();
    const writer = await writerOn(memory);
    memory.failWith(code, 'i/o trouble');
    writer.append(sessionEvents(1).slice(0, 1));
    await writer.flush();
    expect(writer.problem()).toBe(message);
    memory.failWith(undefined);
    await writer.close('user');
  });

  it('ends the line a failed write may have cut before writing again, so only that one line is lost', async () => {
    const memory = memoryFile();
    const writer = await writerOn(memory);
    const [first, second] = sessionEvents(1);
    memory.failWith('ENOSPC');
    writer.append([first!]);
    await writer.flush();
    memory.failWith(undefined);
    await writer.flush();
    writer.append([second!]);
    await writer.flush();
    const lines = memory.text().split('\n');
    expect(lines[1]).toBe('');
    expect(JSON.parse(lines[2]!)).toEqual(first);
    expect(JSON.parse(lines[3]!)).toEqual(second);
  });

  it('reports a problem once while it lasts and once when it clears, and counts flushes', async () => {
    const memory = memoryFile();
    const problems: (string | undefined)[] = [];
    const flushed = vi.fn();
    const writer = await writerOn(memory, { onProblem: (problem) => problems.push(problem), onFlushed: flushed });
    memory.failWith('ENOSPC');
    writer.append(sessionEvents(1).slice(0, 1));
    await writer.flush();
    writer.append(sessionEvents(1).slice(1, 2));
    await writer.flush();
    expect(problems).toHaveLength(1);
    expect(flushed).not.toHaveBeenCalled();
    memory.failWith(undefined);
    await writer.flush();
    expect(problems).toEqual([expect.stringContaining('disk is full'), undefined]);
    expect(flushed).toHaveBeenCalledTimes(1);
    expect(writer.unsaved()).toBe(0);
    await writer.close('user');
  });

  it('writes nothing for an empty flush or an empty append, and nothing after it is closed', async () => {
    const memory = memoryFile();
    const flushed = vi.fn();
    const writer = await writerOn(memory, { onFlushed: flushed });
    const afterHeader = memory.text();
    writer.append([]);
    await writer.flush();
    expect(memory.text()).toBe(afterHeader);
    expect(flushed).not.toHaveBeenCalled();
    await writer.close('user');
    const closedText = memory.text();
    writer.append(sessionEvents(1));
    await writer.flush();
    await writer.close('error');
    expect(memory.text()).toBe(closedText);
    expect(closedText.trim().split('\n')).toHaveLength(2);
    expect(writer.unsaved()).toBe(0);
  });

  it('closes even when the file cannot be synced, with the footer written', async () => {
    const memory = memoryFile();
    const writer = await writerOn(memory);
    await writer.close('dropped');
    expect(memory.syncs).toBe(1);
    expect(JSON.parse(memory.text().trim().split('\n').at(-1)!)).toMatchObject({ record: 'footer', reason: 'dropped', eventCount: 0 });
  });

  it('flushes on its own after an append, without waiting for the session to end', async () => {
    vi.useFakeTimers();
    try {
      const memory = memoryFile();
      const writer = await writerOn(memory);
      const [first] = sessionEvents(1);
      writer.append([first!]);
      expect(writer.unsaved()).toBe(1);
      await vi.advanceTimersByTimeAsync(100);
      expect(writer.unsaved()).toBe(0);
      expect(memory.text()).toContain(JSON.stringify(first));
      await writer.close('user');
    } finally {
      vi.useRealTimers();
    }
  });

  it('retries a failed write on its own two seconds later, not at the usual interval', async () => {
    vi.useFakeTimers();
    try {
      const memory = memoryFile();
      const writer = await writerOn(memory);
      memory.failWith('ENOSPC');
      writer.append(sessionEvents(1).slice(0, 1));
      await vi.advanceTimersByTimeAsync(100);
      expect(writer.problem()).toContain('disk is full');
      memory.failWith(undefined);
      writer.append(sessionEvents(1).slice(1, 2));
      await vi.advanceTimersByTimeAsync(1_000);
      expect(writer.unsaved()).toBe(2);
      await vi.advanceTimersByTimeAsync(1_100);
      expect(writer.unsaved()).toBe(0);
      expect(writer.problem()).toBeUndefined();
      await writer.close('user');
    } finally {
      vi.useRealTimers();
    }
  });

  it('opens a real file for itself when no opener is given, readable only by its owner', async () => {
    const file = join(await tempDir(), 'own.jsonl');
    const writer = await openSessionLogWriter({ file, header: header(), redact: noRedaction });
    await writer.close('user');
    expect((await readFile(file, 'utf8')).split('\n').filter(Boolean)).toHaveLength(2);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });
});
