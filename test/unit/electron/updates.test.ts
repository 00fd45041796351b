import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startElectronHost } from '../../../src-main/hosts/electron/electronHost';
import type { MainServices } from '../../../src-main/services/mainServices';
import { useTempDirs } from '../../support/tempDir';
import { Menu, app, dialog, resetElectronMock } from '../../mocks/electron';
import { electronHostPaths } from '../../mocks/electronHostPaths';

vi.mock('electron', () => import('../../mocks/electron'));

/** electron-updater's autoUpdater: each test says what a check does. */
const autoUpdater = await vi.hoisted(async () => {
  const { EventEmitter } = await import('node:events');
  const { vi: hoistedVi } = await import('vitest');
  return Object.assign(new EventEmitter(), {
    autoDownload: false,
    autoInstallOnAppQuit: true,
    checkForUpdates: hoistedVi.fn(),
    quitAndInstall: hoistedVi.fn(),
  });
});
vi.mock('electron-updater', () => ({ default: { autoUpdater } }));

const makeDir = useTempDirs();
let services: MainServices | null = null;
const realPlatform = process.platform;

beforeEach(async () => {
  resetElectronMock();
  app.userData = await makeDir();
  autoUpdater.removeAllListeners();
  autoUpdater.checkForUpdates = vi.fn(() => {
    autoUpdater.emit('checking-for-update');
    autoUpdater.emit('update-available', { version: '0.2.0' });
    autoUpdater.emit('download-progress', { percent: 42 });
    autoUpdater.emit('update-downloaded', { version: '0.2.0' });
    return Promise.resolve({ downloadPromise: Promise.resolve([]) });
  });
  autoUpdater.quitAndInstall = vi.fn();
});
afterEach(async () => {
  await services?.close();
  services = null;
  app.isPackaged = false;
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
});

async function start(): Promise<MainServices> {
  services = await startElectronHost(electronHostPaths(await makeDir()));
  return services!;
}

function helpItem(label: string): () => void {
  const template = vi.mocked(Menu.buildFromTemplate).mock.calls.at(-1)![0] as {
    label?: string;
    submenu?: { label?: string; click?: () => void }[];
  }[];
  return template.find((menu) => menu.label === 'Help')!.submenu!.find((item) => item.label === label)!.click!;
}

function lastDialog(): { message: string; detail: string; buttons: string[] } {
  return dialog.showMessageBox.mock.calls.at(-1)![1] as { message: string; detail: string; buttons: string[] };
}

describe('updates in the desktop app', () => {
  it('in development never checks, even from Help → Check for Updates…, and says updates are not available for this build', async () => {
    const started = await start();
    helpItem('Check for Updates…')();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
    expect(lastDialog()).toMatchObject({ message: 'Updates are not available for this build', detail: expect.stringContaining('development build') });
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(started.updates.status().state).toBe('unavailable');
  });

  it('packaged, checks at start, downloads, pushes each state to the page, and restarts only when the user says so', async () => {
    app.isPackaged = true;
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    const pushed: string[] = [];
    const started = await start();
    started.push.connect((channel, payload) => channel === 'updates:status-changed' && pushed.push((payload as { words: string }).words));
    await vi.waitFor(() => expect(started.updates.status().state).toBe('ready'));
    expect(autoUpdater.autoInstallOnAppQuit).toBe(false);
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled();

    dialog.nextButton = 1;
    helpItem('Check for Updates…')();
    await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
    expect(lastDialog()).toMatchObject({ message: 'Restart to update', buttons: ['Restart to update', 'Later'] });
    await new Promise((settle) => setTimeout(settle, 10));
    expect(autoUpdater.quitAndInstall).not.toHaveBeenCalled();

    dialog.nextButton = 0;
    helpItem('Check for Updates…')();
    await vi.waitFor(() => expect(autoUpdater.quitAndInstall).toHaveBeenCalledOnce());
    expect(autoUpdater.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('packaged with the setting off checks nothing at start; the menu item still checks', async () => {
    app.isPackaged = true;
    Object.defineProperty(process, 'platform', { value: 'win32', configurable: true });
    await writeFile(resolve(app.userData, 'settings.json'), JSON.stringify({ checkForUpdates: false }));
    const started = await start();
    await new Promise((settle) => setTimeout(settle, 20));
    expect(autoUpdater.checkForUpdates).not.toHaveBeenCalled();
    expect(started.updates.status().words).toBe('Not checked yet');
    helpItem('Check for Updates…')();
    await vi.waitFor(() => expect(autoUpdater.checkForUpdates).toHaveBeenCalledOnce());
  });
});
