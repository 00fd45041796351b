import { mkdir, readdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { ChangeNotifier } from '../../../src-main/services/sessionLog/changeNotifier';
import { SessionCatalog } from '../../../src-main/services/sessionLog/sessionCatalog';
import type { LiveLog } from '../../../src-main/services/sessionLog/sessionSummaries';
import { header, sessionEvents, writeLog } from './logFixtures';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();

const footer = (eventCount: number) => ({ record: 'footer', endedAt: '2026-11-29T10:05:00.000Z', reason: 'user', eventCount, durationMs: 120 });

/** A catalog over a fresh folder; `live` says which logs are recording, as the recorder would. */
async function catalogIn(live: (id: string) => LiveLog | undefined = () => undefined) {
  const folder = await tempDir();
  const changes = new ChangeNotifier();
  return { catalog: new SessionCatalog({ folder, live, changes }), folder, changes };
}

/** Sets a file's modification time to a whole second, which the file system keeps exactly. */
async function touch(path: string, at: Date): Promise<void> {
  await utimes(path, at, at);
}

const noon = new Date('2026-11-29T12:00:00.000Z');
const oneOClock = new Date('2026-11-29T13:00:00.000Z');

describe('the session catalog', () => {
  it('lists a crashed session as crashed, with its events counted', async () => {
    const { catalog, folder } = await catalogIn();
    await writeLog(folder, 'crashed.jsonl', [header(), ...sessionEvents(2), '{"seq":13,"t":']);
    expect((await catalog.list()).sessions).toEqual([
      expect.objectContaining({ id: 'crashed', state: 'crashed', turns: 2, events: 13, durationMs: 120, preview: 'question 0', problem: null }),
    ]);
  });

  it('lists a log whose header is its only line, not yet ended by a newline, as crashed with no events', async () => {
    const { catalog, folder } = await catalogIn();
    await writeFile(join(folder, 'just-started.jsonl'), JSON.stringify(header()));
    expect((await catalog.list()).sessions).toEqual([expect.objectContaining({ state: 'crashed', events: 0, scenarioId: 'simpleHandoff' })]);
  });

  it('lists a log as complete when blank lines follow its footer', async () => {
    const { catalog, folder } = await catalogIn();
    await writeLog(folder, 'edited.jsonl', [header(), ...sessionEvents(1), footer(7), '\n \n\n']);
    expect((await catalog.list()).sessions[0]).toMatchObject({ state: 'complete', events: 7 });
  });

  it('counts every event of a long log, read in several passes', async () => {
    const { catalog, folder } = await catalogIn();
    const events: SessionEvent[] = Array.from({ length: 6_001 }, (_, seq) => ({ seq, t: seq, direction: 'app', type: 'app.tick', payload: {} }));
    await writeLog(folder, 'long.jsonl', [header(), ...events, footer(6_001)]);
    expect((await catalog.list()).sessions[0]).toMatchObject({ state: 'complete', events: 6_001, durationMs: 6_000 });
  });

  it('lists a session still recording with its live figures and the problem it has writing, and as saved once it stops', async () => {
    let recording: LiveLog | undefined = {
      stats: () => ({ events: 40, turns: 3, durationMs: 9_000, firstUserText: 'hello' }),
      problem: () => 'The disk is full: the session log is not being saved.',
    };
    const { catalog, folder } = await catalogIn((id) => (id === 'live' ? recording : undefined));
    await writeLog(folder, 'live.jsonl', [header(), ...sessionEvents(1)]);
    expect((await catalog.list()).sessions[0]).toMatchObject({
      state: 'recording',
      events: 40,
      turns: 3,
      preview: 'hello',
      problem: 'The disk is full: the session log is not being saved.',
    });
    recording = undefined;
    expect((await catalog.list()).sessions[0]).toMatchObject({ state: 'crashed', events: 7, turns: 1, problem: null });
  });

  it('does not read a saved log again while its size and modification time are unchanged', async () => {
    const { catalog, folder } = await catalogIn();
    const path = await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1), footer(7)]);
    await touch(path, noon);
    expect((await catalog.list()).sessions[0]).toMatchObject({ preview: 'question 0' });
    await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1).map(shout), footer(7)]);
    await touch(path, noon);
    expect((await catalog.list()).sessions[0]).toMatchObject({ preview: 'question 0' });
  });

  it('reads a saved log again when its modification time changes, or its size', async () => {
    const { catalog, folder } = await catalogIn();
    const path = await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1), footer(7)]);
    await touch(path, noon);
    expect((await catalog.list()).sessions[0]).toMatchObject({ preview: 'question 0', turns: 1 });
    await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1).map(shout), footer(7)]);
    await touch(path, oneOClock);
    expect((await catalog.list()).sessions[0]).toMatchObject({ preview: 'QUESTION 0', turns: 1 });
    await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(2), footer(13)]);
    await touch(path, oneOClock);
    expect((await catalog.list()).sessions[0]).toMatchObject({ preview: 'question 0', turns: 2 });
  });

  it('leaves out an entry it cannot read at all, such as a folder named like a log, and lists the rest', async () => {
    const { catalog, folder } = await catalogIn();
    await mkdir(join(folder, 'a-folder.jsonl'));
    await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1), footer(7)]);
    expect((await catalog.list()).sessions.map((summary) => summary.id)).toEqual(['saved']);
  });

  it('deletes a session with its recording and title, tells the panel at once, and forgets its figures', async () => {
    const { catalog, folder, changes } = await catalogIn();
    const listener = vi.fn();
    changes.subscribe(listener);
    const path = await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1), footer(7)]);
    await touch(path, noon);
    await writeFile(join(folder, 'saved.wav'), 'RIFF');
    expect(await catalog.rename('saved', ' Refund ')).toMatchObject({ title: 'Refund', hasAudio: true, state: 'complete', preview: 'question 0' });
    expect(listener).toHaveBeenCalledTimes(1);
    await catalog.remove('saved');
    expect(listener).toHaveBeenCalledTimes(2);
    expect(await readdir(folder)).toEqual([]);
    // A new log of the same name, size and time is another session: it is read afresh.
    await writeLog(folder, 'saved.jsonl', [header(), ...sessionEvents(1).map(shout), footer(7)]);
    await touch(path, noon);
    expect((await catalog.list()).sessions[0]).toMatchObject({ title: null, hasAudio: false, state: 'complete', preview: 'QUESTION 0' });
  });

  it('refuses to delete a session still recording, naming what to do', async () => {
    const live: LiveLog = { stats: () => ({ events: 0, turns: 0, durationMs: 0, firstUserText: undefined }), problem: () => undefined };
    const { catalog, folder } = await catalogIn(() => live);
    await writeLog(folder, 'live.jsonl', [header()]);
    await expect(catalog.remove('live')).rejects.toMatchObject({
      code: 'invalid_request',
      field: 'id',
      message: 'This session is still recording; disconnect it before deleting its log.',
    });
    expect(await readdir(folder)).toEqual(['live.jsonl']);
  });

  it('opens a saved session by id and another file only by the grant it was handed', async () => {
    const { catalog, folder } = await catalogIn();
    expect(catalog.logPathOf({ id: 'saved' })).toBe(join(folder, 'saved.jsonl'));
    const grant = catalog.grant('/home/someone/imported.jsonl');
    expect(catalog.logPathOf({ grant })).toBe('/home/someone/imported.jsonl');
    expect(catalog.grant('/home/someone/imported.jsonl')).not.toBe(grant);
    expect(() => catalog.logPathOf({ grant: 'made-up' })).toThrow('That file is no longer available to open; open it again.');
  });
});

/** The same event with its user text in capitals: another preview, the same size on disk. */
function shout(event: SessionEvent): SessionEvent {
  return JSON.parse(JSON.stringify(event).replace(/question/g, 'QUESTION')) as SessionEvent;
}
