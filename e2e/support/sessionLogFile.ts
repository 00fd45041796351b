import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** One line of a session log as written: its header or footer record, or one event. */
export interface LogLine {
  readonly record?: string;
  readonly reason?: string;
  readonly seq?: number;
  readonly t?: number;
  readonly direction?: string;
  readonly type?: string;
  readonly payload?: Record<string, unknown>;
  readonly [field: string]: unknown;
}

/** The lines of the one session log in the data folder; none while there is no log yet, or more than one. */
export async function sessionLogLines(dataDir: string): Promise<LogLine[]> {
  const folder = join(dataDir, 'sessions');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl'));
  if (files.length !== 1) return [];
  const text = await readFile(join(folder, files[0]!), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as LogLine);
}
