import { z } from 'zod';
import { draftedScenarioSchema, scenarioCreateRequestSchema, scenarioCreatedSchema, scenarioDraftRequestSchema } from './scenarioDraft/draftContract';
import { improvedPromptSchema, promptImproveRequestSchema } from './scenarioDraft/improveContract';
import { workbenchErrorSchema, type WorkbenchErrorData } from './errors';
import { pricingTableSchema } from './pricing';
import { scenarioCatalogSchema } from './scenario';
import { settingsPatchSchema, settingsSchema } from './settings';
import { testsChannels } from './testsContract';
import { usageSchema, type Usage } from './usage';
import {
  audioChunkSchema,
  audioReadSchema,
  logAppendSchema,
  logAudioSchema,
  logBeginSchema,
  logChunkSchema,
  logEndSchema,
  logRefSchema,
  logWriteStatusSchema,
  openedLogSchema,
  sessionIdSchema,
  sessionListSchema,
  sessionSummarySchema,
  startupOpenSchema,
} from './sessionLibrary';
import { rerunProgressSchema, sessionComparisonChannels } from './sessionComparisonContract';
import { imageReadResultSchema, imageReadSchema } from './sessionLogImages';

/**
 * The one list of renderer↔main channels. Main registration, the preload bridge and the web host's
 * socket are all derived from this object; adding a channel means adding it here, one handler, and the caller.
 */
interface ChannelSpec<Req extends z.ZodType, Res extends z.ZodType> {
  readonly request: Req;
  readonly response: Res;
}

function channel<Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): ChannelSpec<Req, Res> {
  return { request, response };
}

const noRequest = z.undefined({ error: 'this channel takes no request payload' });

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  host: z.enum(['electron', 'web']),
  platform: z.string(),
  dataDir: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

export const keyStorageSchema = z.object({
  kind: z.enum(['os-keychain', 'file-0600', 'none']),
  /** Plain words for the UI, e.g. "encrypted with the OS keychain". */
  description: z.string(),
});

export const keyStatusSchema = z.object({
  hasKey: z.boolean(),
  source: z.enum(['stored', 'env']).nullable(),
  storage: keyStorageSchema,
  /** Why a stored key cannot be used, naming its file; absent when nothing is wrong. Clearing the key removes it. */
  problem: z.string().optional(),
});
export type KeyStatus = z.infer<typeof keyStatusSchema>;

export const apiKeyInputSchema = z
  .object({
    apiKey: z
      .string()
      .trim()
      .min(8, { error: 'is too short to be an API key' })
      .max(512, { error: 'is too long to be an API key' })
      .regex(/^\S+$/, { error: 'must not contain spaces' }),
  })
  .strict();

export { usageSchema, type Usage };

/** What every server-side model call reports, so the renderer can log it as an event. */
const modelCallReportSchema = z.object({
  model: z.string(),
  durationMs: z.number().nonnegative(),
  usage: usageSchema,
});

const conversationTurnSchema = z.object({ role: z.enum(['user', 'assistant']), text: z.string() });

export const mintedSessionSchema = z.object({
  /** A short-lived `ek_` client secret; the API key itself never leaves main. */
  clientSecret: z.string().startsWith('ek_'),
  expiresAt: z.number().int(),
  model: z.string(),
  /** Where the renderer POSTs its SDP offer. */
  callsUrl: z.url(),
  /**
   * The values of the key-store secrets the mint named (`mcpSecrets`), for the scenario's MCP headers. They go to
   * the page because the SDK sends MCP headers in the session configuration; the recorder masks them in every event.
   */
  mcpSecrets: z.record(z.string(), z.string()).optional(),
});
export type MintedSession = z.infer<typeof mintedSessionSchema>;

const sessionRefSchema = z.object({ sessionId: z.string().min(1).max(100), scenarioId: z.string().min(1) });

export const supervisorRequestSchema = sessionRefSchema.extend({
  callId: z.string().min(1),
  /** What the realtime agent passed to the supervisor tool. */
  context: z.string(),
  conversation: z.array(conversationTurnSchema).max(500),
  /** Results set in the Tools panel, by supervisor tool name, returned instead of the scenario's mock results. */
  cannedResults: z.record(z.string(), z.unknown()).optional(),
  /** Supervisor tools set to "ask me": a call to one pauses the supervisor until the page resumes it with the user's decision. */
  askTools: z.array(z.string().min(1)).max(100).optional(),
});
export const approvalDecisionSchema = z.enum(['approved', 'edited', 'rejected']);
export const supervisorToolStepSchema = z.object({
  name: z.string(),
  /** The arguments the tool ran with (the user's, when they edited them before approving). */
  arguments: z.string(),
  output: z.unknown(),
  /** Set when the call waited for the user's decision ("ask me"). */
  approval: approvalDecisionSchema.optional(),
  /** What the model sent, when the user edited the arguments. */
  modelArguments: z.string().optional(),
});
export const supervisorResultSchema = modelCallReportSchema.extend({
  text: z.string(),
  steps: z.array(supervisorToolStepSchema),
});
export type SupervisorResult = z.infer<typeof supervisorResultSchema>;

/** The user's decision on a supervisor tool call that asked: run it (with their arguments, if edited), or answer it with their message. */
export const supervisorDecisionSchema = z.strictObject({
  decision: approvalDecisionSchema,
  editedArguments: z.record(z.string(), z.unknown()).optional(),
  message: z.string().max(4_000).optional(),
});
export type SupervisorDecision = z.infer<typeof supervisorDecisionSchema>;
export const supervisorResumeSchema = supervisorDecisionSchema.extend({
  sessionId: z.string().min(1).max(100),
  pauseId: z.string().min(1).max(100),
});
/**
 * What a supervisor call answers: its final result, or the call it is paused on until the user decides
 * (every step before it included). A paused answer is resumed with `supervisor:resume` and the pause id.
 */
export const supervisorOutcomeSchema = z.discriminatedUnion('status', [
  supervisorResultSchema.extend({ status: z.literal('done') }),
  z.object({
    status: z.literal('waiting'),
    pauseId: z.string(),
    call: z.object({ callId: z.string(), name: z.string(), arguments: z.string() }),
    steps: z.array(supervisorToolStepSchema),
  }),
]);
export type SupervisorOutcome = z.infer<typeof supervisorOutcomeSchema>;

export const escalationRequestSchema = sessionRefSchema.extend({
  callId: z.string().min(1),
  toolName: z.string().min(1),
  arguments: z.record(z.string(), z.unknown()),
  conversation: z.array(conversationTurnSchema).max(500),
});
export const escalationResultSchema = modelCallReportSchema.extend({ decision: z.record(z.string(), z.unknown()) });
export type EscalationResult = z.infer<typeof escalationResultSchema>;

export const guardrailRequestSchema = sessionRefSchema.extend({ text: z.string().max(20_000) });
export const guardrailResultSchema = modelCallReportSchema.extend({
  category: z.string(),
  rationale: z.string(),
  tripped: z.boolean(),
});
export type GuardrailResult = z.infer<typeof guardrailResultSchema>;

/** A docking layout as dockview serialises it: opaque to main, bounded in size. */
const savedLayoutSchema = z
  .record(z.string(), z.unknown())
  .refine((layout) => JSON.stringify(layout).length <= 1_000_000, { error: 'is larger than 1 MB; a panel layout is a few kilobytes' });

export const hotkeyModeSchema = z.enum(['global-hold', 'global-toggle', 'window-only']);
export type HotkeyMode = z.infer<typeof hotkeyModeSchema>;

/** Which way the hotkey works right now, and why (in words for the Settings panel). */
export const hotkeyStatusSchema = z.object({
  mode: hotkeyModeSchema,
  /** The configured accelerator as the user wrote it. */
  accelerator: z.string(),
  reason: z.string(),
  /** Steps to grant what the native hook needs, when the OS asks for a permission (macOS accessibility). */
  howToFix: z.string().optional(),
});
export type HotkeyStatus = z.infer<typeof hotkeyStatusSchema>;

export const updateStateSchema = z.enum(['idle', 'checking', 'up-to-date', 'downloading', 'ready', 'unavailable', 'error']);
export type UpdateState = z.infer<typeof updateStateSchema>;

/** Where the desktop app's self-update stands, in words for Settings and the Help menu. */
export const updateStatusSchema = z.object({
  state: updateStateSchema,
  /** "Up to date", "Downloading 42 %", "Restart to update", "Updates are not available for this build"… */
  words: z.string(),
  /** Why, where the words alone do not say: the build that cannot update itself, or what failed. */
  detail: z.string().optional(),
  /** The version being downloaded or ready to install. */
  version: z.string().optional(),
});
export type UpdateStatus = z.infer<typeof updateStatusSchema>;

export const pttPushSchema = z.object({ phase: z.enum(['down', 'up']) });

/** An agent's edited prompt, saved to its scenario file: only the fields given are written. */
export const promptSaveSchema = z.strictObject({
  scenarioId: z.string().min(1),
  agent: z.string().min(1),
  instructions: z.string().max(200_000).optional(),
  tools: z
    .array(z.strictObject({ name: z.string().min(1), description: z.string().max(20_000) }))
    .max(200)
    .optional(),
});
export type PromptSave = z.infer<typeof promptSaveSchema>;
/** Where main wrote it (a shipped scenario goes to the user folder as an override) and which fields changed. */
export const promptSavedSchema = z.object({ path: z.string(), override: z.boolean(), changed: z.array(z.string()) });
export type PromptSaved = z.infer<typeof promptSavedSchema>;

export const keyTestResultSchema = z.object({ ok: z.boolean(), message: z.string() });

export const contract = {
  app: {
    info: channel(noRequest, appInfoSchema),
  },
  settings: {
    get: channel(noRequest, settingsSchema),
    set: channel(settingsPatchSchema, settingsSchema),
  },
  key: {
    status: channel(noRequest, keyStatusSchema),
    set: channel(apiKeyInputSchema, keyStatusSchema),
    clear: channel(noRequest, keyStatusSchema),
    /** Mints a throwaway client secret to prove the key and base URL work. */
    test: channel(noRequest, keyTestResultSchema),
  },
  scenarios: {
    list: channel(noRequest, scenarioCatalogSchema),
    /** Saves an agent's edited instructions and tool descriptions to its scenario file, keeping the file's formatting. */
    save: channel(promptSaveSchema, promptSavedSchema),
    /** A text model drafts a scenario and its tests from a description (New scenario…); nothing is saved. */
    draft: channel(scenarioDraftRequestSchema, draftedScenarioSchema),
    /** Writes a drafted scenario and its tests file into the user scenario folder; refuses to replace a file. */
    create: channel(scenarioCreateRequestSchema, scenarioCreatedSchema),
    /** Improve this prompt…: a text model rewrites one agent's instructions into the state-machine form; nothing is applied. */
    improvePrompt: channel(promptImproveRequestSchema, improvedPromptSchema),
  },
  session: {
    mint: channel(
      z.strictObject({
        model: z.string().min(1).optional(),
        voice: z.string().min(1).optional(),
        /** Names of key-store secrets the scenario's MCP server headers use. */
        mcpSecrets: z
          .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/))
          .max(50)
          .optional(),
      }),
      mintedSessionSchema,
    ),
    /** Cancels every server-side call still running for this session. */
    end: channel(z.strictObject({ sessionId: z.string().min(1) }), z.object({ cancelled: z.number().int().nonnegative() })),
  },
  supervisor: {
    run: channel(supervisorRequestSchema.strict(), supervisorOutcomeSchema),
    /** Goes on with a supervisor answer paused on an "ask me" tool, with the user's decision. */
    resume: channel(supervisorResumeSchema, supervisorOutcomeSchema),
  },
  escalation: {
    decide: channel(escalationRequestSchema.strict(), escalationResultSchema),
  },
  guardrail: {
    classify: channel(guardrailRequestSchema.strict(), guardrailResultSchema),
  },
  /** The pricing table costs are computed with: the user's pricing.json in the data folder, else the bundled one. */
  pricing: {
    get: channel(noRequest, z.object({ table: pricingTableSchema, file: z.string(), problem: z.string().optional() })),
  },
  /** The docking layout of the panels, saved in main so it survives reloads; null is the default layout. */
  layout: {
    get: channel(noRequest, z.object({ layout: savedLayoutSchema.nullable() })),
    save: channel(z.strictObject({ layout: savedLayoutSchema.nullable() }), z.object({ saved: z.boolean() })),
  },
  /** Recording: the page streams a live session's events to main, which writes the log. */
  log: {
    begin: channel(logBeginSchema, logWriteStatusSchema),
    append: channel(logAppendSchema, logWriteStatusSchema),
    end: channel(logEndSchema, logWriteStatusSchema),
    /** A chunk of the session's stereo audio (about 250 ms), written to the WAV beside the log. */
    audio: channel(logAudioSchema, logWriteStatusSchema),
  },
  /** The saved sessions: the library, and reading a log back in chunks for replay. */
  sessions: {
    list: channel(z.strictObject({ query: z.string().max(200).optional() }), sessionListSchema),
    rename: channel(z.strictObject({ id: sessionIdSchema, title: z.string().trim().min(1).max(200) }), sessionSummarySchema),
    delete: channel(z.strictObject({ id: sessionIdSchema }), z.object({ deleted: sessionIdSchema })),
    /** Shows the log in the OS file manager (desktop app); browser mode answers where the file is instead. */
    reveal: channel(z.strictObject({ id: sessionIdSchema }), z.object({ revealed: z.boolean(), path: z.string() })),
    /** What to open at start: a file from the command line, or the bundled sample on a first run. */
    startup: channel(noRequest, startupOpenSchema),
    open: channel(logRefSchema, openedLogSchema),
    read: channel(z.strictObject({ readerId: z.string().min(1), maxEvents: z.number().int().min(1).max(20_000).optional() }), logChunkSchema),
    close: channel(z.strictObject({ readerId: z.string().min(1) }), z.object({ closed: z.boolean() })),
    /** Bytes of the WAV recorded beside a log, for replay (the page cannot read files). */
    audio: channel(audioReadSchema, audioChunkSchema),
    /** An image sent in a session, from the `.images` folder beside its log, for the replayed transcript's thumbnail. */
    image: channel(imageReadSchema, imageReadResultSchema),
    ...sessionComparisonChannels,
  },
  /** The global push-to-talk hotkey: which mode it works in, and why. */
  hotkey: {
    status: channel(noRequest, hotkeyStatusSchema),
  },
  /** The desktop app's updates: where they stand, a check now, and the restart only the user may ask for. */
  updates: {
    status: channel(noRequest, updateStatusSchema),
    check: channel(noRequest, updateStatusSchema),
    /** Installs a downloaded update by restarting the app; refused unless one is ready. */
    restart: channel(noRequest, z.object({ restarting: z.boolean() })),
  },
  /** Scenario tests run in the page: the scenario's tests files, the judge, the simulated caller, the results history. */
  tests: testsChannels,
} as const;

/** Events main pushes to the renderer, each with the schema of its payload. */
export const pushEvents = {
  settingsChanged: { channel: 'settings:changed', payload: settingsSchema },
  keyChanged: { channel: 'key:changed', payload: keyStatusSchema },
  scenariosChanged: { channel: 'scenarios:changed', payload: scenarioCatalogSchema },
  /** The user picked a log to replay outside the page (File → Open in the desktop app). */
  logOpenRequested: { channel: 'sessions:open-requested', payload: z.object({ grant: z.string().uuid(), name: z.string() }) },
  /** The saved sessions changed (one recorded, renamed, deleted, or a recording's figures moved on). */
  sessionsChanged: { channel: 'sessions:changed', payload: z.object({ at: z.number() }) },
  /** The hotkey's mode changed (the hook started, failed or stopped, or the setting changed). */
  hotkeyStatusChanged: { channel: 'hotkey:status-changed', payload: hotkeyStatusSchema },
  /** The update state moved on (a check, download progress, an update ready to install, a failure). */
  updateStatusChanged: { channel: 'updates:status-changed', payload: updateStatusSchema },
  /** The push-to-talk hotkey went down or up, from outside the page (the native hook or a global shortcut). */
  pttHotkey: { channel: 'hotkey:ptt', payload: pttPushSchema },
  /** A re-run (`sessions:rerun`) started or finished a turn. */
  rerunProgress: { channel: 'sessions:rerun-progress', payload: rerunProgressSchema },
} as const;

export type Contract = typeof contract;
export type Domain = keyof Contract;
export type PushEvents = typeof pushEvents;
export type PushEventName = keyof PushEvents;
export type PushPayload<E extends PushEventName> = z.output<PushEvents[E]['payload']>;

type AnySpec = ChannelSpec<z.ZodType, z.ZodType>;
export type RequestOf<S extends AnySpec> = z.input<S['request']>;
export type ParsedRequestOf<S extends AnySpec> = z.output<S['request']>;
export type ResponseOf<S extends AnySpec> = z.output<S['response']>;

export const envelopeSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: workbenchErrorSchema }),
]);
export type Envelope<T = unknown> = { ok: true; value: T } | { ok: false; error: WorkbenchErrorData };

/** A method with no request payload takes no argument. */
type Method<S extends AnySpec, R> = RequestOf<S> extends undefined ? () => Promise<R> : (request: RequestOf<S>) => Promise<R>;

type EventSubscribers = {
  readonly [E in PushEventName]: (listener: (payload: PushPayload<E>) => void) => () => void;
};

/** What preload exposes as `window.workbench`: every method answers with an envelope, never throws. */
export type RawWorkbenchApi = {
  readonly [D in Domain]: {
    readonly [V in keyof Contract[D]]: Contract[D][V] extends AnySpec ? Method<Contract[D][V], Envelope<ResponseOf<Contract[D][V]>>> : never;
  };
} & { readonly events: EventSubscribers };

/** The renderer's view: the same methods, unwrapped; a failure rejects with a WorkbenchError. */
export type WorkbenchApi = {
  readonly [D in Domain]: {
    readonly [V in keyof Contract[D]]: Contract[D][V] extends AnySpec ? Method<Contract[D][V], ResponseOf<Contract[D][V]>> : never;
  };
} & { readonly events: EventSubscribers };

export interface ChannelEntry {
  readonly name: string;
  readonly domain: string;
  readonly verb: string;
  readonly spec: AnySpec;
}

/** Every channel as `domain:verb`, in declaration order. */
export const channels: readonly ChannelEntry[] = Object.entries(contract).flatMap(([domain, verbs]) =>
  Object.entries(verbs as Record<string, AnySpec>).map(([verb, spec]) => ({ name: `${domain}:${verb}`, domain, verb, spec })),
);

const channelsByName = new Map(channels.map((entry) => [entry.name, entry]));

export function findChannel(name: string): ChannelEntry | undefined {
  return channelsByName.get(name);
}

export const pushChannelNames: readonly string[] = Object.values(pushEvents).map((event) => event.channel);
