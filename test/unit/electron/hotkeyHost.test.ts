import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startElectronHost } from '../../../src-main/hosts/electron/electronHost';
import type { MainServices } from '../../../src-main/services/mainServices';
import { useTempDirs } from '../../support/tempDir';
import { app, globalShortcut, resetElectronMock, utilityProcess } from '../../mocks/electron';

vi.mock('electron', () => import('../../mocks/electron'));

const makeDir = useTempDirs();
let services: MainServices | null = null;

beforeEach(async () => {
  resetElectronMock();
  app.userData = await makeDir();
});
afterEach(async () => {
  await services?.close();
  services = null;
});

async function start(): Promise<MainServices> {
  const rendererDir = join(await makeDir(), 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wb</title>');
  services = await startElectronHost({
    rendererDir,
    preloadPath: '/app/out/preload/index.cjs',
    builtinScenarioDir: resolve('agent-configs'),
    sampleSession: '/none.jsonl',
    openAtStart: undefined,
    hookEntry: '/app/out/main/hotkeyHook.js',
  });
  return services!;
}

describe('the push-to-talk hotkey under Electron', () => {
  it('runs the keyboard hook in a utility process and holds to talk once it is ready', async () => {
    utilityProcess.next = 'ready';
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    expect(utilityProcess.fork).toHaveBeenCalledWith(
      '/app/out/main/hotkeyHook.js',
      ['--key', 'F9'],
      expect.objectContaining({ stdio: expect.anything() }),
    );
    expect(globalShortcut.register).not.toHaveBeenCalled();
  });

  it('falls back to a press-to-toggle globalShortcut when the hook aborts, and pushes PTT down/up to the page', async () => {
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-toggle'));
    expect(started.hotkey.status().reason).toMatch(/DISPLAY|could not run/);
    const pushed: unknown[] = [];
    started.push.connect((channel, payload) => channel === 'hotkey:ptt' && pushed.push(payload));
    globalShortcut.registered.get('F9')!();
    expect(pushed).toEqual([{ phase: 'down' }]);
    await started.close();
    services = null;
    expect(pushed).toEqual([{ phase: 'down' }, { phase: 'up' }]);
    expect(globalShortcut.unregister).toHaveBeenCalledWith('F9');
  });

  it('says by name when the accelerator is already taken, and works in the window only', async () => {
    globalShortcut.taken.add('F9');
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().reason).toContain('F9 is already taken by another application'));
    expect(started.hotkey.status().mode).toBe('window-only');
  });

  it('restarts the hotkey when the setting changes', async () => {
    utilityProcess.next = 'ready';
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    await started.settings.update({ pttHotkey: 'Ctrl+Shift+Space' });
    await vi.waitFor(() => expect(started.hotkey.status()).toMatchObject({ mode: 'global-hold', accelerator: 'Ctrl+Shift+Space' }));
    expect(utilityProcess.forked[0]!.killed).toBe(true);
    expect(utilityProcess.forked[1]!.args).toEqual(['--key', 'Space']);
  });
});
