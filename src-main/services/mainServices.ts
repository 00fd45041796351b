import { join } from 'node:path';
import type { AppInfo } from '../../src-shared/contract';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { PushHub } from '../ipc/pushHub';
import { createKeyStore, type KeyStore, type SecretBackend } from './keyStore';
import { openSettingsStore, type SettingsStore } from './settingsStore';

export interface MainServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly keyBackend: SecretBackend;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
}

export interface MainServices {
  readonly dispatch: Dispatch;
  readonly push: PushHub;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly appInfo: AppInfo;
}

/** The services both hosts share; a host adds only windows or sockets around them. */
export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const settings = await openSettingsStore(join(options.dataDir, 'settings.json'));
  for (const problem of settings.problems) options.log(problem.message);
  const keys = createKeyStore(options.keyBackend, options.env['OPENAI_API_KEY']);
  const appInfo: AppInfo = {
    name: 'Voice Agent Workbench',
    version: options.version,
    host: options.host,
    platform: process.platform,
    dataDir: options.dataDir,
  };
  const push = new PushHub();
  settings.onChange((next) => push.emit('settingsChanged', next));
  keys.onChange((status) => push.emit('keyChanged', status));
  const dispatch = createDispatcher(createHandlers({ appInfo, settings, keys }), (channel, error) =>
    options.log(`${channel}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return { dispatch, push, settings, keys, appInfo };
}
