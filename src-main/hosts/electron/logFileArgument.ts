import { resolve } from 'node:path';

/**
 * `voice-agent-workbench FILE` (and `npm start -- FILE`): the session log to open at start, resolved
 * against the directory the app was started in. Chromium and Electron switches (`--inspect=9229`,
 * `--no-sandbox`) and a bare `--` are skipped wherever they sit; of what is left, the first is the log, after
 * the app's path in development (which switches may precede: `electron --inspect=0 . FILE`).
 */
export function logFileArgument(argv: readonly string[], isPackaged: boolean, cwd: string): string | undefined {
  const positional = argv.slice(1).filter((arg) => arg !== '' && !arg.startsWith('-'));
  const file = positional[isPackaged ? 0 : 1];
  return file === undefined ? undefined : resolve(cwd, file);
}
