import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../src-shared/settings';
import { sessionIdSchema } from '../../../src-shared/sessionLibrary';
import { toLogLine } from '../../../src-shared/sessionLog';
import { createRedactor } from '../../../src-main/services/sessionLog/redaction';
import { openSessionLibrary, type SessionLibrary } from '../../../src-main/services/sessionLog/sessionLibrary';
import { header, scenario, sessionEvents, tempDir } from './logFixtures';

async function library(folder?: string): Promise<SessionLibrary> {
  return openSessionLibrary({
    folder: folder ?? join(await tempDir(), 'sessions'),
    appVersion: '9.9.9',
    settings: () => defaultSettings,
    redact: createRedactor(() => ['sk-secret-value-123']),
    log: () => undefined,
  });
}

const setup = { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' } as const;

async function record(sessions: SessionLibrary, sessionId: string, turns: number, end = true): Promise<string> {
  const status = await sessions.begin({ sessionId, startedAt: '2026-11-29T10:00:00.000Z', scenario, realtimeModel: 'gpt-realtime', setup });
  sessions.append(sessionId, sessionEvents(turns));
  if (end) await sessions.end(sessionId, 'user');
  return status.id;
}

describe('the session library', () => {
  it('lists a recording session with live figures, then as complete once it ends', async () => {
    const sessions = await library();
    const id = await record(sessions, 'aaaaaaaa-1', 2, false);
    expect((await sessions.list()).sessions).toEqual([
      expect.objectContaining({ id, state: 'recording', turns: 2, events: 13, scenarioId: 'simpleHandoff', preview: 'question 0', hasAudio: false }),
    ]);
    await sessions.end('aaaaaaaa-1', 'user');
    expect((await sessions.list()).sessions[0]).toMatchObject({ id, state: 'complete', turns: 2, events: 13, durationMs: 120 });
  });

  it('writes the header main knows: app version and the models from its settings', async () => {
    const sessions = await library();
    const id = await record(sessions, 'bbbbbbbb-2', 1);
    const reader = await sessions.openReader({ id });
    const chunk = await sessions.read(reader.readerId, 100);
    expect(chunk.header).toMatchObject({ appVersion: '9.9.9', models: { realtime: 'gpt-realtime', supervisor: defaultSettings.supervisorModel } });
    expect(chunk.events).toHaveLength(7);
    expect(chunk.ended).toMatchObject({ reason: 'user' });
  });

  it('marks a session a scenario test ran with its test and run, in the header and the list', async () => {
    const sessions = await library();
    const testRun = { file: 'agent-configs/simpleHandoff.tests.json', test: 'writes a haiku', run: 2 };
    const { id } = await sessions.begin({
      sessionId: 'cccccccc-3',
      startedAt: '2026-11-29T10:00:00.000Z',
      scenario,
      realtimeModel: 'gpt-realtime',
      setup,
      testRun,
    });
    await sessions.end('cccccccc-3', 'user');
    expect((await sessions.list()).sessions[0]).toMatchObject({ id, testRun });
    const reader = await sessions.openReader({ id });
    expect((await sessions.read(reader.readerId, 10)).header).toMatchObject({ testRun });
    const plain = await record(sessions, 'dddddddd-4', 1);
    expect((await sessions.list()).sessions.find((session) => session.id === plain)).not.toHaveProperty('testRun');
  });

  it('lists a log without a footer as crashed, with figures read from the file', async () => {
    const folder = join(await tempDir(), 'sessions');
    const sessions = await library(folder);
    await record(sessions, 'cccccccc-3', 1);
    const crashed = '2026-11-28T09-00-00Z_simpleHandoff_deadbeef';
    await writeFile(
      join(folder, `${crashed}.jsonl`),
      [header({ startedAt: '2026-11-28T09:00:00.000Z' }), ...sessionEvents(3)].map(toLogLine).join('') + '{"seq":',
    );
    const list = await sessions.list();
    expect(list.sessions.map((session) => [session.id.endsWith('deadbeef'), session.state, session.turns])).toEqual([
      [false, 'complete', 1],
      [true, 'crashed', 3],
    ]);
  });

  it('searches by scenario, title and what was said first', async () => {
    const sessions = await library();
    const id = await record(sessions, 'dddddddd-4', 1);
    expect((await sessions.list('QUESTION 0')).sessions.map((session) => session.id)).toEqual([id]);
    expect((await sessions.list('simple')).sessions).toHaveLength(1);
    expect((await sessions.list('refund')).sessions).toHaveLength(0);
    await sessions.rename(id, 'Refund call');
    expect((await sessions.list('refund')).sessions).toEqual([expect.objectContaining({ id, title: 'Refund call' })]);
  });

  it('deletes a session with its sidecar files, and refuses while it records', async () => {
    const folder = join(await tempDir(), 'sessions');
    const sessions = await library(folder);
    const id = await record(sessions, 'eeeeeeee-5', 1);
    await sessions.rename(id, 'To delete');
    const live = await record(sessions, 'ffffffff-6', 1, false);
    await expect(sessions.remove(live)).rejects.toThrow('This session is still recording; disconnect it before deleting its log.');
    await sessions.remove(id);
    expect((await readdir(folder)).filter((name) => name.startsWith(id))).toEqual([]);
    await expect(sessions.remove(id)).rejects.toThrow(`There is no saved session ${id} in ${folder}.`);
  });

  it('redacts the API key before it reaches disk', async () => {
    const sessions = await library();
    await sessions.begin({ sessionId: 'gggggggg-7', startedAt: '2026-11-29T10:00:00.000Z', scenario, realtimeModel: 'gpt-realtime', setup });
    const { id } = sessions.append('gggggggg-7', [
      { seq: 0, t: 0, direction: 'app', type: 'sdk.error', payload: { message: 'Incorrect API key provided: sk-secret-value-123' } },
    ]);
    await sessions.end('gggggggg-7', 'error');
    const chunk = await sessions.read((await sessions.openReader({ id })).readerId, 10);
    expect(chunk.events[0]!.payload['message']).toBe('Incorrect API key provided: [redacted]');
  });

  it('opens only files it was handed by grant, never a path the page names', async () => {
    const sessions = await library();
    await expect(sessions.openReader({ grant: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow('That file is no longer available to open');
    expect(sessionIdSchema.safeParse('../settings').success).toBe(false);
    expect(sessionIdSchema.safeParse('/etc/passwd').success).toBe(false);
    expect(sessionIdSchema.safeParse('2026-11-29T10-00-00Z_simpleHandoff_abc').success).toBe(true);
  });
});

describe('the session audio beside a log', () => {
  const begin = { startedAt: '2026-11-29T10:00:00.000Z', scenario, realtimeModel: 'gpt-realtime', setup } as const;

  it('names the stereo WAV in the header when audio is recorded, writes it beside the log, and reads it back for replay', async () => {
    const sessions = await library();
    const { id } = await sessions.begin({ ...begin, sessionId: 'audio-aaaa-1', recordAudio: true });
    sessions.appendAudio('audio-aaaa-1', 2_400, new Uint8Array(4 * 240).fill(1));
    await sessions.end('audio-aaaa-1', 'user');
    expect(await readdir(sessions.folder)).toEqual(expect.arrayContaining([`${id}.jsonl`, `${id}.wav`]));
    const chunk = await sessions.read((await sessions.openReader({ id })).readerId, 100);
    expect(chunk.header?.audio).toEqual({ file: `${id}.wav`, sampleRate: 24_000, channels: 2, layout: ['microphone', 'assistant'] });
    expect((await sessions.list()).sessions[0]).toMatchObject({ id, hasAudio: true });
    const head = await sessions.readAudio({ id }, 0, 44);
    expect(head.totalBytes).toBe(44 + (2_400 + 240) * 4);
    expect(head.data.subarray(0, 4).toString('latin1')).toBe('RIFF');
    const tail = await sessions.readAudio({ id }, head.totalBytes - 4, 1_000);
    expect([...tail.data]).toEqual([1, 1, 1, 1]);
  });

  it('writes no WAV and a null audio field when audio is off, and refuses audio for that session', async () => {
    const sessions = await library();
    const { id } = await sessions.begin({ ...begin, sessionId: 'audio-bbbb-2', recordAudio: false });
    expect(() => sessions.appendAudio('audio-bbbb-2', 0, new Uint8Array(4))).toThrow(/begun without audio recording/);
    await sessions.end('audio-bbbb-2', 'user');
    expect(await readdir(sessions.folder)).toEqual([`${id}.jsonl`]);
    const chunk = await sessions.read((await sessions.openReader({ id })).readerId, 100);
    expect(chunk.header?.audio).toBeNull();
    await expect(sessions.readAudio({ id }, 0, 44)).rejects.toThrow(/This session has no recorded audio: .*\.wav does not exist/);
  });

  it('saves the log without audio, saying why, when the WAV cannot be created', async () => {
    const folder = join(await tempDir(), 'sessions');
    const sessions = await library(folder);
    const id = `2026-11-29T10-00-00Z_${scenario.id}_audio-cc`;
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, `${id}.wav`), 'someone else’s file');
    const status = await sessions.begin({ ...begin, sessionId: 'audio-cccc-3', recordAudio: true });
    expect(status.id).toBe(id);
    expect(status.problem).toMatch(/The session audio .*\.wav cannot be created \(EEXIST\); this session is saved without audio\./);
    await sessions.end('audio-cccc-3', 'user');
    const chunk = await sessions.read((await sessions.openReader({ id })).readerId, 100);
    expect(chunk.header?.audio).toBeNull();
  });
});
