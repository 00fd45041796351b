import { mkdir } from 'node:fs/promises';
import { WorkbenchError } from '../../src-shared/errors';
import type { Scenario, ScenarioCatalog } from '../../src-shared/scenario';
import { loadScenarioCatalog, type LoadedCatalog } from './scenarioCatalogLoader';
import { watchFolder, type FolderWatch } from './scenarioFolderWatch';

export interface ScenarioLibrary {
  /** The current scenarios, the problems of the files that could not be used, and the user's folder. */
  catalog(): ScenarioCatalog;
  /** The scenario with this id; throws a scenario_unknown error naming the id and the ids that exist. */
  find(id: string): Scenario;
  /** Called with the new catalog whenever a reload changes it; returns the unsubscribe function. */
  onChange(listener: (catalog: ScenarioCatalog) => void): () => void;
  /** Stops watching; waits for a reload in progress, and no listener is called afterwards. */
  close(): Promise<void>;
}

interface ScenarioLibraryOptions {
  readonly builtinDir: string;
  readonly userDir: string;
  readonly watch: boolean;
  readonly log: (line: string) => void;
}

/** Long enough to fold an editor's save (write, rename, chmod) into one reload. */
const RELOAD_DEBOUNCE_MS = 150;

export async function openScenarioLibrary(options: ScenarioLibraryOptions): Promise<ScenarioLibrary> {
  const { builtinDir, userDir, log } = options;
  await mkdir(userDir, { recursive: true });

  function report({ catalog, notices }: LoadedCatalog): void {
    for (const line of [...notices, ...catalog.problems.map((problem) => problem.message)]) log(line);
  }

  const first = await loadScenarioCatalog(builtinDir, userDir);
  report(first);
  let current = first.catalog;
  const listeners = new Set<(catalog: ScenarioCatalog) => void>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reloading: Promise<void> | undefined;
  let reloadAgain = false;
  let closed = false;

  async function reloadOnce(): Promise<void> {
    const loaded = await loadScenarioCatalog(builtinDir, userDir);
    if (closed || JSON.stringify(loaded.catalog) === JSON.stringify(current)) return;
    current = loaded.catalog;
    report(loaded);
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (error) {
        log(`A scenario change listener failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      }
    }
  }

  // One reload at a time, so an older reload never finishes last and leaves a stale catalog.
  function reload(): void {
    if (reloading) {
      reloadAgain = true;
      return;
    }
    reloading = (async () => {
      do {
        reloadAgain = false;
        await reloadOnce();
      } while (reloadAgain && !closed);
    })()
      .catch((error: unknown) => log(`Reloading the scenarios failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        reloading = undefined;
      });
  }

  function scheduleReload(): void {
    if (closed) return;
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload();
    }, RELOAD_DEBOUNCE_MS);
  }

  const watches: FolderWatch[] = options.watch ? [builtinDir, userDir].map((dir) => watchFolder(dir, scheduleReload, log)) : [];

  return {
    catalog: () => current,
    find(id) {
      const scenario = current.scenarios.find((candidate) => candidate.id === id);
      if (scenario) return scenario;
      const known = current.scenarios.map((candidate) => `"${candidate.id}"`).join(', ') || 'none';
      throw new WorkbenchError(
        'scenario_unknown',
        `There is no scenario "${id}". Loaded: ${known} (scenario files are read from ${builtinDir} and ${userDir}).`,
        'scenarioId',
      );
    },
    onChange(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      for (const watch of watches) watch.close();
      await reloading;
    },
  };
}
