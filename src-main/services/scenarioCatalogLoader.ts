import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ScenarioCatalog, ScenarioProblem } from '../../src-shared/scenario';
import { parseScenarioFile } from './scenarioFile';

export type ScenarioOrigin = 'builtin' | 'user';
type CatalogEntry = ScenarioCatalog['scenarios'][number];

interface LoadedFolder {
  readonly entries: CatalogEntry[];
  readonly problems: ScenarioProblem[];
}

function reasonOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'it does not exist' : (error as Error).message;
}

/** Every *.json file of one folder, in name order; a file that cannot be used becomes a problem and the rest still load. */
async function loadFolder(dir: string, origin: ScenarioOrigin): Promise<LoadedFolder> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.endsWith('.json')).sort();
  } catch (error) {
    return { entries: [], problems: [{ path: dir, message: `Cannot read the ${origin} scenario folder ${dir}: ${reasonOf(error)}.` }] };
  }
  const entries: CatalogEntry[] = [];
  const problems: ScenarioProblem[] = [];
  const firstPathOfId = new Map<string, string>();
  for (const name of names) {
    const path = join(dir, name);
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      // A file deleted or renamed between readdir and readFile is an editor mid-save, not a fault.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      problems.push({ path, message: `Cannot read ${path}: ${reasonOf(error)}.` });
      continue;
    }
    const parsed = parseScenarioFile(path, text);
    if ('problem' in parsed) {
      problems.push(parsed.problem);
      continue;
    }
    const { scenario, idLine } = parsed;
    const earlier = firstPathOfId.get(scenario.id);
    if (earlier !== undefined) {
      problems.push({
        path,
        line: idLine,
        field: 'id',
        message: `${path}:${idLine}: id: "${scenario.id}" is already the id of ${earlier}, so this file was skipped. Give one of them another id.`,
      });
      continue;
    }
    firstPathOfId.set(scenario.id, path);
    entries.push({ ...scenario, source: { path, origin } });
  }
  return { entries, problems };
}

export interface LoadedCatalog {
  readonly catalog: ScenarioCatalog;
  /** Things worth a log line that are not problems: which user files replace built-in ones. */
  readonly notices: string[];
}

/**
 * The scenarios of the app's own folder and the user's folder. A user scenario with the id of a
 * built-in one replaces it without a problem being reported: copying a shipped file into the user
 * folder and editing it is the documented way to customise it, and the entry's source shows which
 * file is in effect. The replacement is a notice, so it can still be traced in the log.
 */
export async function loadScenarioCatalog(builtinDir: string, userDir: string): Promise<LoadedCatalog> {
  const [builtin, user] = await Promise.all([loadFolder(builtinDir, 'builtin'), loadFolder(userDir, 'user')]);
  const userPathOfId = new Map(user.entries.map((entry) => [entry.id, entry.source.path]));
  const notices: string[] = [];
  const kept = builtin.entries.filter((entry) => {
    const replacement = userPathOfId.get(entry.id);
    if (replacement !== undefined) notices.push(`Scenario "${entry.id}": ${replacement} replaces the built-in ${entry.source.path}.`);
    return replacement === undefined;
  });
  return { catalog: { scenarios: [...kept, ...user.entries], problems: [...builtin.problems, ...user.problems], userFolder: userDir }, notices };
}
