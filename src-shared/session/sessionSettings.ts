import { z } from 'zod';

/**
 * The Realtime session's own settings (reasoning, tool use, output length, truncation, input transcription,
 * the server VAD's idle timeout, output speed, tracing), under the names the Realtime API gives them, so a
 * value can be copied from the API reference into a scenario file. Settings → Session holds the defaults;
 * a scenario's `session` object overrides them field by field.
 */

export const reasoningEfforts = ['minimal', 'low', 'medium', 'high', 'xhigh'] as const;

function wholeNumberBetween(min: number, max: number, unit: string) {
  const words = `must be a whole number of ${unit} from ${min} to ${max}`;
  return z.number({ error: words }).int({ error: words }).min(min, { error: words }).max(max, { error: words });
}

const numberBetween = (min: number, max: number) => {
  const words = `must be a number from ${min} to ${max}`;
  return z.number({ error: words }).min(min, { error: words }).max(max, { error: words });
};

const maxOutputTokensWords = 'must be a whole number from 1 to 4096, or "inf"';
const maxOutputTokens = z
  .number({ error: maxOutputTokensWords })
  .int({ error: maxOutputTokensWords })
  .min(1, { error: maxOutputTokensWords })
  .max(4096, { error: maxOutputTokensWords });

const languageCode = z.string().regex(/^[a-z]{2}$/, { error: 'must be an ISO-639-1 language code such as en or de' });

export const transcriptionSettingsSchema = z.strictObject({
  /** gpt-4o-mini-transcribe, gpt-transcribe, gpt-live-transcribe, gpt-realtime-whisper, … (a newer id is sent as typed). */
  model: z.string().min(1, { error: 'must name a transcription model such as gpt-transcribe' }),
  language: languageCode.optional(),
  /** The languages the caller may speak (gpt-transcribe and gpt-live-transcribe). */
  languages: z.array(languageCode).min(1).optional(),
  /** Words or phrases to listen for (gpt-transcribe and gpt-live-transcribe). */
  keywords: z.array(z.string().min(1)).min(1).optional(),
  prompt: z.string().min(1).optional(),
});
export type TranscriptionSettings = z.infer<typeof transcriptionSettingsSchema>;

export const truncationSchema = z.union(
  [
    z.enum(['auto', 'disabled']),
    z.strictObject({
      type: z.literal('retention_ratio'),
      retention_ratio: numberBetween(0, 1),
      token_limits: z.strictObject({ post_instructions: wholeNumberBetween(1, 1_000_000, 'tokens') }).optional(),
    }),
  ],
  { error: 'must be "auto", "disabled" or {"type": "retention_ratio", "retention_ratio": 0 to 1}' },
);

export const toolChoiceSchema = z.union(
  [z.enum(['auto', 'none', 'required']), z.strictObject({ type: z.literal('function'), name: z.string().min(1) })],
  { error: 'must be "auto", "none", "required" or {"type": "function", "name": "…"}' },
);

export const sessionSettingsSchema = z.strictObject({
  /** Reasoning realtime models only (the gpt-realtime-2 family); left out for the others. */
  reasoning: z.strictObject({ effort: z.enum(reasoningEfforts, { error: `must be one of ${reasoningEfforts.join(', ')}` }) }).optional(),
  /** Reasoning realtime models only. */
  parallel_tool_calls: z.boolean({ error: 'must be true or false' }).optional(),
  tool_choice: toolChoiceSchema.optional(),
  max_output_tokens: z.union([z.literal('inf'), maxOutputTokens], { error: maxOutputTokensWords }).optional(),
  truncation: truncationSchema.optional(),
  /** `audio.input.transcription`: how the user's audio is transcribed. */
  transcription: transcriptionSettingsSchema.optional(),
  /** `audio.input.turn_detection.idle_timeout_ms` (server_vad only): after this much silence the model is prompted to go on. */
  idle_timeout_ms: wholeNumberBetween(5000, 30000, 'ms').nullable().optional(),
  /** `audio.output.speed`: 1 is normal speech. */
  speed: numberBetween(0.25, 1.5).optional(),
  /** Send traces to the OpenAI dashboard (workflow = the scenario, group = the session id). */
  tracing: z.boolean({ error: 'must be true or false' }).optional(),
});
export type SessionSettings = z.infer<typeof sessionSettingsSchema>;
export type SessionSettingName = keyof SessionSettings;

/** The fields a running session takes with a session.update; the rest wait for the next session. */
const updatableMidSession: readonly SessionSettingName[] = [
  'reasoning',
  'parallel_tool_calls',
  'tool_choice',
  'max_output_tokens',
  'truncation',
  'transcription',
  'idle_timeout_ms',
  'speed',
];

/** The realtime models that reason (the gpt-realtime-2 family and its snapshots). */
export function isReasoningRealtimeModel(model: string): boolean {
  return /^gpt-realtime-2(\.\d+)?(-|$)/.test(model);
}

/** What a session runs with: each field from the scenario when it sets one, else from Settings. */
export interface EffectiveSessionSettings {
  readonly values: SessionSettings;
  readonly from: Partial<Record<SessionSettingName, 'scenario' | 'settings'>>;
  /** Fields set but not sent, with why. */
  readonly leftOut: readonly { readonly field: string; readonly reason: string }[];
}

export function effectiveSessionSettings(defaults: SessionSettings, scenario: SessionSettings | undefined, model: string): EffectiveSessionSettings {
  const values: Record<string, unknown> = {};
  const from: Partial<Record<SessionSettingName, 'scenario' | 'settings'>> = {};
  for (const [source, settings] of [
    ['settings', defaults],
    ['scenario', scenario ?? {}],
  ] as const) {
    for (const [field, value] of Object.entries(settings)) {
      if (value === undefined) continue;
      values[field] = value;
      from[field as SessionSettingName] = source;
    }
  }
  const leftOut: { field: string; reason: string }[] = [];
  const reasoningOnly = ['reasoning', 'parallel_tool_calls'];
  if (!isReasoningRealtimeModel(model)) {
    for (const field of reasoningOnly.filter((name) => values[name] !== undefined))
      leftOut.push({ field: field === 'reasoning' ? 'reasoning.effort' : field, reason: `${model} is not a reasoning realtime model` });
  }
  const sent = leftOut.length === 0 ? values : Object.fromEntries(Object.entries(values).filter(([field]) => !reasoningOnly.includes(field)));
  return { values: sent as SessionSettings, from, leftOut };
}

/** The top-level session fields, as the Realtime API takes them. */
export type WireSessionFields = Pick<SessionSettings, 'reasoning' | 'parallel_tool_calls' | 'tool_choice' | 'max_output_tokens' | 'truncation'>;

export function wireSessionFields(values: SessionSettings): WireSessionFields {
  const { reasoning, parallel_tool_calls, tool_choice, max_output_tokens, truncation } = values;
  return Object.fromEntries(
    Object.entries({ reasoning, parallel_tool_calls, tool_choice, max_output_tokens, truncation }).filter(([, value]) => value !== undefined),
  ) as WireSessionFields;
}

/** `audio.input.transcription`: the settings' own, else the model the app has always used. */
export function wireTranscription(values: SessionSettings, fallbackModel: string): TranscriptionSettings {
  return values.transcription ?? { model: fallbackModel };
}

/** A server_vad turn detection with the idle timeout added; other turn detection (or none) is left as it is. */
export function withIdleTimeout<T extends { type: string } | null>(turnDetection: T, values: SessionSettings): T {
  if (!turnDetection || turnDetection.type !== 'server_vad' || values.idle_timeout_ms == null) return turnDetection;
  return { ...turnDetection, idle_timeout_ms: values.idle_timeout_ms } as T;
}

/** Which fields differ between two effective settings, split into those a session.update applies and those it cannot. */
export function changedSessionSettings(
  before: SessionSettings,
  after: SessionSettings,
): { now: SessionSettingName[]; nextSession: SessionSettingName[] } {
  const names = new Set([...Object.keys(before), ...Object.keys(after)] as SessionSettingName[]);
  const changed = [...names].filter((name) => JSON.stringify(before[name]) !== JSON.stringify(after[name]));
  return {
    now: changed.filter((name) => updatableMidSession.includes(name)),
    nextSession: changed.filter((name) => !updatableMidSession.includes(name)),
  };
}
