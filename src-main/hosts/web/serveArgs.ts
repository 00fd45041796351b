import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../../src-shared/errors';

export interface ServeArgs {
  readonly port: number;
  readonly dataDir: string;
  /** A session log or Realtime event log to replay at start. */
  readonly open: string | undefined;
}

const usage = 'Usage: npm run serve -- [--port N] [--data-dir DIR] [FILE]';

/** The same folder Electron would use for userData, so both hosts share settings. */
export function defaultDataDir(env: Readonly<Record<string, string | undefined>>): string {
  if (env['WORKBENCH_DATA_DIR']) return env['WORKBENCH_DATA_DIR'];
  const configHome = env['XDG_CONFIG_HOME'] || join(homedir(), '.config');
  return join(configHome, 'Voice Agent Workbench');
}

export function parseServeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): ServeArgs {
  let port = 0;
  let dataDir = defaultDataDir(env);
  let open: string | undefined;
  for (let index = 0; index < argv.length; index += 1) {
    const flag = argv[index];
    const value = argv[index + 1];
    if (flag === '--port') {
      const parsed = Number(value);
      if (value === undefined || !Number.isInteger(parsed) || parsed < 0 || parsed > 65535) {
        throw new WorkbenchError(
          'invalid_request',
          `--port needs a whole number from 0 to 65535, got ${JSON.stringify(value ?? '')}. ${usage}`,
          'port',
        );
      }
      port = parsed;
      index += 1;
    } else if (flag === '--data-dir') {
      if (!value) throw new WorkbenchError('invalid_request', `--data-dir needs a folder. ${usage}`, 'data-dir');
      dataDir = value;
      index += 1;
    } else if (flag !== undefined && !flag.startsWith('-') && open === undefined) {
      open = resolve(flag);
    } else {
      throw new WorkbenchError('invalid_request', `Unknown option ${JSON.stringify(flag)}. ${usage}`);
    }
  }
  return { port, dataDir, open };
}
