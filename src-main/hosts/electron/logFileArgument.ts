import { resolve } from 'node:path';

/**
 * `voice-agent-workbench FILE` (and `npm start -- FILE`): the session log to open at start, resolved
 * against the directory the app was started in. It is the first argument after the executable (and, in
 * development, the app's path) that is not a switch: Chromium and Electron switches (`--inspect=9229`,
 * `--no-sandbox`) are skipped, as is a bare `--`.
 */
export function logFileArgument(argv: readonly string[], isPackaged: boolean, cwd: string): string | undefined {
  const file = argv.slice(isPackaged ? 1 : 2).find((arg) => arg !== '' && !arg.startsWith('-'));
  return file === undefined ? undefined : resolve(cwd, file);
}
