import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Finds the Electron executable without triggering electron's lazy download (requiring 'electron'
 * from Node starts one, which hangs or fails on a machine without network).
 * @returns {{ path: string } | { missing: string }}
 */
export function findElectronBinary() {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : process.platform === 'win32' ? 'electron.exe' : 'electron';
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(packageDir, 'dist');
  const path = join(distDir, relative);
  if (existsSync(path)) return { path };
  return { missing: `The Electron binary is not installed at ${path} (it is downloaded on first run, and this machine cannot reach the download).` };
}
