import { z } from 'zod';
import { sessionEventSchema } from './sessionEvent';
import {
  sessionEndReasonSchema,
  sessionLogHeaderSchema,
  sessionModelsSchema,
  sessionSetupSchema,
  testRunSchema,
  type SkippedLine,
} from './sessionLog';
import { scenarioSchema } from './scenario';

/** What crosses the contract about saved sessions: the library's rows, recording and replay requests. */

/** A saved session's id is its file name without `.jsonl`: letters, digits, `-`, `_`, `.`, never a path. */
export const sessionIdSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*$/, { error: 'must be a saved session id (a file name without folders)' })
  .refine((id) => !id.includes('..'), { error: 'must be a saved session id (a file name without folders)' });

export const sessionSummarySchema = z.object({
  id: sessionIdSchema,
  file: z.string(),
  title: z.string().nullable(),
  /** The first thing the user said or typed, for search and as a hint when there is no title. */
  preview: z.string().nullable(),
  scenarioId: z.string(),
  scenarioName: z.string(),
  startedAt: z.string(),
  /** Set when a scenario test ran the session: which test and run. */
  testRun: testRunSchema.optional(),
  durationMs: z.number().nonnegative(),
  turns: z.number().int().nonnegative(),
  events: z.number().int().nonnegative(),
  sizeBytes: z.number().int().nonnegative(),
  /** recording: being written now; complete: ended cleanly (footer); crashed: no footer; unreadable: not a log. */
  state: z.enum(['recording', 'complete', 'crashed', 'unreadable']),
  hasAudio: z.boolean(),
  problem: z.string().nullable(),
});
export type SessionSummary = z.infer<typeof sessionSummarySchema>;

export const sessionListSchema = z.object({ folder: z.string(), sessions: z.array(sessionSummarySchema) });
export type SessionList = z.infer<typeof sessionListSchema>;

/** What the page knows when a session starts; main adds the app version and the models from its settings. */
export const logBeginSchema = z.strictObject({
  sessionId: z.string().min(1).max(100),
  startedAt: z.iso.datetime({ offset: true }),
  scenario: scenarioSchema,
  realtimeModel: z.string().min(1),
  setup: sessionSetupSchema,
  /** Whether the page will send the session's audio (log:audio); main then writes the WAV and names it in the header. */
  recordAudio: z.boolean().optional(),
  /** Set when a scenario test runs the session; written into the header. */
  testRun: testRunSchema.optional(),
});

export const logAppendSchema = z.strictObject({
  sessionId: z.string().min(1).max(100),
  events: z.array(sessionEventSchema).max(20_000),
});

/** A base64 string of at most `bytes` bytes once decoded. */
function base64Of(bytes: number) {
  return z
    .string()
    .max(Math.ceil(bytes / 3) * 4, { error: `must hold at most ${bytes} bytes` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64' });
}

/** The most audio one log:audio call carries: 4 s of stereo 16-bit PCM at 24 kHz (the page sends about 250 ms). */
export const MAX_AUDIO_CHUNK_BYTES = 4 * 24_000 * 4;

export const logAudioSchema = z.strictObject({
  sessionId: z.string().min(1).max(100),
  /** The chunk's first frame on the log's clock: frame 0 is the log's t = 0 (a frame is t × 24 at 24 kHz). */
  startFrame: z
    .number()
    .int()
    .nonnegative()
    .max(24_000 * 60 * 60 * 24),
  /** Interleaved stereo PCM, 16-bit little-endian: microphone left, assistant right. */
  pcm: base64Of(MAX_AUDIO_CHUNK_BYTES),
});

export const logWriteStatusSchema = z.object({
  id: sessionIdSchema,
  file: z.string(),
  /** Events received but not yet on disk. */
  unsaved: z.number().int().nonnegative(),
  /** Why the log is not being saved right now, in words for the user; null while all is well. */
  problem: z.string().nullable(),
});
export type LogWriteStatus = z.infer<typeof logWriteStatusSchema>;

export const logEndSchema = z.strictObject({ sessionId: z.string().min(1).max(100), reason: sessionEndReasonSchema });

/** A log to open: a saved session by id, or a file main was handed (command line, Open dialog) by its grant. */
export const logRefSchema = z.union([z.strictObject({ id: sessionIdSchema }), z.strictObject({ grant: z.string().uuid() })]);
export type LogRef = z.infer<typeof logRefSchema>;

/** The most of a recording one sessions:audio call returns. */
export const MAX_AUDIO_READ_BYTES = 1024 * 1024;

export const audioReadSchema = z.strictObject({
  log: logRefSchema,
  offset: z.number().int().nonnegative(),
  length: z.number().int().min(1).max(MAX_AUDIO_READ_BYTES),
});

export const audioChunkSchema = z.object({
  /** The bytes of the WAV file from `offset`, base64; shorter than asked at the end of the file. */
  data: base64Of(MAX_AUDIO_READ_BYTES),
  offset: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
});

export const openedLogSchema = z.object({
  readerId: z.string(),
  name: z.string(),
  path: z.string(),
  totalBytes: z.number().int().nonnegative(),
});

const skippedLineSchema = z.object({ line: z.number().int().positive(), reason: z.string() });

export const logChunkSchema = z.object({
  events: z.array(sessionEventSchema),
  skipped: z.array(skippedLineSchema),
  bytesRead: z.number().int().nonnegative(),
  totalBytes: z.number().int().nonnegative(),
  done: z.boolean(),
  source: z.enum(['session-log', 'realtime-import']).nullable(),
  header: sessionLogHeaderSchema.nullable(),
  ended: z.object({ reason: sessionEndReasonSchema, endedAt: z.string() }).nullable(),
  warnings: z.array(z.string()),
});
export type LogChunkMessage = z.infer<typeof logChunkSchema>;

export const startupOpenSchema = z.object({
  /** A file to replay at start: from the command line, or the bundled sample on a first run. */
  open: z.object({ grant: z.string().uuid(), name: z.string(), reason: z.enum(['command-line', 'sample']) }).nullable(),
});

export { sessionModelsSchema };
export type { SkippedLine };
