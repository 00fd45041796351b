import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { UpdateStatus } from '../../../src-shared/contract';
import { updateDialog } from '../../../src-main/services/updater/updateDialog';
import { isDeveloperSigned, updatability, type BuildFacts } from '../../../src-main/services/updater/updatability';
import { createUpdateService, type Updater, type UpdaterHost } from '../../../src-main/services/updater/updateService';

/** electron-updater's autoUpdater as the test drives it: events are emitted by the test, checks are counted. */
class FakeUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  checks = 0;
  installs = 0;
  /** What the next check does: emit its events, and resolve or reject. */
  onCheck: (updater: FakeUpdater) => Promise<{ downloadPromise?: Promise<unknown> | null } | null> = async (updater) => {
    updater.emit('checking-for-update');
    updater.emit('update-not-available', { version: '0.1.0' });
    return {};
  };
  checkForUpdates() {
    this.checks += 1;
    return this.onCheck(this);
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

function harness({ updatable = true, automatic = true } = {}) {
  const updater = new FakeUpdater();
  const statuses: UpdateStatus[] = [];
  const loadUpdater = vi.fn(() => Promise.resolve(updater));
  const host: UpdaterHost = {
    updatability: () => Promise.resolve(updatable ? { updatable: true } : { updatable: false, reason: 'a development build does not update itself' }),
    loadUpdater,
  };
  const service = createUpdateService({ host, automatic: () => automatic, onStatus: (status) => statuses.push(status), log: () => {} });
  return { service, updater, statuses, loadUpdater };
}

/** An update that is found, downloads in steps, and arrives. */
const downloadsVersion = (version: string) => async (updater: FakeUpdater) => {
  updater.emit('checking-for-update');
  updater.emit('update-available', { version });
  updater.emit('download-progress', { percent: 42.7 });
  updater.emit('update-downloaded', { version });
  return { downloadPromise: Promise.resolve(['/tmp/update']) };
};

describe('the update service', () => {
  it('says "Up to date" when the newest release is the running one', async () => {
    const { service, statuses } = harness();
    expect(await service.start()).toMatchObject({ state: 'up-to-date', words: 'Up to date' });
    expect(statuses.map((status) => status.words)).toEqual(['Checking for updates…', 'Up to date']);
  });

  it('downloads a newer version on its own, saying how far in whole percent, then asks to restart', async () => {
    const { service, updater, statuses } = harness();
    updater.onCheck = downloadsVersion('0.2.0');
    expect(await service.start()).toEqual({ state: 'ready', words: 'Restart to update', version: '0.2.0' });
    expect(statuses.map((status) => status.words)).toEqual(['Checking for updates…', 'Downloading 0 %', 'Downloading 42 %', 'Restart to update']);
    expect(statuses[2]).toMatchObject({ state: 'downloading', version: '0.2.0' });
    expect(updater.autoDownload).toBe(true);
  });

  it('never installs by itself: not when the download is done, not on quit; only on the user’s restart', async () => {
    const { service, updater } = harness();
    updater.onCheck = downloadsVersion('0.2.0');
    await service.start();
    expect(updater.autoInstallOnAppQuit).toBe(false);
    expect(updater.installs).toBe(0);
    expect(service.restart()).toBe(true);
    await vi.waitFor(() => expect(updater.installs).toBe(1));
  });

  it('refuses to restart while no update is ready', async () => {
    const { service, updater } = harness();
    expect(service.restart()).toBe(false);
    await service.start();
    expect(service.restart()).toBe(false);
    updater.onCheck = async (it) => {
      it.emit('update-available', { version: '0.2.0' });
      it.emit('download-progress', { percent: 10 });
      return { downloadPromise: new Promise(() => {}) };
    };
    await service.check();
    expect(service.status().words).toBe('Downloading 10 %');
    expect(service.restart()).toBe(false);
    expect(updater.installs).toBe(0);
  });

  it('keeps a downloaded update ready whatever a later error says, and does not check again', async () => {
    const { service, updater } = harness();
    updater.onCheck = downloadsVersion('0.2.0');
    await service.start();
    updater.emit('error', new Error('net::ERR_INTERNET_DISCONNECTED'));
    expect(await service.check()).toMatchObject({ state: 'ready' });
    expect(updater.checks).toBe(1);
  });

  it('says a failed check or download in words, with the updater’s reason', async () => {
    const { service, updater } = harness();
    updater.onCheck = async (it) => {
      it.emit('checking-for-update');
      const error = new Error('HttpError: 404 Not Found "https://github.com/o/r/releases.atom"');
      it.emit('error', error);
      throw error;
    };
    expect(await service.start()).toEqual({
      state: 'error',
      words: 'The update failed',
      detail: 'HttpError: 404 Not Found "https://github.com/o/r/releases.atom"',
    });
  });

  it('keeps a download that fails from becoming an unhandled rejection, and says it failed', async () => {
    const { service, updater } = harness();
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    let failDownload: (error: Error) => void = () => {};
    updater.onCheck = async (it) => {
      it.emit('update-available', { version: '0.2.0' });
      return { downloadPromise: new Promise((_, reject) => (failDownload = reject)) };
    };
    await service.start();
    // As electron-updater does: the "error" event, then the download's promise rejects.
    updater.emit('error', new Error('sha512 checksum mismatch'));
    failDownload(new Error('sha512 checksum mismatch'));
    await new Promise((settle) => setTimeout(settle, 10));
    process.off('unhandledRejection', unhandled);
    expect(unhandled).not.toHaveBeenCalled();
    expect(service.status()).toMatchObject({ state: 'error', detail: 'sha512 checksum mismatch' });
  });

  it('in a build that cannot update never loads the updater or checks, from the menu either, and says why', async () => {
    const { service, loadUpdater, statuses } = harness({ updatable: false });
    expect(await service.start()).toEqual({
      state: 'unavailable',
      words: 'Updates are not available for this build',
      detail: 'a development build does not update itself',
    });
    expect(await service.check()).toMatchObject({ state: 'unavailable' });
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(statuses).toHaveLength(1);
  });

  it('with the setting off checks nothing at start, but Help → Check for Updates… still checks', async () => {
    const { service, updater, loadUpdater } = harness({ automatic: false });
    expect(await service.start()).toMatchObject({ state: 'idle', words: 'Not checked yet' });
    expect(loadUpdater).not.toHaveBeenCalled();
    expect(await service.check()).toMatchObject({ state: 'up-to-date' });
    expect(updater.checks).toBe(1);
  });

  it('without a host (browser mode) never checks, and says updates come with the project', async () => {
    const statuses: UpdateStatus[] = [];
    const service = createUpdateService({ host: undefined, automatic: () => true, onStatus: (status) => statuses.push(status), log: () => {} });
    expect(await service.check()).toMatchObject({ state: 'unavailable', detail: expect.stringContaining('browser mode') });
  });

  it('says "not available" when the updater itself declines to run (it answers a check with null)', async () => {
    const { service, updater } = harness();
    updater.onCheck = () => Promise.resolve(null);
    expect(await service.start()).toMatchObject({ state: 'unavailable', words: 'Updates are not available for this build' });
  });
});

describe('which builds can update', () => {
  const packaged: BuildFacts = { isPackaged: true, platform: 'win32', env: {}, packageType: undefined, macSigned: false };

  it('never a development build', () => {
    expect(updatability({ ...packaged, isPackaged: false })).toMatchObject({
      updatable: false,
      reason: expect.stringContaining('development build'),
    });
  });

  it('on Linux only the AppImage: not a deb install, not a snap, not without APPIMAGE', () => {
    const linux = { ...packaged, platform: 'linux' };
    expect(updatability({ ...linux, env: { APPIMAGE: '/home/me/Voice.AppImage' } })).toEqual({ updatable: true });
    expect(updatability({ ...linux, env: { APPIMAGE: '/x' }, packageType: 'deb' })).toMatchObject({
      updatable: false,
      reason: expect.stringContaining('installed from a .deb package'),
    });
    expect(updatability({ ...linux, env: { SNAP: '/snap/x' } })).toMatchObject({ updatable: false, reason: expect.stringContaining('snap') });
    expect(updatability(linux)).toMatchObject({ updatable: false, reason: expect.stringContaining('only the AppImage') });
  });

  it('on macOS only a signed app', () => {
    const mac = { ...packaged, platform: 'darwin' };
    expect(updatability({ ...mac, macSigned: true })).toEqual({ updatable: true });
    expect(updatability(mac)).toMatchObject({ updatable: false, reason: expect.stringContaining('not signed') });
  });

  it('on Windows the NSIS install', () => {
    expect(updatability(packaged)).toEqual({ updatable: true });
  });

  it('reads a developer signature from codesign’s report, and not an ad-hoc one', () => {
    expect(
      isDeveloperSigned('Identifier=dev.voiceagentworkbench.app\nAuthority=Developer ID Application: X (AB12CD34EF)\nTeamIdentifier=AB12CD34EF\n'),
    ).toBe(true);
    expect(isDeveloperSigned('Identifier=dev.voiceagentworkbench.app\nSignature=adhoc\nTeamIdentifier=not set\n')).toBe(false);
    expect(isDeveloperSigned('Signature=adhoc\n')).toBe(false);
    expect(isDeveloperSigned('')).toBe(false);
  });
});

describe('the Check for Updates dialog', () => {
  it('offers the restart only when an update is ready', () => {
    const ready = updateDialog({ state: 'ready', words: 'Restart to update', version: '0.2.0' }, 'Voice Agent Workbench', '0.1.0');
    expect(ready).toMatchObject({ message: 'Restart to update', buttons: ['Restart to update', 'Later'], restartButton: 0 });
    expect(ready.detail).toContain('Version 0.2.0 is downloaded');
    for (const status of [
      { state: 'up-to-date', words: 'Up to date' },
      { state: 'downloading', words: 'Downloading 42 %', version: '0.2.0' },
      { state: 'unavailable', words: 'Updates are not available for this build', detail: 'this macOS build is not signed' },
      { state: 'error', words: 'The update failed', detail: 'HttpError: 404' },
    ] as const) {
      const shown = updateDialog(status, 'Voice Agent Workbench', '0.1.0');
      expect(shown.restartButton, status.state).toBeUndefined();
      expect(shown.message).toBe(status.words);
    }
    expect(updateDialog({ state: 'up-to-date', words: 'Up to date' }, 'Voice Agent Workbench', '0.1.0').detail).toBe(
      'Voice Agent Workbench 0.1.0 is the newest version.',
    );
    expect(updateDialog({ state: 'error', words: 'The update failed', detail: 'HttpError: 404' }, 'Voice Agent Workbench', '0.1.0').detail).toBe(
      'HttpError: 404',
    );
  });
});
