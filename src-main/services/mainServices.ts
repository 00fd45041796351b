import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AppInfo } from '../../src-shared/contract';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { PushHub } from '../ipc/pushHub';
import { originOf } from '../security/contentSecurityPolicy';
import { effectiveBaseUrl } from './baseUrl';
import { createKeyStore, type KeyStore, type SecretBackend } from './keyStore';
import { openLayoutStore } from './layoutStore';
import { createUpstreamClientFactory } from './openaiClient';
import { openScenarioLibrary, type ScenarioLibrary } from './scenarioLibrary';
import { SessionCalls } from './sessionCalls';
import { createRedactor } from './sessionLog/redaction';
import { openSessionLibrary, type SessionLibrary } from './sessionLog/sessionLibrary';
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
  /** A log to replay at start, from the command line. */
  readonly openAtStart?: string;
  /** The bundled sample session, opened on a first run (no saved sessions yet). */
  readonly sampleSession?: string;
  /** Shows a file in the OS file manager; only the desktop host has one. */
  readonly reveal?: (file: string) => void;
}

export interface MainServices {
  readonly dispatch: Dispatch;
  readonly push: PushHub;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly scenarios: ScenarioLibrary;
  readonly sessionLogs: SessionLibrary;
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
  // The key is redacted from logs by value; keep the current one at hand without letting it leave main.
  let storedKey: string | undefined;
  const refreshKey = () =>
    void keys.resolve().then(
      (key) => (storedKey = key),
      () => (storedKey = undefined),
    );
  refreshKey();
  keys.onChange(refreshKey);
  const sessionLogs = await openSessionLibrary({
    folder: join(options.dataDir, 'sessions'),
    appVersion: options.version,
    settings: () => settings.get(),
    redact: createRedactor(() => [storedKey, options.env['OPENAI_API_KEY']].filter((key): key is string => key !== undefined)),
    log: options.log,
  });
  sessionLogs.onChange(() => push.emit('sessionsChanged', { at: Date.now() }));
  let startupOffered = false;
  const startupOpen = async () => {
    // Offered once per host start: a reload of the page does not reopen it.
    if (startupOffered) return null;
    startupOffered = true;
    if (options.openAtStart)
      return { grant: sessionLogs.grant(options.openAtStart), name: basename(options.openAtStart), reason: 'command-line' as const };
    const sampleExists =
      options.sampleSession !== undefined &&
      (await stat(options.sampleSession).then(
        (info) => info.isFile(),
        () => false,
      ));
    if (options.sampleSession && sampleExists && (await sessionLogs.list()).sessions.length === 0)
      return { grant: sessionLogs.grant(options.sampleSession), name: basename(options.sampleSession), reason: 'sample' as const };
    return null;
  };
  const handlers = createHandlers({
    appInfo,
    settings,
    keys,
    scenarios,
    upstream,
    calls: new SessionCalls(),
    sessionLogs,
    layouts: openLayoutStore(join(options.dataDir, 'layout.json'), options.log),
    startupOpen,
    reveal: options.reveal,
  });
  const dispatch = createDispatcher(handlers, (channel, error) =>
    options.log(`${channel}: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  );
  return {
    dispatch,
    push,
    settings,
    keys,
    scenarios,
    sessionLogs,
    appInfo,
    connectOrigins: () => [originOf(effectiveBaseUrl(settings.get(), options.env))].filter((origin): origin is string => origin !== undefined),
    close: async () => {
      await Promise.all([scenarios.close(), sessionLogs.close()]);
    },
  };
}
