import { dirname, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';

export interface FolderWatch {
  close(): Promise<void>;
}

/**
 * Calls onChange when anything in a folder is added, changed or removed, including the folder itself going
 * away and coming back. chokidar loses a watched folder once it is deleted, so the parent is watched,
 * filtered down to the folder and what is in it.
 */
export async function watchFolder(folder: string, onChange: () => void, log: (line: string) => void): Promise<FolderWatch> {
  const dir = resolve(folder);
  const parent = dirname(dir);
  const watcher: FSWatcher = watch(parent, {
    ignoreInitial: true,
    depth: 1,
    ignored: (path) => !(path === parent || path === dir || path.startsWith(dir + sep)),
  });
  watcher.on('all', (_event, path) => {
    if (path === dir || path.startsWith(dir + sep)) onChange();
  });
  watcher.on('error', (error) => log(`Watching ${dir} for scenario changes reported: ${error instanceof Error ? error.message : String(error)}`));
  await new Promise<void>((ready) => watcher.once('ready', ready));
  return { close: () => watcher.close() };
}
