import { basename, dirname, join } from 'node:path';
import { SESSION_LOG_EXTENSION } from '../../../src-shared/sessionLog';
import { IMAGES_FOLDER_SUFFIX } from '../../../src-shared/sessionLogImages';

/** A saved session's log in the sessions folder: `<id>.jsonl`. */
export function logFileOf(folder: string, id: string): string {
  return join(folder, `${id}${SESSION_LOG_EXTENSION}`);
}

/** The recording beside a log: the same name with `.wav` for `.jsonl`. */
export function audioFileOf(logFile: string): string {
  return join(dirname(logFile), `${basename(logFile, SESSION_LOG_EXTENSION)}.wav`);
}

/** The folder of images sent in the session, beside the log: the same name with `.images` for `.jsonl`. */
export function imagesFolderOf(logFile: string): string {
  return join(dirname(logFile), `${basename(logFile, SESSION_LOG_EXTENSION)}${IMAGES_FOLDER_SUFFIX}`);
}

/** The sidecar holding a session's title, so renaming never rewrites the log. */
export function metaFileOf(folder: string, id: string): string {
  return join(folder, `${id}.meta.json`);
}
