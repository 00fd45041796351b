import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startElectronHost } from '../../../src-main/hosts/electron/electronHost';
import type { MainServices } from '../../../src-main/services/mainServices';
import { useTempDirs } from '../../support/tempDir';
import { app, globalShortcut, resetElectronMock, systemPreferences, utilityProcess } from '../../mocks/electron';
import { electronHostPaths } from '../../mocks/electronHostPaths';

vi.mock('electron', () => import('../../mocks/electron'));

const makeDir = useTempDirs();
let services: MainServices | null = null;
const realPlatform = process.platform;

function onPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

beforeEach(async () => {
  resetElectronMock();
  app.userData = await makeDir();
  utilityProcess.next = 'ready';
  vi.stubEnv('DISPLAY', ':5');
});
afterEach(async () => {
  await services?.close();
  services = null;
  onPlatform(realPlatform);
  vi.unstubAllEnvs();
});

async function start(): Promise<MainServices> {
  services = await startElectronHost(electronHostPaths(await makeDir()));
  return services!;
}

describe('the keyboard hook and macOS’s Accessibility permission', () => {
  it('on macOS without the permission never starts the hook, offers the toggle, and says how to grant it', async () => {
    onPlatform('darwin');
    systemPreferences.trusted = false;
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-toggle'));
    expect(systemPreferences.isTrustedAccessibilityClient).toHaveBeenCalledWith(false);
    expect(utilityProcess.fork).not.toHaveBeenCalled();
    expect(globalShortcut.registered.has('F9')).toBe(true);
    expect(started.hotkey.status()).toMatchObject({
      reason: expect.stringContaining('needs the Accessibility permission'),
      howToFix: expect.stringContaining('System Settings → Privacy & Security → Accessibility'),
    });
  });

  it('on macOS with the permission starts the hook and holds to talk', async () => {
    onPlatform('darwin');
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    expect(utilityProcess.fork).toHaveBeenCalledOnce();
  });

  it('on Linux starts the hook without asking about Accessibility', async () => {
    onPlatform('linux');
    const started = await start();
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    expect(utilityProcess.fork).toHaveBeenCalledOnce();
    expect(systemPreferences.isTrustedAccessibilityClient).not.toHaveBeenCalled();
  });
});
