import { z } from 'zod';
import { parseHotkey } from './hotkey';
import { defaultModels } from './models';
import { sessionSettingsSchema } from './session/sessionSettings';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const themeSchema = z.enum(['system', 'light', 'dark']);

/** The voices the Realtime API offers; the setting stays a string so a voice added later still loads. */
export const realtimeVoices = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

/** A custom voice made for the account; it goes on the wire as `{id}` where a named voice goes as its name. */
export const CUSTOM_VOICE = /^voice_[A-Za-z0-9_-]+$/;

/** A voice as the Realtime API takes it: a named voice's name, or a custom voice as `{id: "voice_…"}`. */
export function wireVoice(voice: string): string | { id: string } {
  return CUSTOM_VOICE.test(voice) ? { id: voice } : voice;
}

export const noiseReductionSchema = z.enum(['off', 'near_field', 'far_field'], {
  error: 'must be off, near_field (headset or close microphone) or far_field (laptop or room microphone)',
});

function wholeNumberBetween(min: number, max: number, unit: string) {
  return z
    .number({ error: `must be a number of ${unit}` })
    .int({ error: `must be a whole number of ${unit}` })
    .min(min, { error: `must be at least ${min} ${unit}` })
    .max(max, { error: `must be at most ${max} ${unit}` });
}

/** How the server decides a turn has ended; push-to-talk (a session control, not a setting) turns it off. */
export const turnDetectionSettingsSchema = z
  .object({
    type: z.enum(['server_vad', 'semantic_vad'], { error: 'must be server_vad or semantic_vad' }),
    /** server_vad: how loud speech must be, 0 (everything) to 1 (only loud speech). */
    threshold: z.number({ error: 'must be a number from 0 to 1' }).min(0, { error: 'must be from 0 to 1' }).max(1, { error: 'must be from 0 to 1' }),
    /** server_vad: audio kept from before speech was detected. */
    prefixPaddingMs: wholeNumberBetween(0, 2000, 'ms'),
    /** server_vad: silence that ends a turn. */
    silenceDurationMs: wholeNumberBetween(100, 5000, 'ms'),
    /** semantic_vad: how soon the model answers once the user may have finished. */
    eagerness: z.enum(['auto', 'low', 'medium', 'high'], { error: 'must be auto, low, medium or high' }),
  })
  .strict();
export type TurnDetectionSettings = z.infer<typeof turnDetectionSettingsSchema>;

/** Everything the user can set, with the defaults a new install starts from. */
export const settingsSchema = z
  .object({
    baseUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.openai.com/v1' }),
    realtimeModel: z.string().min(1),
    supervisorModel: z.string().min(1),
    escalationModel: z.string().min(1),
    guardrailModel: z.string().min(1),
    /** Judges a scenario test's `judge` criteria. */
    judgeModel: z.string().min(1),
    /** Plays the user in a scenario test's simulated caller. */
    callerModel: z.string().min(1),
    /** A named voice (a name added later still loads) or a custom voice id `voice_…`. */
    voice: z.string().regex(/^(voice_[A-Za-z0-9_-]+|[a-z][a-z0-9_-]*)$/, {
      error: 'must be a named voice such as marin, or a custom voice id such as voice_1a2b3c',
    }),
    theme: themeSchema,
    /** Record the microphone and the assistant's audio beside each session log (a stereo WAV). */
    recordAudio: z.boolean(),
    /** Keep the images the user sends beside each session log (`<log name>.images/`); off, the log keeps only their size and type. */
    logImages: z.boolean(),
    /** An `enumerateDevices` id; empty means the system default. */
    microphoneId: z.string(),
    /** An `enumerateDevices` id for `setSinkId`; empty means the system default. */
    speakerId: z.string(),
    echoCancellation: z.boolean(),
    noiseSuppression: z.boolean(),
    autoGainControl: z.boolean(),
    /** The server's own noise reduction of the input audio. */
    noiseReduction: noiseReductionSchema,
    turnDetection: turnDetectionSettingsSchema,
    /** Hold to talk from anywhere (released, the turn is sent); an accelerator such as `F9` or `Ctrl+Shift+Space`. */
    pttHotkey: z.string().superRefine((value, context) => {
      const parsed = parseHotkey(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    }),
    /** The desktop app looks for a newer version at start (Help → Check for Updates… works either way). */
    checkForUpdates: z.boolean(),
    /** The Realtime session's own settings (reasoning, truncation, transcription, …); a scenario's `session` wins field by field. */
    session: sessionSettingsSchema,
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  baseUrl: DEFAULT_BASE_URL,
  ...defaultModels,
  voice: 'sage',
  theme: 'system',
  recordAudio: true,
  logImages: true,
  microphoneId: '',
  speakerId: '',
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  noiseReduction: 'off',
  // The API's own server_vad defaults.
  turnDetection: { type: 'server_vad', threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, eagerness: 'auto' },
  pttHotkey: 'F9',
  checkForUpdates: true,
  session: {},
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
