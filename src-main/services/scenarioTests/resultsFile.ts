import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseHistory, type HistoryLine } from '../../../src-shared/scenarioTests/testHistory';

/** The results of every scenario test run, one JSON line per run, in the data folder. */
export const RESULTS_FILE = 'test-results.jsonl';

/** Appends one run's line (one write of one line: a crash loses at most that line, never earlier ones). */
export async function appendHistory(dataDir: string, line: HistoryLine): Promise<void> {
  await appendFile(join(dataDir, RESULTS_FILE), `${JSON.stringify(line)}\n`, { encoding: 'utf8', mode: 0o600 });
}

/** Every run so far, oldest first; none when the file does not exist yet. Lines that do not parse are left out. */
export async function readHistory(dataDir: string): Promise<HistoryLine[]> {
  try {
    return parseHistory(await readFile(join(dataDir, RESULTS_FILE), 'utf8')).lines;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
