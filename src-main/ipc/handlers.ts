import type { AppInfo, HotkeyStatus, SupervisorOutcome } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import { mainTimeoutMs } from '../../src-shared/timeouts';
import type { KeyStore } from '../services/keyStore';
import type { NamedSecrets } from '../services/namedSecrets';
import type { LayoutStore } from '../services/layoutStore';
import type { LoadedPricing } from '../services/pricingTable';
import type { UpstreamClient, UpstreamClientFactory } from '../services/openaiClient';
import type { Scenario } from '../../src-shared/scenario';
import type { ScenarioLibrary } from '../services/scenarioLibrary';
import type { SessionCalls } from '../services/sessionCalls';
import type { SessionLibrary } from '../services/sessionLog/sessionLibrary';
import type { SettingsStore } from '../services/settingsStore';
import type { UpdateService } from '../services/updater/updateService';
import { runEscalation } from '../services/escalation';
import { savePrompt } from '../services/scenarioSave';
import { classifyOutput } from '../services/guardrail';
import { mintSession, testKey } from '../services/sessionMinter';
import { withModelSetting } from '../services/modelRefusal';
import { advanceSupervisor, startSupervisorLoop, type SupervisorLoop } from '../services/supervisor';
import type { SupervisorPauses } from '../services/supervisorPauses';
import type { Dispatch, Handlers } from './dispatcher';
import { scenarioDraftHandlers } from './scenarioDraftHandlers';
import { sessionComparisonHandlers, type SessionComparisonServices } from './sessionComparisonHandlers';
import { createTestsHandlers } from './testsHandlers';

export interface HandlerServices {
  readonly appInfo: AppInfo;
  readonly settings: SettingsStore;
  readonly keys: KeyStore;
  readonly scenarios: ScenarioLibrary;
  readonly upstream: UpstreamClientFactory;
  readonly calls: SessionCalls;
  readonly supervisorPauses: SupervisorPauses;
  readonly sessionLogs: SessionLibrary;
  readonly layouts: LayoutStore;
  /** Read when asked, so an edited pricing.json is used without a restart. */
  readonly pricing: () => Promise<LoadedPricing>;
  /** What the page should open at start (a command-line file or the first-run sample). */
  readonly startupOpen: () => Promise<{ grant: string; name: string; reason: 'command-line' | 'sample' } | null>;
  readonly reveal: ((file: string) => void) | undefined;
  readonly hotkeyStatus: () => HotkeyStatus;
  readonly updates: UpdateService;
  /** Where the Tests panel finds the shipped tests files and personas. */
  readonly testsFolders: { readonly builtinDir: string; readonly personasDir: string };
  /** resources/metaprompt: the drafting metaprompt of New scenario…. */
  readonly metapromptDir: string;
  /** The dispatcher over these handlers: a re-run drives a session through the contract. */
  readonly dispatch: Dispatch;
  /** Told as a re-run starts and finishes each turn, for the page's progress. */
  readonly onRerunProgress?: SessionComparisonServices['onRerunProgress'];
  /** The key store's named secrets, for MCP headers; without it a mint that names one is refused. */
  readonly secrets?: NamedSecrets;
}

export function createHandlers({
  appInfo,
  settings,
  keys,
  scenarios,
  upstream,
  calls,
  supervisorPauses,
  sessionLogs,
  layouts,
  pricing,
  startupOpen,
  reveal,
  hotkeyStatus,
  updates,
  testsFolders,
  metapromptDir,
  dispatch,
  onRerunProgress,
  secrets,
}: HandlerServices): Handlers {
  async function resolveSecrets(names: readonly string[]): Promise<Record<string, string>> {
    if (!secrets)
      throw new WorkbenchError('key_missing', `This host keeps no named secrets, so the MCP header secrets ${names.join(', ')} cannot be sent.`);
    return secrets.resolve(names);
  }

  /** A server-side model call on behalf of a session's scenario: cancellable with the session, and timed out. */
  async function scenarioCall<T>(
    request: { sessionId: string; scenarioId: string },
    what: string,
    timeoutMs: number,
    run: (client: UpstreamClient, scenario: Scenario, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const scenario = scenarios.find(request.scenarioId);
    const client = await upstream();
    return calls.run(request.sessionId, what, timeoutMs, (signal) => run(client, scenario, signal));
  }

  /** A supervisor answer that paused on an "ask me" tool is kept for `supervisor:resume`; a final one is answered as is. */
  function settleSupervisor(sessionId: string, loop: SupervisorLoop, outcome: Awaited<ReturnType<typeof advanceSupervisor>>): SupervisorOutcome {
    if (outcome.status !== 'paused') return outcome;
    const { call } = outcome;
    return {
      status: 'waiting',
      pauseId: supervisorPauses.hold(sessionId, loop, call),
      call: { callId: call.call_id, name: call.name, arguments: call.arguments },
      steps: loop.steps,
    };
  }

  return {
    app: {
      info: () => appInfo,
    },
    settings: {
      get: () => settings.get(),
      set: (patch) => settings.update(patch),
    },
    key: {
      status: () => keys.status(),
      set: ({ apiKey }) => keys.set(apiKey),
      clear: () => keys.clear(),
      test: () => testKey(upstream, settings.get()),
    },
    scenarios: {
      list: () => scenarios.catalog(),
      save: async (request) => {
        const { source } = scenarios.find(request.scenarioId);
        const saved = await savePrompt(source, scenarios.catalog().userFolder, request);
        // The page hears of the new catalog before the save answers, not a watcher's debounce later.
        await scenarios.reload();
        return saved;
      },
      ...scenarioDraftHandlers({ settings, scenarios, upstream, metapromptDir }),
    },
    session: {
      mint: async ({ mcpSecrets: names, ...request }) => {
        const model = request.model ?? settings.get().realtimeModel;
        // Resolved before minting, so a missing secret fails Connect at once, naming it.
        const mcpSecrets = names?.length ? await resolveSecrets(names) : undefined;
        const minted = await withModelSetting('realtimeModel', model, () => mintSession(upstream, settings.get(), request));
        return mcpSecrets ? { ...minted, mcpSecrets } : minted;
      },
      end: ({ sessionId }) => ({ cancelled: calls.cancel(sessionId) + supervisorPauses.dropSession(sessionId) }),
    },
    supervisor: {
      run: (request) =>
        scenarioCall(request, 'The supervisor call', mainTimeoutMs('supervisor:run'), async (client, scenario, signal) => {
          const loop = startSupervisorLoop(scenario, settings.get().supervisorModel, request);
          return withModelSetting('supervisorModel', loop.model, async () =>
            settleSupervisor(request.sessionId, loop, await advanceSupervisor(client, loop, signal)),
          );
        }),
      resume: async ({ sessionId, pauseId, ...decision }) => {
        const loop = supervisorPauses.take(sessionId, pauseId);
        const client = await upstream();
        const outcome = await withModelSetting('supervisorModel', loop.model, () =>
          calls.run(sessionId, 'The supervisor call', mainTimeoutMs('supervisor:resume'), (signal) =>
            advanceSupervisor(client, loop, signal, decision),
          ),
        );
        return settleSupervisor(sessionId, loop, outcome);
      },
    },
    escalation: {
      decide: (request) =>
        scenarioCall(request, 'The escalation call', mainTimeoutMs('escalation:decide'), (client, scenario, signal) => {
          const model = settings.get().escalationModel;
          return withModelSetting('escalationModel', model, () => runEscalation(client, scenario, model, request, signal));
        }),
    },
    guardrail: {
      classify: (request) =>
        scenarioCall(request, 'The guardrail call', mainTimeoutMs('guardrail:classify'), (client, scenario, signal) => {
          const model = settings.get().guardrailModel;
          return withModelSetting('guardrailModel', model, () => classifyOutput(client, scenario, model, request.text, signal));
        }),
    },
    pricing: {
      get: () => pricing(),
    },
    layout: {
      get: async () => ({ layout: await layouts.get() }),
      save: async ({ layout }) => {
        await layouts.save(layout);
        return { saved: true };
      },
    },
    log: {
      begin: (request) => sessionLogs.begin(request),
      append: ({ sessionId, events }) => sessionLogs.append(sessionId, events),
      end: ({ sessionId, reason }) => sessionLogs.end(sessionId, reason),
      audio: ({ sessionId, startFrame, pcm }) => sessionLogs.appendAudio(sessionId, startFrame, Buffer.from(pcm, 'base64')),
    },
    sessions: {
      list: ({ query }) => sessionLogs.list(query),
      rename: ({ id, title }) => sessionLogs.rename(id, title),
      delete: async ({ id }) => {
        await sessionLogs.remove(id);
        return { deleted: id };
      },
      startup: async () => ({ open: await startupOpen() }),
      reveal: ({ id }) => {
        const path = sessionLogs.pathOf(id);
        reveal?.(path);
        return { revealed: reveal !== undefined, path };
      },
      open: (ref) => sessionLogs.openReader(ref),
      read: ({ readerId, maxEvents }) => sessionLogs.read(readerId, maxEvents ?? 2_000),
      close: ({ readerId }) => {
        sessionLogs.closeReader(readerId);
        return { closed: true };
      },
      audio: async ({ log, offset, length }) => {
        const { data, totalBytes } = await sessionLogs.readAudio(log, offset, length);
        return { data: data.toString('base64'), offset, totalBytes };
      },
      image: ({ log, file }) => sessionLogs.readImage(log, file),
      ...sessionComparisonHandlers({ settings, scenarios, sessionLogs, pricing, dispatch, ...(onRerunProgress ? { onRerunProgress } : {}) }),
    },
    hotkey: {
      status: () => hotkeyStatus(),
    },
    updates: {
      status: () => updates.status(),
      check: () => updates.check(),
      restart: () => ({ restarting: updates.restart() }),
    },
    tests: createTestsHandlers({ settings, upstream, scenarios, appInfo, ...testsFolders }),
  };
}
