import { mkdir, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../src-shared/settings';
import { createRedactor } from '../../../src-main/services/sessionLog/redaction';
import type { AudioFile } from '../../../src-main/services/sessionLog/sessionAudioWriter';
import type { LogFile } from '../../../src-main/services/sessionLog/sessionLogWriter';
import { SessionRecorder, type LogBegin, type SessionRecorderOptions } from '../../../src-main/services/sessionLog/sessionRecorder';
import { failure, scenario, sessionEvents } from './logFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

async function recorder(files: Pick<SessionRecorderOptions, 'openLogFile' | 'openAudioFile'> = {}) {
  const folder = join(await tempDir(), 'sessions');
  const logLines: (string | undefined)[] = [];
  const changes = { now: vi.fn(), soon: vi.fn() };
  const sessions = new SessionRecorder({
    folder,
    appVersion: '9.9.9',
    settings: () => defaultSettings,
    redact: createRedactor(() => []),
    log: (line) => logLines.push(line),
    changes,
    ...files,
  });
  return { sessions, folder, logLines, changes };
}

/** Real files whose writes fail with ENOSPC while `disk.full` is set. */
function fillableDisk() {
  const disk = { full: false };
  const refuse = () => Promise.reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
  const openLogFile = async (path: string): Promise<LogFile> => {
    const handle = await open(path, 'ax');
    return { write: (text) => (disk.full ? refuse() : handle.write(text)), sync: () => handle.sync(), close: () => handle.close() };
  };
  const openAudioFile = async (path: string): Promise<AudioFile> => {
    const handle = await open(path, 'wx');
    return {
      write: (buffer, offset, length, position) => (disk.full ? refuse() : handle.write(buffer, offset, length, position)),
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
  };
  return { disk, openLogFile, openAudioFile };
}

const setup = { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' } as const;
const request = (sessionId: string, extra: Partial<LogBegin> = {}): LogBegin => ({
  sessionId,
  startedAt: '2026-11-29T10:00:00.000Z',
  scenario,
  realtimeModel: 'gpt-realtime',
  setup,
  ...extra,
});
const logId = (sessionId: string) => `2026-11-29T10-00-00Z_${scenario.id}_${sessionId.slice(0, 8)}`;

describe('the session recorder', () => {
  it('tells the panel at once when a session begins and ends, and soon after each batch reaches the disk', async () => {
    const { sessions, changes } = await recorder();
    await sessions.begin(request('s1'));
    expect(changes.now).toHaveBeenCalledTimes(1);
    expect(changes.soon).not.toHaveBeenCalled();
    sessions.append('s1', sessionEvents(1));
    await vi.waitFor(() => expect(changes.soon).toHaveBeenCalled());
    expect(changes.now).toHaveBeenCalledTimes(1);
    await sessions.end('s1', 'user');
    expect(changes.now).toHaveBeenCalledTimes(2);
  });

  it('shows the live figures and problem of a session still recording by its log id, and nothing once it ends', async () => {
    const { sessions } = await recorder();
    const { id } = await sessions.begin(request('live-session'));
    sessions.append('live-session', sessionEvents(2));
    expect(sessions.liveLog(id)?.stats()).toMatchObject({ turns: 2, events: 13 });
    expect(sessions.liveLog(id)?.problem()).toBeUndefined();
    expect(sessions.liveLog('live-session')).toBeUndefined();
    await sessions.end('live-session', 'user');
    expect(sessions.liveLog(id)).toBeUndefined();
  });

  it('refuses audio for a session begun without it, naming the session', async () => {
    const { sessions } = await recorder();
    await sessions.begin(request('no-audio', { recordAudio: false }));
    expect(await failure(() => sessions.appendAudio('no-audio', 0, new Uint8Array(4)))).toMatchObject({
      code: 'invalid_request',
      field: 'sessionId',
      message: 'Session no-audio was begun without audio recording; its audio is not kept.',
    });
    await sessions.end('no-audio', 'user');
  });

  it('accepts audio without complaint for a session whose WAV could not be created, and keeps saying why it has none', async () => {
    const { sessions, folder, logLines } = await recorder();
    await mkdir(join(folder, `${logId('wav-taken')}.wav`), { recursive: true });
    await sessions.begin(request('wav-taken', { recordAudio: true }));
    const status = sessions.appendAudio('wav-taken', 0, new Uint8Array(4));
    expect(status.problem).toMatch(/^The session audio .*\.wav cannot be created \(EEXIST\); this session is saved without audio\.$/);
    expect(logLines).toEqual([status.problem]);
    await sessions.end('wav-taken', 'user');
  });

  it('says when the disk refuses the session audio, in its status, the host log and the panel at once, and stops saying so once it writes again', async () => {
    const { disk, openAudioFile } = fillableDisk();
    const { sessions, logLines, changes } = await recorder({ openAudioFile });
    await sessions.begin(request('audio-full', { recordAudio: true }));
    changes.now.mockClear();
    disk.full = true;
    sessions.appendAudio('audio-full', 0, new Uint8Array(960));
    const full = /^The disk is full: the session audio .*\.wav is not being saved\. Free some space; the session goes on and recording resumes/;
    await vi.waitFor(() => expect(sessions.append('audio-full', []).problem).toMatch(full));
    expect(logLines).toEqual([expect.stringMatching(full)]);
    expect(changes.now).toHaveBeenCalledTimes(1);
    disk.full = false;
    expect((await sessions.end('audio-full', 'user')).problem).toBeNull();
    expect(logLines).toHaveLength(1);
    expect(changes.now).toHaveBeenCalledTimes(3);
  });

  it('says when the disk refuses the log, and saves the events it kept once the disk takes writes again', async () => {
    const { disk, openLogFile } = fillableDisk();
    const { sessions, logLines } = await recorder({ openLogFile });
    const { file } = await sessions.begin(request('log-full'));
    disk.full = true;
    sessions.append('log-full', sessionEvents(1));
    const full = /^The disk is full: the session log .*\.jsonl is not being saved\. Free some space; the session goes on and saving resumes\.$/;
    await vi.waitFor(() => expect(sessions.append('log-full', []).problem).toMatch(full));
    expect(sessions.append('log-full', []).unsaved).toBe(7);
    expect(logLines).toEqual([expect.stringMatching(full)]);
    disk.full = false;
    expect(await sessions.end('log-full', 'user')).toMatchObject({ unsaved: 0, problem: null });
    const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.trim() !== '');
    expect(lines).toHaveLength(1 + 7 + 1);
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ record: 'footer', eventCount: 7 });
  });

  it('refuses to record over a log that already exists, with or without audio, and removes the WAV it had just made for it', async () => {
    const { sessions, folder } = await recorder();
    await mkdir(folder, { recursive: true });
    const existing = join(folder, `${logId('clash-id1')}.jsonl`);
    await writeFile(existing, 'someone else’s log\n');
    const refused = { code: 'log_unwritable', message: `The session log ${existing} cannot be created (EEXIST); this session will not be saved.` };
    await expect(sessions.begin(request('clash-id1', { recordAudio: false }))).rejects.toMatchObject(refused);
    await expect(sessions.begin(request('clash-id1', { recordAudio: true }))).rejects.toMatchObject(refused);
    expect(await readdir(folder)).toEqual([`${logId('clash-id1')}.jsonl`]);
    expect(await readFile(existing, 'utf8')).toBe('someone else’s log\n');
    expect(sessions.liveLog(logId('clash-id1'))).toBeUndefined();
  });

  it('ends every session still recording, audio included, when the host closes, and then records none', async () => {
    const { sessions, folder } = await recorder();
    const { id, file } = await sessions.begin(request('closing-1', { recordAudio: true }));
    sessions.appendAudio('closing-1', 0, new Uint8Array(8).fill(1));
    await sessions.close();
    expect(JSON.parse((await readFile(file, 'utf8')).trim().split('\n').at(-1)!)).toMatchObject({ record: 'footer', reason: 'host-closed' });
    expect((await readFile(join(folder, `${id}.wav`))).length).toBe(44 + 8);
    expect(sessions.liveLog(id)).toBeUndefined();
    expect(await failure(() => sessions.append('closing-1', []))).toMatchObject({ code: 'session_unknown' });
  });
});
