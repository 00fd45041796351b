import { readFile, readdir } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { parseJsonFile } from '../../../src-shared/jsonFileFaults';
import { stabilityOf, type HistoryLine, type TestStability } from '../../../src-shared/scenarioTests/testHistory';
import type { ListedTestsFile } from '../../../src-shared/testsContract';
import type { ScenarioLibrary } from '../scenarioLibrary';
import { appendHistory, readHistory } from './resultsFile';
import { scenarioHash } from './testRunner';
import { loadTestsFile, TestsFileError } from './testsFileLoader';

export interface TestsCatalogOptions {
  readonly scenarios: Pick<ScenarioLibrary, 'catalog'>;
  /** The shipped scenarios' folder (agent-configs); the user's is the catalog's `userFolder`. */
  readonly builtinDir: string;
  readonly personasDir: string;
  /** Where `test-results.jsonl` is kept. */
  readonly dataDir: string;
}

type Origin = ListedTestsFile['origin'];

async function testsFilesIn(dir: string, origin: Origin): Promise<{ path: string; origin: Origin }[]> {
  try {
    const names = (await readdir(dir)).filter((name) => name.endsWith('.tests.json')).sort();
    return names.map((name) => ({ path: join(dir, name), origin }));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Whether a tests file may be for this scenario before it is loaded: it names the scenario's id, or a scenario
 * file (the loaded scenario decides), or it cannot be read as JSON and is named after the scenario.
 */
function mayBeFor(text: string, path: string, scenarioId: string): boolean {
  const parsed = parseJsonFile(text, { comments: true });
  const named = 'input' in parsed ? (parsed.input as { scenario?: unknown } | null)?.scenario : undefined;
  if (typeof named !== 'string') return basename(path) === `${scenarioId}.tests.json`;
  return named === scenarioId || /[\\/]/.test(named) || named.endsWith('.json');
}

/** A history line is this file's when it names the same file, however the command line spelt the path. */
function historyOf(history: readonly HistoryLine[], path: string, test: string): HistoryLine[] {
  return history.filter((line) => line.test === test && (line.file === path || resolve(line.file) === path));
}

/**
 * The tests files for a scenario beside the shipped scenarios and in the user's scenario folder, each read and
 * checked against the scenario: its tests with their stability over the results history, or every fault found.
 */
export async function listScenarioTests(scenarioId: string, options: TestsCatalogOptions): Promise<ListedTestsFile[]> {
  const found = [...(await testsFilesIn(options.builtinDir, 'builtin')), ...(await testsFilesIn(options.scenarios.catalog().userFolder, 'user'))];
  const history = await readHistory(options.dataDir);
  const listed: ListedTestsFile[] = [];
  for (const { path, origin } of found) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      listed.push({
        ok: false,
        path,
        origin,
        faults: [{ file: path, line: 1, field: '', message: `${path}: cannot be read: ${(error as Error).message}` }],
      });
      continue;
    }
    if (!mayBeFor(text, path, scenarioId)) continue;
    try {
      const loaded = await loadTestsFile(path, { scenarios: options.scenarios, personasDir: options.personasDir });
      if (loaded.scenario.id !== scenarioId) continue;
      const hash = scenarioHash(loaded.scenario);
      const tests = loaded.file.tests.map((test) => ({ test, stability: stabilityOf(historyOf(history, path, test.name), hash) }));
      listed.push({ ok: true, path, origin, scenarioHash: hash, tests });
    } catch (error) {
      if (!(error instanceof TestsFileError)) throw error;
      listed.push({ ok: false, path, origin, faults: [...error.faults] });
    }
  }
  return listed;
}

/** Keeps one run in the results history and answers how its test stands now. */
export async function recordTestRun(dataDir: string, line: HistoryLine): Promise<TestStability> {
  await appendHistory(dataDir, line);
  return stabilityOf(historyOf(await readHistory(dataDir), line.file, line.test), line.scenarioHash);
}
