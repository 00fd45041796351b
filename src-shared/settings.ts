import { z } from 'zod';
import { parseHotkey } from './hotkey';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';

export const themeSchema = z.enum(['system', 'light', 'dark']);

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
    /** Hold to talk from anywhere (released, the turn is sent); an accelerator such as `F9` or `Ctrl+Shift+Space`. */
    pttHotkey: z.string().superRefine((value, context) => {
      const parsed = parseHotkey(value);
      if (!parsed.ok) context.addIssue({ code: 'custom', message: parsed.message });
    }),
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
  pttHotkey: 'F9',
};

export const settingsPatchSchema = settingsSchema.partial().strict();
export type SettingsPatch = z.infer<typeof settingsPatchSchema>;
