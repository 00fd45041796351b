import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../../src-shared/settings';
import { createRedactor } from '../../../src-main/services/sessionLog/redaction';
import { openSessionLibrary, type SessionLibrary } from '../../../src-main/services/sessionLog/sessionLibrary';
import { failure, scenario, sessionEvents, tempDir } from './logFixtures';

async function library(folder?: string): Promise<{ sessions: SessionLibrary; folder: string; logLines: string[] }> {
  const where = folder ?? join(await tempDir(), 'sessions');
  const logLines: string[] = [];
  const sessions = await openSessionLibrary({
    folder: where,
    appVersion: '9.9.9',
    settings: () => ({ ...defaultSettings, supervisorModel: 'sup-model', escalationModel: 'esc-model', guardrailModel: 'guard-model' }),
    redact: createRedactor(() => []),
    log: (line) => logLines.push(line),
  });
  return { sessions, folder: where, logLines };
}

const setup = { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' } as const;
const begin = (sessions: SessionLibrary, sessionId: string, startedAt = '2026-11-29T10:00:00.000Z') =>
  sessions.begin({ sessionId, startedAt, scenario, realtimeModel: 'gpt-realtime', setup });

describe('the session library, at its edges', () => {
  it('names a log after its start time, scenario and session, and writes the models main uses', async () => {
    const { sessions, folder } = await library();
    const status = await begin(sessions, 'abcdefgh-1234');
    expect(status).toEqual({
      id: expect.stringMatching(/_simpleHandoff_abcdefgh$/),
      file: join(folder, `${status.id}.jsonl`),
      unsaved: 0,
      problem: null,
    });
    await sessions.end('abcdefgh-1234', 'user');
    const first = JSON.parse((await readFile(status.file, 'utf8')).split('\n')[0]!) as Record<string, unknown>;
    expect(first).toMatchObject({
      appVersion: '9.9.9',
      sessionId: 'abcdefgh-1234',
      models: { realtime: 'gpt-realtime', supervisor: 'sup-model', escalation: 'esc-model', guardrail: 'guard-model' },
      setup,
      audio: null,
    });
  });

  it('refuses to record the same session twice, and to append to or end one it is not recording', async () => {
    const { sessions } = await library();
    await begin(sessions, 's1');
    expect(await failure(begin(sessions, 's1'))).toMatchObject({
      code: 'invalid_request',
      field: 'sessionId',
      message: 'Session s1 is already being recorded.',
    });
    expect(await failure(() => sessions.append('nope', []))).toMatchObject({
      code: 'session_unknown',
      field: 'sessionId',
      message: 'No session nope is being recorded; it may have ended already.',
    });
    await sessions.end('s1', 'user');
    expect(await failure(sessions.end('s1', 'user'))).toMatchObject({ code: 'session_unknown' });
  });

  it('says it cannot create the sessions folder, naming it, when a file is in the way', async () => {
    const base = await tempDir();
    await writeFile(join(base, 'blocked'), 'a file, not a folder');
    const { sessions } = await library(join(base, 'blocked', 'sessions'));
    const error = await failure(begin(sessions, 's1'));
    expect(error).toMatchObject({ code: 'log_unwritable' });
    expect(error.message).toMatch(
      new RegExp(`^The sessions folder ${join(base, 'blocked', 'sessions')} cannot be created \\(E[A-Z]+\\); this session will not be saved\\.$`),
    );
  });

  it('lists newest first, searches case-insensitively by id too, and lists an empty or missing folder as empty', async () => {
    const { sessions } = await library();
    expect(await sessions.list()).toMatchObject({ sessions: [] });
    const older = await begin(sessions, 'older-session', '2026-11-29T09:00:00.000Z');
    const newer = await begin(sessions, 'newer-session', '2026-11-29T11:00:00.000Z');
    sessions.append('older-session', sessionEvents(1));
    await sessions.end('older-session', 'user');
    await sessions.end('newer-session', 'user');
    expect((await sessions.list()).sessions.map((summary) => summary.id)).toEqual([newer.id, older.id]);
    expect((await sessions.list('  OLDER-SE ')).sessions.map((summary) => summary.id)).toEqual([older.id]);
    expect((await sessions.list('   ')).sessions).toHaveLength(2);
    expect((await sessions.list('no such thing')).sessions).toEqual([]);
  });

  it('lists a file that is not a session log as unreadable, saying why', async () => {
    const { sessions, folder } = await library();
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'junk.jsonl'), 'not json\n');
    await writeFile(join(folder, 'notes.txt'), 'ignored: not a log');
    const [summary] = (await sessions.list()).sessions;
    expect((await sessions.list()).sessions).toHaveLength(1);
    expect(summary).toMatchObject({
      id: 'junk',
      state: 'unreadable',
      scenarioId: '?',
      scenarioName: 'Not a session log',
      events: 0,
      turns: 0,
      preview: null,
      problem: expect.stringMatching(new RegExp(`^Line 1 of ${join(folder, 'junk.jsonl')} is not valid JSON`)),
    });
    await writeFile(join(folder, 'event-first.jsonl'), JSON.stringify(sessionEvents(1)[0]) + '\n');
    const eventFirst = (await sessions.list('event-first')).sessions[0];
    expect(eventFirst?.problem).toBe(`Line 1 of ${join(folder, 'event-first.jsonl')} is not a session log header.`);
  });

  it('renames a session with a trimmed title and refuses to rename or delete one that does not exist', async () => {
    const { sessions, folder } = await library();
    const { id } = await begin(sessions, 's1');
    await sessions.end('s1', 'user');
    expect(await sessions.rename(id, '  Refund call  ')).toMatchObject({ id, title: 'Refund call', state: 'complete' });
    expect((await sessions.list('refund')).sessions.map((summary) => summary.title)).toEqual(['Refund call']);
    expect(await failure(sessions.rename('ghost', 'x'))).toMatchObject({
      code: 'session_unknown',
      field: 'id',
      message: `There is no saved session ghost in ${folder}.`,
    });
    expect(await failure(sessions.remove('ghost'))).toMatchObject({
      code: 'session_unknown',
      field: 'id',
      message: `There is no saved session ghost in ${folder}.`,
    });
  });

  it('tells listeners about changes, and stops once they unsubscribe', async () => {
    const { sessions } = await library();
    const listener = vi.fn();
    const unsubscribe = sessions.onChange(listener);
    await begin(sessions, 's1');
    expect(listener).toHaveBeenCalledTimes(1);
    unsubscribe();
    await sessions.end('s1', 'user');
    expect(listener).toHaveBeenCalledTimes(1);
  });

  it('reads a saved session back in chunks through a reader that closes at the end', async () => {
    const { sessions } = await library();
    const { id } = await begin(sessions, 's1');
    sessions.append('s1', sessionEvents(1));
    await sessions.end('s1', 'user');
    const opened = await sessions.openReader({ id });
    expect(opened).toMatchObject({ name: `${id}.jsonl`, totalBytes: expect.any(Number) });
    const first = await sessions.read(opened.readerId, 2);
    expect(first).toMatchObject({ done: false, source: 'session-log', header: { sessionId: 's1' }, ended: null, warnings: [] });
    expect(first.events).toHaveLength(2);
    let last = first;
    while (!last.done) last = await sessions.read(opened.readerId, 2);
    expect(last.ended).toEqual({ reason: 'user', endedAt: expect.any(String) });
    expect(await failure(sessions.read(opened.readerId, 2))).toMatchObject({ code: 'session_unknown', field: 'readerId' });
  });

  it('closes a reader whose file turns out unreadable, and refuses a grant it never gave', async () => {
    const { sessions, folder } = await library();
    await mkdir(folder, { recursive: true });
    const junk = join(folder, 'junk.jsonl');
    await writeFile(junk, 'x\n');
    const opened = await sessions.openReader({ grant: sessions.grant(junk) });
    expect(await failure(sessions.read(opened.readerId, 10))).toMatchObject({ code: 'log_unreadable' });
    expect(await failure(sessions.read(opened.readerId, 10))).toMatchObject({ code: 'session_unknown' });
    expect(await failure(sessions.openReader({ grant: 'made-up' }))).toMatchObject({
      code: 'session_unknown',
      field: 'grant',
      message: 'That file is no longer available to open; open it again.',
    });
  });

  it('ends every session still recording as host-closed when it closes, and every replay', async () => {
    const { sessions } = await library();
    const { file } = await begin(sessions, 's1');
    const replay = await sessions.openReader({ grant: sessions.grant(file) });
    await sessions.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n');
    expect(JSON.parse(lines.at(-1)!)).toMatchObject({ record: 'footer', reason: 'host-closed' });
    expect(await failure(sessions.read(replay.readerId, 10))).toMatchObject({ code: 'session_unknown', field: 'readerId' });
  });

  it('reveals a saved session by its log, and lets the page close a replay it no longer shows', async () => {
    const { sessions } = await library();
    const { id, file } = await begin(sessions, 's1');
    await sessions.end('s1', 'user');
    expect(sessions.pathOf(id)).toBe(file);
    const replay = await sessions.openReader({ id });
    sessions.closeReader(replay.readerId);
    expect(await failure(sessions.read(replay.readerId, 10))).toMatchObject({ code: 'session_unknown', field: 'readerId' });
  });
});
