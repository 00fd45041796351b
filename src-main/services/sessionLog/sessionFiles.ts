import { basename, dirname, join } from 'node:path';
import { SESSION_LOG_EXTENSION } from '../../../src-shared/sessionLog';

/** A saved session's log in the sessions folder: `<id>.jsonl`. */
export function logFileOf(folder: string, id: string): string {
  return join(folder, `${id}${SESSION_LOG_EXTENSION}`);
}

/** The recording beside a log: the same name with `.wav` for `.jsonl`. */
export function audioFileOf(logFile: string): string {
  return join(dirname(logFile), `${basename(logFile, SESSION_LOG_EXTENSION)}.wav`);
}

/** The sidecar holding a session's title, so renaming never rewrites the log. */
export function metaFileOf(folder: string, id: string): string {
  return join(folder, `${id}.meta.json`);
}
