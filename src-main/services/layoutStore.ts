import { readFile, rename, rm } from 'node:fs/promises';
import { writeFileAtomic } from './atomicFile';

export type SavedLayout = Record<string, unknown>;

export interface LayoutStore {
  /** The saved panel layout, or null when there is none (or it could not be read: then the default is used). */
  get(): Promise<SavedLayout | null>;
  /** Saves the layout; null forgets it, so the next start uses the default ("Reset layout"). */
  save(layout: SavedLayout | null): Promise<void>;
}

/**
 * The panel layout, kept in main so it survives reloads in both hosts (the web host's origin changes
 * with its port, so the page's own storage would not). A file that cannot be read is set aside as
 * `layout.json.unreadable`, never deleted, and the default layout is used.
 */
export function openLayoutStore(file: string, log: (line: string) => void): LayoutStore {
  return {
    async get() {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        log(`${file}: cannot read the saved layout (${(error as Error).message}); using the default layout`);
        return null;
      }
      try {
        const parsed = JSON.parse(text) as unknown;
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as SavedLayout;
        throw new Error('it is not a JSON object');
      } catch (error) {
        log(`${file}: the saved layout is not usable (${(error as Error).message}); kept as ${file}.unreadable, using the default layout`);
        await rename(file, `${file}.unreadable`).catch(() => undefined);
        return null;
      }
    },
    async save(layout) {
      if (layout === null) await rm(file, { force: true });
      else await writeFileAtomic(file, `${JSON.stringify(layout)}\n`, 0o600);
    },
  };
}
