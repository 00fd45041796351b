import { join } from 'node:path';
import type { AppInfo } from '../../src-shared/contract';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { PushHub } from '../ipc/pushHub';
import { originOf } from '../security/contentSecurityPolicy';
import { effectiveBaseUrl } from './baseUrl';
import { createKeyStore, type KeyStore, type SecretBackend } from './keyStore';
import { createUpstreamClientFactory } from './openaiClient';
import { openScenarioLibrary, type ScenarioLibrary } from './scenarioLibrary';
import { SessionCalls } from './sessionCalls';
import { openSettingsStore, type SettingsStore } from './settingsStore';

export interface MainServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly keyBackend: SecretBackend;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
  /** The app's own agent-configs folder. */
  readonly builtinScenarioDir: string;
  readonly watchScenarios?: boolean;
}

export interface MainServices {
  readonly dispatch: Dispatch;
  readonly push: PushHub;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly scenarios: ScenarioLibrary;
  readonly appInfo: AppInfo;
  /** Origins the page may connect to: the effective API base URL's. */
  connectOrigins(): string[];
  close(): Promise<void>;
}

/** The services both hosts share; a host adds only windows or sockets around them. */
export async function createMainServices(options: MainServicesOptions): Promise<MainServices> {
  const settings = await openSettingsStore(join(options.dataDir, 'settings.json'));
  for (const problem of settings.problems) options.log(problem.message);
  const keys = createKeyStore(options.keyBackend, options.env['OPENAI_API_KEY']);
  const scenarios = await openScenarioLibrary({
    builtinDir: options.builtinScenarioDir,
    userDir: join(options.dataDir, 'agent-configs'),
    watch: options.watchScenarios ?? true,
    log: options.log,
  });
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
  scenarios.onChange((catalog) => push.emit('scenariosChanged', catalog));
  const upstream = createUpstreamClientFactory(keys, settings, options.env);
  const handlers = createHandlers({ appInfo, settings, keys, scenarios, upstream, calls: new SessionCalls() });
  const dispatch = createDispatcher(handlers, (channel, error) =>
    options.log(`${channel}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    dispatch,
    push,
    settings,
    keys,
    scenarios,
    appInfo,
    connectOrigins: () => [originOf(effectiveBaseUrl(settings.get(), options.env))].filter((origin): origin is string => origin !== undefined),
    close: () => scenarios.close(),
  };
}
