import { mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';
import type { ScenarioCatalog, ScenarioProblem } from '../../src-shared/scenario';
import { parseScenarioFile } from '../../src-shared/scenarioFile';
import { watchFolder, type FolderWatch } from './scenarioFolderWatch';

export interface ScenarioLibrary {
  catalog(): ScenarioCatalog;
  /** The scenario with this id; throws a scenario_unknown error naming the ids that exist. */
  find(id: string): ScenarioCatalog['scenarios'][number];
  onChange(listener: (catalog: ScenarioCatalog) => void): () => void;
  /** Reads the folders again now (after the app wrote a file), telling the listeners if anything changed. */
  reload(): Promise<ScenarioCatalog>;
  close(): Promise<void>;
}

export interface ScenarioLibraryOptions {
  readonly builtinDir: string;
  readonly userDir: string;
  readonly watch: boolean;
  readonly log: (line: string) => void;
}

type Origin = 'builtin' | 'user';
const RELOAD_DEBOUNCE_MS = 150;

async function loadFolder(dir: string, origin: Origin): Promise<{ entries: ScenarioCatalog['scenarios']; problems: ScenarioProblem[] }> {
  let names: string[];
  try {
    // A tests file (`*.tests.json`) may sit beside the scenario it tests; it is not a scenario.
    names = (await readdir(dir)).filter((name) => name.endsWith('.json') && !name.endsWith('.tests.json')).sort();
  } catch (error) {
    // A deleted user folder just means no user scenarios; a missing built-in folder is a broken install.
    if (origin === 'user' && (error as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problems: [] };
    return { entries: [], problems: [{ path: dir, message: `Could not read the scenario folder ${dir}: ${(error as Error).message}` }] };
  }
  const entries: ScenarioCatalog['scenarios'] = [];
  const problems: ScenarioProblem[] = [];
  const seen = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      problems.push({ path, message: `Could not read ${path}: ${(error as Error).message}` });
      continue;
    }
    const parsed = parseScenarioFile(path, text);
    if ('problems' in parsed) {
      problems.push(...parsed.problems);
      continue;
    }
    const earlier = seen.get(parsed.scenario.id);
    if (earlier) {
      problems.push({
        path,
        field: 'id',
        message: `the scenario id "${parsed.scenario.id}" is already used by ${earlier}; this file was skipped.`,
      });
      continue;
    }
    seen.set(parsed.scenario.id, path);
    entries.push({ ...parsed.scenario, source: { path, origin } });
  }
  return { entries, problems };
}

/**
 * Loads scenarios from the app's own folder and the user's folder. A user scenario with the same id
 * as a built-in one replaces it, so the user can customise a shipped scenario by copying its file.
 */
async function loadCatalog(builtinDir: string, userDir: string): Promise<ScenarioCatalog> {
  const [builtin, user] = await Promise.all([loadFolder(builtinDir, 'builtin'), loadFolder(userDir, 'user')]);
  const userIds = new Set(user.entries.map((entry) => entry.id));
  return {
    scenarios: [...builtin.entries.filter((entry) => !userIds.has(entry.id)), ...user.entries],
    problems: [...builtin.problems, ...user.problems],
    userFolder: userDir,
  };
}

export async function openScenarioLibrary(options: ScenarioLibraryOptions): Promise<ScenarioLibrary> {
  await mkdir(options.userDir, { recursive: true });
  let current = await loadCatalog(options.builtinDir, options.userDir);
  for (const problem of current.problems) options.log(`${problem.path}: ${problem.message}`);
  const listeners = new Set<(catalog: ScenarioCatalog) => void>();
  const watches: FolderWatch[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let reloads: Promise<void> = Promise.resolve();
  let closed = false;

  async function reload(): Promise<void> {
    const next = await loadCatalog(options.builtinDir, options.userDir);
    if (closed || JSON.stringify(next) === JSON.stringify(current)) return;
    current = next;
    for (const problem of current.problems) options.log(`${problem.path}: ${problem.message}`);
    for (const listener of listeners) {
      try {
        listener(current);
      } catch (error) {
        options.log(`A scenario change listener failed: ${String(error)}`);
      }
    }
  }

  // Reloads run one after another, so a slow reload can never overwrite the catalog of a later one.
  function scheduleReload(): void {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reloads = reloads.then(reload).catch((error: unknown) => options.log(`Reloading scenarios failed: ${String(error)}`));
    }, RELOAD_DEBOUNCE_MS);
  }

  if (options.watch) {
    for (const dir of [options.builtinDir, options.userDir]) watches.push(await watchFolder(dir, scheduleReload, options.log));
  }

  return {
    catalog: () => current,
    find(id) {
      const scenario = current.scenarios.find((candidate) => candidate.id === id);
      if (!scenario) {
        throw new WorkbenchError(
          'scenario_unknown',
          `There is no scenario "${id}". Loaded: ${current.scenarios.map((candidate) => candidate.id).join(', ') || 'none'}.`,
          'scenarioId',
        );
      }
      return scenario;
    },
    async reload() {
      reloads = reloads.then(reload).catch((error: unknown) => options.log(`Reloading scenarios failed: ${String(error)}`));
      await reloads;
      return current;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      closed = true;
      if (timer !== undefined) clearTimeout(timer);
      await Promise.all(watches.map((folderWatch) => folderWatch.close()));
      await reloads;
    },
  };
}
