import { existsSync, watch, type FSWatcher } from 'node:fs';
import { dirname } from 'node:path';

export interface FolderWatch {
  close(): void;
}

function nearestExisting(dir: string): string {
  let candidate = dir;
  while (!existsSync(candidate) && dirname(candidate) !== candidate) candidate = dirname(candidate);
  return candidate;
}

/**
 * Calls onChange whenever something in the folder may have changed, including the folder itself
 * going away or coming back. A directory watch (not one per file) sees editors that save by writing
 * a temporary file and renaming it over the original. While the folder is missing, its nearest
 * existing ancestor is watched instead, because a watch on a deleted folder never fires again.
 */
export function watchFolder(dir: string, onChange: () => void, log: (line: string) => void): FolderWatch {
  let watcher: FSWatcher | undefined;
  let watching: string | undefined;
  let closed = false;

  function arm(): void {
    watcher?.close();
    watcher = undefined;
    watching = nearestExisting(dir);
    try {
      watcher = watch(watching, onEvent);
      watcher.on('error', (error) => {
        log(`Watching ${watching} for scenario changes failed (${error.message}); watching again.`);
        rearm();
      });
    } catch (error) {
      log(`Cannot watch ${watching} for scenario changes: ${(error as Error).message}. Edits to ${dir} need a restart to show.`);
    }
  }

  function rearm(): void {
    if (closed) return;
    arm();
    onChange();
  }

  function onEvent(): void {
    if (closed) return;
    if (watching === dir) {
      onChange();
      if (!existsSync(dir)) arm();
    } else if (nearestExisting(dir) !== watching) {
      rearm();
    }
  }

  arm();
  return {
    close() {
      closed = true;
      watcher?.close();
    },
  };
}
