/**
 * The models the workbench knows: what each setting offers, which are on their way out and what replaces
 * them. A setting still takes any id (a model released after this list is used as typed); the list is for
 * choosing, for warning before a shutdown and for saying what to use instead when the API refuses one.
 *
 * Read on 2026-12-03 from OpenAI's deprecations page (https://developers.openai.com/api/docs/deprecations),
 * the model pages and the model ids in the installed `openai` package's types. Shutdown dates the page did
 * not show in full were taken from reports that quote it; the README lists which.
 */

export type ModelKind = 'realtime' | 'text' | 'reasoning';

export interface KnownModel {
  readonly id: string;
  readonly kind: ModelKind;
  /** The day the API stops serving it (YYYY-MM-DD), when a shutdown has been announced. */
  readonly shutdown?: string;
  /** What to use instead once it is retired. */
  readonly replacement?: string;
}

/** Newest first within each kind: the order the settings offer them in. */
export const knownModels: readonly KnownModel[] = [
  { id: 'gpt-realtime-2.1', kind: 'realtime' },
  { id: 'gpt-realtime-2.1-mini', kind: 'realtime' },
  { id: 'gpt-realtime-2', kind: 'realtime' },
  { id: 'gpt-realtime-1.5', kind: 'realtime' },
  { id: 'gpt-realtime', kind: 'realtime', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1' },
  { id: 'gpt-realtime-mini', kind: 'realtime', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1-mini' },
  { id: 'gpt-4o-realtime-preview', kind: 'realtime', shutdown: '2027-01-20', replacement: 'gpt-realtime-2.1' },
  { id: 'gpt-6.1-terra', kind: 'text' },
  { id: 'gpt-6-luna', kind: 'text' },
  { id: 'gpt-5.6-terra', kind: 'text' },
  { id: 'gpt-5.6-luna', kind: 'text' },
  { id: 'gpt-4.1', kind: 'text', shutdown: '2027-01-14', replacement: 'gpt-6-luna' },
  { id: 'gpt-4.1-mini', kind: 'text', shutdown: '2027-01-14', replacement: 'gpt-6-luna' },
  { id: 'gpt-4.1-nano', kind: 'text', shutdown: '2026-10-23', replacement: 'gpt-6-luna' },
  { id: 'gpt-6.1-sol', kind: 'reasoning' },
  { id: 'gpt-6-sol', kind: 'reasoning' },
  { id: 'gpt-6-astra', kind: 'reasoning' },
  { id: 'o3', kind: 'reasoning', shutdown: '2026-12-11', replacement: 'gpt-6.1-sol' },
  { id: 'o4-mini', kind: 'reasoning', shutdown: '2026-10-23', replacement: 'gpt-5.6-terra' },
];

export type ModelSetting = 'realtimeModel' | 'supervisorModel' | 'escalationModel' | 'guardrailModel' | 'judgeModel' | 'callerModel';

/** Each model setting: its label in Settings, what it does, and which kinds of model it offers. */
export const modelSettings: Readonly<Record<ModelSetting, { readonly label: string; readonly role: string; readonly kinds: readonly ModelKind[] }>> =
  {
    realtimeModel: { label: 'Realtime model', role: 'realtime', kinds: ['realtime'] },
    supervisorModel: { label: 'Supervisor model', role: 'supervisor', kinds: ['text', 'reasoning'] },
    escalationModel: { label: 'Escalation model', role: 'escalation', kinds: ['reasoning', 'text'] },
    guardrailModel: { label: 'Guardrail model', role: 'guardrail', kinds: ['text', 'reasoning'] },
    judgeModel: { label: 'Judge model', role: 'scenario test judge', kinds: ['text', 'reasoning'] },
    callerModel: { label: 'Simulated caller model', role: 'simulated caller', kinds: ['text', 'reasoning'] },
  };

/**
 * The defaults a new install starts from: the newest generally available realtime model, and text models
 * with no announced shutdown. The supervisor answers mid-conversation, so it is the balanced tier; the
 * escalation decides high-stakes cases, so it is the reasoning tier; the guardrail classifies every
 * message, so it is the fast, cheap tier. A scenario test's judge is the guardrail's model too (it decides one
 * criterion per turn); a simulated caller is the supervisor's balanced tier, which plays a person convincingly.
 */
export const defaultModels: Readonly<Record<ModelSetting, string>> = {
  realtimeModel: 'gpt-realtime-2.1',
  supervisorModel: 'gpt-6.1-terra',
  escalationModel: 'gpt-6.1-sol',
  guardrailModel: 'gpt-6-luna',
  judgeModel: 'gpt-6-luna',
  callerModel: 'gpt-6.1-terra',
};

/**
 * The model that transcribes the user's audio in a realtime session. gpt-4o-mini-transcribe shuts down on
 * 2027-02-26; its announced successors (gpt-live-transcribe, gpt-transcribe) are not yet documented for a
 * realtime session's input transcription, so it stays until they are, and a setting for it is due.
 */
export const INPUT_TRANSCRIPTION_MODEL = 'gpt-4o-mini-transcribe';

const SNAPSHOT = /^(.+)-\d{4}-\d{2}-\d{2}$/;

/** The known model an id names: itself, or the model a dated snapshot (`gpt-4.1-2025-04-14`) belongs to. */
export function knownModel(id: string): KnownModel | undefined {
  const exact = knownModels.find((model) => model.id === id);
  if (exact) return exact;
  const base = SNAPSHOT.exec(id)?.[1];
  return base === undefined ? undefined : knownModels.find((model) => model.id === base);
}

export type ModelLifecycle =
  | { readonly status: 'current' }
  | { readonly status: 'retiring' | 'retired'; readonly shutdown: string; readonly replacement: string }
  | { readonly status: 'unknown' };

/** Whether a model is served, retiring or retired on a day (YYYY-MM-DD), and what replaces it. */
export function modelLifecycle(id: string, today: string): ModelLifecycle {
  const model = knownModel(id);
  if (!model) return { status: 'unknown' };
  if (model.shutdown === undefined) return { status: 'current' };
  return {
    status: model.shutdown <= today ? 'retired' : 'retiring',
    shutdown: model.shutdown,
    replacement: model.replacement ?? '',
  };
}

/** What to use instead of a model a setting chose: its announced replacement, else that setting's default. */
export function replacementFor(id: string, setting: ModelSetting): string {
  const replacement = knownModel(id)?.replacement;
  return replacement !== undefined && replacement !== id ? replacement : defaultModels[setting] === id ? '' : defaultModels[setting];
}

/** The known models a setting offers, grouped by kind in the setting's order. */
export function modelChoices(setting: ModelSetting): { kind: ModelKind; models: KnownModel[] }[] {
  return modelSettings[setting].kinds.map((kind) => ({ kind, models: knownModels.filter((model) => model.kind === kind) }));
}

/** Today as YYYY-MM-DD in UTC, the form shutdown dates are compared in. */
export function isoDay(now: Date): string {
  return now.toISOString().slice(0, 10);
}
