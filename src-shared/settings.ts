import { z } from 'zod';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const themeSchema = z.enum(['system', 'light', 'dark']);

/** The voices the Realtime API offers; the setting stays a string so a voice added later still loads. */
export const realtimeVoices = ['alloy', 'ash', 'ballad', 'coral', 'echo', 'sage', 'shimmer', 'verse', 'marin', 'cedar'] as const;

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
    voice: z.string().min(1),
    theme: themeSchema,
    /** Record the microphone and the assistant's audio beside each session log (a stereo WAV). */
    recordAudio: z.boolean(),
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
  })
  .strict();
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  baseUrl: DEFAULT_BASE_URL,
  realtimeModel: 'gpt-realtime',
  supervisorModel: 'gpt-4.1',
  escalationModel: 'o4-mini',
  guardrailModel: 'gpt-4.1-mini',
  voice: 'sage',
  theme: 'system',
  recordAudio: true,
  microphoneId: '',
  speakerId: '',
  echoCancellation: true,
  noiseSuppression: true,
  autoGainControl: true,
  noiseReduction: 'off',
  // The API's own server_vad defaults.
  turnDetection: { type: 'server_vad', threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, eagerness: 'auto' },
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
