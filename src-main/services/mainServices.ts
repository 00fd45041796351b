import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { AppInfo } from '../../src-shared/contract';
import { createDispatcher, type Dispatch } from '../ipc/dispatcher';
import { createHandlers } from '../ipc/handlers';
import { PushHub } from '../ipc/pushHub';
import { originOf } from '../security/contentSecurityPolicy';
import { effectiveBaseUrl } from './baseUrl';
import { createHotkeyService, type HotkeyHost, type HotkeyService } from './hotkey/hotkeyService';
import { createKeyStore, type KeyStore, type SecretBackend } from './keyStore';
import { createNamedSecrets } from './namedSecrets';
import { openLayoutStore } from './layoutStore';
import { createUpstreamClientFactory } from './openaiClient';
import { loadPricing } from './pricingTable';
import { openScenarioLibrary, type ScenarioLibrary } from './scenarioLibrary';
import { SessionCalls } from './sessionCalls';
import { SupervisorPauses } from './supervisorPauses';
import { createRedactor } from './sessionLog/redaction';
import { openSessionLibrary, type SessionLibrary } from './sessionLog/sessionLibrary';
import { openSettingsStore, type SettingsStore } from './settingsStore';
import { createUpdateService, type UpdaterHost, type UpdateService } from './updater/updateService';

export interface MainServicesOptions {
  readonly dataDir: string;
  readonly host: AppInfo['host'];
  readonly version: string;
  readonly keyBackend: SecretBackend;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly log: (line: string) => void;
  /** The app's own agent-configs folder. */
  readonly builtinScenarioDir: string;
  /** The shipped personas a simulated caller may name; resources/personas beside agent-configs when not given. */
  readonly personasDir?: string;
  /** resources/metaprompt; by default beside the shipped scenarios, as in a checkout. */
  readonly metapromptDir?: string;
  readonly watchScenarios?: boolean;
  /** A log to replay at start, from the command line. */
  readonly openAtStart?: string;
  /** The bundled pricing table (resources/pricing.json); the user's own is pricing.json in the data folder. */
  readonly bundledPricing: string;
  /** The bundled sample session, opened on a first run (no saved sessions yet). */
  readonly sampleSession?: string;
  /** Shows a file in the OS file manager; only the desktop host has one. */
  readonly reveal?: (file: string) => void;
  /** How this host runs the push-to-talk keyboard hook and its fallback; without one the hotkey works in the window only. */
  readonly hotkeyHost?: HotkeyHost;
  /** How this host updates the app (the packaged desktop app); without one nothing is ever checked. */
  readonly updaterHost?: UpdaterHost;
}

export interface MainServices {
  readonly dispatch: Dispatch;
  readonly push: PushHub;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly scenarios: ScenarioLibrary;
  readonly sessionLogs: SessionLibrary;
  readonly appInfo: AppInfo;
  readonly hotkey: HotkeyService;
  readonly updates: UpdateService;
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
  const hotkey = createHotkeyService({
    host: options.hotkeyHost,
    platform: process.platform,
    env: options.env,
    onPtt: (phase) => push.emit('pttHotkey', { phase }),
    onStatus: (status) => push.emit('hotkeyStatusChanged', status),
    log: options.log,
  });
  // Not awaited: the hook may take seconds to say it runs, and the window need not wait for it.
  let pttHotkey = settings.get().pttHotkey;
  void hotkey.configure(pttHotkey);
  settings.onChange((next) => {
    if (next.pttHotkey === pttHotkey) return;
    pttHotkey = next.pttHotkey;
    void hotkey.configure(pttHotkey);
  });
  const updates = createUpdateService({
    host: options.updaterHost,
    automatic: () => settings.get().checkForUpdates,
    onStatus: (status) => push.emit('updateStatusChanged', status),
    log: options.log,
  });
  void updates.start();
  let checkForUpdates = settings.get().checkForUpdates;
  settings.onChange((next) => {
    // Turned on: check now rather than at the next start.
    if (next.checkForUpdates && !checkForUpdates) void updates.check();
    checkForUpdates = next.checkForUpdates;
  });
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
  const secrets = createNamedSecrets(options.dataDir, options.env);
  const sessionLogs = await openSessionLibrary({
    folder: join(options.dataDir, 'sessions'),
    appVersion: options.version,
    settings: () => settings.get(),
    redact: createRedactor(() =>
      [storedKey, options.env['OPENAI_API_KEY'], ...secrets.handedOut()].filter((key): key is string => key !== undefined),
    ),
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
    supervisorPauses: new SupervisorPauses(),
    sessionLogs,
    layouts: openLayoutStore(join(options.dataDir, 'layout.json'), options.log),
    pricing: () => loadPricing(options.bundledPricing, join(options.dataDir, 'pricing.json')),
    startupOpen,
    reveal: options.reveal,
    hotkeyStatus: () => hotkey.status(),
    updates,
    testsFolders: {
      builtinDir: options.builtinScenarioDir,
      personasDir: options.personasDir ?? join(options.builtinScenarioDir, '../resources/personas'),
    },
    metapromptDir: options.metapromptDir ?? join(options.builtinScenarioDir, '../resources/metaprompt'),
    dispatch: (channel, request) => dispatch(channel, request),
    onRerunProgress: (progress) => push.emit('rerunProgress', progress),
    secrets,
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
    hotkey,
    updates,
    connectOrigins: () => [originOf(effectiveBaseUrl(settings.get(), options.env))].filter((origin): origin is string => origin !== undefined),
    close: async () => {
      hotkey.close();
      await Promise.all([scenarios.close(), sessionLogs.close()]);
    },
  };
}
