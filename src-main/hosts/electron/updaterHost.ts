import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { app } from 'electron';
import { isDeveloperSigned, updatability } from '../../services/updater/updatability';
import type { UpdaterHost } from '../../services/updater/updateService';

/** `resources/package-type`, the file electron-updater reads to tell a deb, rpm or pacman install from an AppImage. */
async function packageType(): Promise<string | undefined> {
  try {
    return (await readFile(join(process.resourcesPath, 'package-type'), 'utf8')).trim() || undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Whether the running .app carries a developer signature, as `codesign` reports it (an unsigned app fails it). */
async function macSigned(): Promise<boolean> {
  const bundle = resolve(app.getPath('exe'), '../../..');
  try {
    const { stderr } = await promisify(execFile)('codesign', ['--display', '--verbose=2', bundle]);
    return isDeveloperSigned(stderr);
  } catch {
    // codesign exits non-zero for "code object is not signed at all".
    return false;
  }
}

/** Updates under Electron: electron-updater with the GitHub provider of electron-builder.yml, in a packaged app only. */
export function electronUpdaterHost(): UpdaterHost {
  return {
    async updatability() {
      if (!app.isPackaged)
        return updatability({ isPackaged: false, platform: process.platform, env: process.env, packageType: undefined, macSigned: false });
      return updatability({
        isPackaged: true,
        platform: process.platform,
        env: process.env,
        packageType: process.platform === 'linux' ? await packageType() : undefined,
        macSigned: process.platform === 'darwin' ? await macSigned() : false,
      });
    },
    async loadUpdater() {
      // Imported only when a check is due in a build that can update, so development never loads it.
      const { default: electronUpdater } = await import('electron-updater');
      return electronUpdater.autoUpdater;
    },
  };
}
