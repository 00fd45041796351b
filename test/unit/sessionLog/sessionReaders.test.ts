import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LogRef } from '../../../src-shared/sessionLibrary';
import { SessionReaders } from '../../../src-main/services/sessionLog/sessionReaders';
import { header, sessionEvents, writeLog } from './logFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

/** Readers over the logs in `folder`, each saved session referred to by its file name without `.jsonl`. */
function readersIn(folder: string): SessionReaders {
  return new SessionReaders((ref: LogRef) => ('id' in ref ? join(folder, `${ref.id}.jsonl`) : join(folder, ref.grant)));
}

async function folderWithLog(): Promise<string> {
  const folder = await tempDir();
  await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1)]);
  return folder;
}

const closedReplay = 'This replay was closed (idle for 5 minutes or replaced). Open the session again.';

describe('the replays under way', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('closes a replay left unread for five minutes, but not one that is being read', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const readers = readersIn(await folderWithLog());
    const { readerId } = await readers.open({ id: 'saved' });
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect((await readers.read(readerId, 1)).events).toHaveLength(1);
    vi.advanceTimersByTime(5 * 60_000 - 1);
    expect((await readers.read(readerId, 1)).events).toHaveLength(1);
    vi.advanceTimersByTime(5 * 60_000);
    await expect(readers.read(readerId, 1)).rejects.toMatchObject({ code: 'session_unknown', field: 'readerId', message: closedReplay });
  });

  it('lets the page close a replay, even one that already closed itself at the end', async () => {
    const readers = readersIn(await folderWithLog());
    const { readerId } = await readers.open({ id: 'saved' });
    expect((await readers.read(readerId, 100)).done).toBe(true);
    expect(() => readers.close(readerId)).not.toThrow();
    const second = await readers.open({ id: 'saved' });
    readers.close(second.readerId);
    await expect(readers.read(second.readerId, 100)).rejects.toThrow(closedReplay);
  });

  it('closes every replay when the host closes', async () => {
    const readers = readersIn(await folderWithLog());
    const [first, second] = await Promise.all([readers.open({ id: 'saved' }), readers.open({ id: 'saved' })]);
    readers.closeAll();
    await expect(readers.read(first.readerId, 1)).rejects.toThrow(closedReplay);
    await expect(readers.read(second.readerId, 1)).rejects.toThrow(closedReplay);
  });

  it('hands the page the lines it skipped, with their numbers, and what it warns about a newer format', async () => {
    const folder = await tempDir();
    const [started, ...rest] = sessionEvents(1);
    await writeLog(folder, 'newer.jsonl', [{ ...header(), version: 7 }, started!, 'this is not json\n', ...rest]);
    const readers = readersIn(folder);
    const chunk = await readers.read((await readers.open({ id: 'newer' })).readerId, 100);
    expect(chunk.events).toHaveLength(7);
    expect(chunk.skipped).toEqual([{ line: 3, reason: expect.stringMatching(/not valid JSON/) }]);
    expect(chunk.warnings).toEqual([expect.stringMatching(/^newer\.jsonl was written by a newer Voice Agent Workbench/)]);
    expect(chunk.ended).toBeNull();
  });

  it('reads the recorded audio in ranges, and nothing past its end', async () => {
    const folder = await folderWithLog();
    await writeFile(join(folder, 'saved.wav'), Buffer.from('RIFF....WAVEdata'));
    const readers = readersIn(folder);
    expect(await readers.readAudio({ id: 'saved' }, 4, 4)).toEqual({ data: Buffer.from('....'), totalBytes: 16 });
    expect(await readers.readAudio({ id: 'saved' }, 12, 100)).toEqual({ data: Buffer.from('data'), totalBytes: 16 });
    expect(await readers.readAudio({ id: 'saved' }, 40, 100)).toEqual({ data: Buffer.alloc(0), totalBytes: 16 });
  });

  it('says a session has no recorded audio, or that its audio cannot be read and why, naming the file', async () => {
    const folder = await folderWithLog();
    const readers = readersIn(folder);
    await expect(readers.readAudio({ id: 'saved' }, 0, 44)).rejects.toMatchObject({
      code: 'session_unknown',
      message: `This session has no recorded audio: ${join(folder, 'saved.wav')} does not exist.`,
    });
    await writeFile(join(folder, 'a-file'), 'not a folder');
    await expect(readers.readAudio({ grant: 'a-file/inside.jsonl' }, 0, 44)).rejects.toMatchObject({
      code: 'io_error',
      message: `The session audio ${join(folder, 'a-file', 'inside.wav')} cannot be read (ENOTDIR).`,
    });
  });

  it('refuses to open a log it cannot reach, saying why', async () => {
    const folder = await tempDir();
    await writeFile(join(folder, 'a-file'), 'not a folder');
    const readers = readersIn(folder);
    await expect(readers.open({ grant: 'a-file/inside.jsonl' })).rejects.toMatchObject({
      code: 'log_unreadable',
      message: expect.stringContaining(`${join(folder, 'a-file', 'inside.jsonl')} cannot be opened (ENOTDIR).`),
    });
    await expect(readers.open({ id: 'missing' })).rejects.toMatchObject({
      code: 'log_unreadable',
      message: expect.stringContaining(`${join(folder, 'missing.jsonl')} does not exist.`),
    });
  });
});
