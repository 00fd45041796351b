import { readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import { openSettingsStore, parseSettingsFile } from '../../src-main/services/settingsStore';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();

describe('settings', () => {
  it('start from the defaults when no file exists', async () => {
    const store = await openSettingsStore(join(await makeDir(), 'settings.json'));
    expect(store.get()).toEqual(defaultSettings);
    expect(store.problems).toEqual([]);
  });

  it('persist an update and read it back after a restart', async () => {
    const path = join(await makeDir(), 'settings.json');
    const store = await openSettingsStore(path);
    await store.update({ realtimeModel: 'gpt-realtime-mini', baseUrl: 'http://127.0.0.1:9999/v1' });
    const reopened = await openSettingsStore(path);
    expect(reopened.get()).toMatchObject({ realtimeModel: 'gpt-realtime-mini', baseUrl: 'http://127.0.0.1:9999/v1' });
  });

  it('refuse an invalid update, naming the field, and keep the previous value', async () => {
    const store = await openSettingsStore(join(await makeDir(), 'settings.json'));
    await expect(store.update({ baseUrl: 'not a url' })).rejects.toMatchObject({ code: 'settings_invalid', field: 'baseUrl' });
    expect(store.get().baseUrl).toBe(defaultSettings.baseUrl);
  });

  it('keep the valid fields of a file with one bad field and name the bad one', () => {
    const { settings, problems } = parseSettingsFile(JSON.stringify({ voice: 'verse', theme: 'neon', extra: 1 }), '/cfg/settings.json');
    expect(settings.voice).toBe('verse');
    expect(settings.theme).toBe(defaultSettings.theme);
    expect(problems.map((problem) => problem.message)).toEqual([
      expect.stringMatching(/^\/cfg\/settings\.json: field "theme" .*default is in use/),
      '/cfg/settings.json: unknown field "extra" was ignored.',
    ]);
  });

  it('read a file from before the audio settings without a problem, giving those their defaults', () => {
    const { settings, problems } = parseSettingsFile(JSON.stringify({ voice: 'a-voice-from-later', recordAudio: false }), '/cfg/settings.json');
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({ voice: 'a-voice-from-later', turnDetection: defaultSettings.turnDetection, noiseReduction: 'off' });
  });

  it('report a bad turn detection in a file by its inner field and keep the other audio settings', () => {
    const file = { noiseReduction: 'near_field', turnDetection: { ...defaultSettings.turnDetection, silenceDurationMs: 99_999 } };
    const { settings, problems } = parseSettingsFile(JSON.stringify(file), '/cfg/settings.json');
    expect(settings.noiseReduction).toBe('near_field');
    expect(settings.turnDetection).toEqual(defaultSettings.turnDetection);
    expect(problems.map((problem) => problem.message)).toEqual([
      '/cfg/settings.json: field "turnDetection" silenceDurationMs: must be at most 5000 ms; the default is in use.',
    ]);
  });

  it('report a file that is not JSON and back it up before the first save, so nothing the user wrote is lost', async () => {
    const dir = await makeDir();
    const path = join(dir, 'settings.json');
    await writeFile(path, '{ "voice": "verse", oops');
    const store = await openSettingsStore(path);
    expect(store.problems[0]?.message).toContain(`${path} is not valid JSON`);
    await store.update({ voice: 'alloy' });
    const backups = (await readdir(dir)).filter((name) => name.includes('.invalid-'));
    expect(backups).toHaveLength(1);
    expect(await readFile(join(dir, backups[0]!), 'utf8')).toBe('{ "voice": "verse", oops');
  });
});
