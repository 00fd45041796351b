import { z } from 'zod';
import { scenarioSchema } from './scenario';
import { sessionSettingsSchema } from './session/sessionSettings';
import { sessionEventSchema, type SessionEvent } from './sessionEvent';

/**
 * The saved session log: one JSON object per line (JSONL), append-only.
 *
 *   line 1        the header: `{"record":"header","format":"voice-agent-workbench/session-log","version":1,…}`
 *   lines 2…n     one SessionEvent each: `{"seq":0,"t":0,"direction":"app","type":"session.started","payload":{…}}`
 *   last line     the footer, only when the session ended cleanly: `{"record":"footer",…}`
 *
 * A line with a `record` field is a header, a footer, or a record kind a newer app added (skipped by
 * readers that do not know it); any other line is an event. Readers ignore fields they do not know,
 * so later versions can add fields without a version bump; the version changes only when a field
 * changes meaning. The JSON Schema in docs/session-log.schema.json is generated from these schemas.
 */
export const SESSION_LOG_FORMAT = 'voice-agent-workbench/session-log';
export const SESSION_LOG_VERSION = 1;
/**
 * Session logs end with this extension; the recorded audio sits beside them as the same name + `.wav`, and the
 * images sent in the session in a folder named the same + `.images` (see sessionLogImages.ts).
 */
export const SESSION_LOG_EXTENSION = '.jsonl';

export const turnDetectionSchema = z.enum(['server_vad', 'semantic_vad', 'push_to_talk']);

/** What the session was configured with, as the user chose it for this session. */
export const sessionSetupSchema = z.object({
  startAgent: z.string(),
  /** The audio on the wire: a WebRTC codec in the app, `pcm16` (24 kHz over a WebSocket) in a headless run. */
  codec: z.enum(['opus', 'pcmu', 'pcma', 'pcm16']),
  turnDetection: turnDetectionSchema,
  output: z.enum(['audio', 'text']),
  voice: z.string(),
  /** The Realtime session settings it connected with (Settings → Session, overridden by the scenario's `session`). */
  session: sessionSettingsSchema.optional(),
});
export type SessionSetup = z.infer<typeof sessionSetupSchema>;

export const sessionModelsSchema = z.object({
  realtime: z.string(),
  supervisor: z.string(),
  escalation: z.string(),
  guardrail: z.string(),
});

/** The stereo recording beside the log: microphone left, assistant (as played) right, t = 0 at the log's t = 0. */
export const audioRecordingSchema = z.object({
  file: z.string(),
  sampleRate: z.number().int().positive(),
  channels: z.literal(2),
  layout: z.tuple([z.literal('microphone'), z.literal('assistant')]),
});

/** The scenario test a session was run for. */
export const testRunSchema = z.strictObject({
  /** The tests file, as given (a path, or a shipped file's name). */
  file: z.string().min(1),
  test: z.string().min(1),
  /** 1 for the first of a test's runs. */
  run: z.number().int().positive(),
});
export type TestRun = z.infer<typeof testRunSchema>;

export const sessionLogHeaderSchema = z.looseObject({
  record: z.literal('header'),
  format: z.literal(SESSION_LOG_FORMAT),
  version: z.number().int().positive(),
  sessionId: z.string().min(1),
  appVersion: z.string(),
  /** Wall-clock start (ISO 8601); event times are milliseconds after it on a monotonic clock. */
  startedAt: z.iso.datetime({ offset: true }),
  /** The scenario exactly as it ran: every agent's instructions, tools and handoffs. */
  scenario: scenarioSchema,
  models: sessionModelsSchema,
  setup: sessionSetupSchema,
  audio: audioRecordingSchema.nullable(),
  /** Set when a scenario test ran the session (`npm run scenario-test`, the Tests panel): which test and run. */
  testRun: testRunSchema.optional(),
});
export type SessionLogHeader = z.infer<typeof sessionLogHeaderSchema>;

export const sessionEndReasonSchema = z.enum(['user', 'capped', 'dropped', 'error', 'replaced', 'host-closed']);

export const sessionLogFooterSchema = z.looseObject({
  record: z.literal('footer'),
  endedAt: z.iso.datetime({ offset: true }),
  reason: sessionEndReasonSchema,
  eventCount: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
});
export type SessionLogFooter = z.infer<typeof sessionLogFooterSchema>;

/** An event line as read back: the live schema, but unknown fields are tolerated (a newer writer may add some). */
export const sessionLogEventSchema = sessionEventSchema.loose();

/** What one line of a log turned out to be. */
export type LogLine =
  | { readonly kind: 'header'; readonly header: SessionLogHeader }
  | { readonly kind: 'event'; readonly event: SessionEvent }
  | { readonly kind: 'footer'; readonly footer: SessionLogFooter }
  | { readonly kind: 'unknown-record'; readonly record: string }
  | { readonly kind: 'bad'; readonly reason: string };

/** A line of a log that could not be used, and why, in words for the person who opened it. */
export interface SkippedLine {
  readonly line: number;
  readonly reason: string;
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/** Where JSON.parse gave up, without quoting the line (it may hold anything, a secret included). */
function describeJsonFault(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input|Unterminated string/i.test(message)) return 'is cut short (incomplete JSON)';
  const position = /position (\d+)/.exec(message);
  return position ? `is not valid JSON (at character ${Number(position[1]) + 1})` : 'is not valid JSON';
}

/**
 * Classifies one line of a session log. Never throws: a line that is not JSON or not a known shape is
 * `bad` with a reason, so a reader can skip and count it.
 */
export function parseLogLine(text: string): LogLine {
  if (text.includes('\u0000')) return { kind: 'bad', reason: 'holds binary data (NUL bytes), not JSON text' };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { kind: 'bad', reason: describeJsonFault(error) };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { kind: 'bad', reason: 'is not a JSON object' };
  const record = (value as Record<string, unknown>)['record'];
  if (record === undefined) {
    const event = sessionLogEventSchema.safeParse(value);
    if (!event.success) return { kind: 'bad', reason: `is not a session event (${describeIssues(event.error)})` };
    const { seq, t, direction, type, payload } = event.data;
    return { kind: 'event', event: { seq, t, direction, type, payload } };
  }
  if (record === 'header') {
    const format = (value as Record<string, unknown>)['format'];
    if (format !== SESSION_LOG_FORMAT) return { kind: 'bad', reason: `is a header of another format (${JSON.stringify(format)})` };
    const header = sessionLogHeaderSchema.safeParse(value);
    if (!header.success) return { kind: 'bad', reason: `is a header with faults (${describeIssues(header.error)})` };
    return { kind: 'header', header: header.data };
  }
  if (record === 'footer') {
    const footer = sessionLogFooterSchema.safeParse(value);
    if (!footer.success) return { kind: 'bad', reason: `is a footer with faults (${describeIssues(footer.error)})` };
    return { kind: 'footer', footer: footer.data };
  }
  return { kind: 'unknown-record', record: String(record) };
}

/** The header line of a newer format version is read as far as this app understands it; say so once. */
export function versionWarning(header: SessionLogHeader): string | undefined {
  return header.version > SESSION_LOG_VERSION
    ? `was written by a newer Voice Agent Workbench (log format ${header.version}; this app reads format ${SESSION_LOG_VERSION}). Fields this app does not know are ignored.`
    : undefined;
}

/** Running figures of a session's events, kept by the writer and recomputed by readers of crashed logs. */
export interface SessionStats {
  readonly events: number;
  readonly turns: number;
  readonly durationMs: number;
  /** The first user message's text, for the library's search and as a default title. */
  readonly firstUserText: string | undefined;
}

export const emptyStats: SessionStats = Object.freeze({ events: 0, turns: 0, durationMs: 0, firstUserText: undefined });

function userItemText(event: SessionEvent): string | undefined | null {
  const isUserItem =
    (event.direction === 'server' && (event.type === 'conversation.item.added' || event.type === 'conversation.item.created')) ||
    (event.direction === 'client' && event.type === 'conversation.item.create');
  if (!isUserItem) return null;
  const item = event.payload['item'] as { type?: unknown; role?: unknown; content?: unknown } | undefined;
  if (item?.type !== 'message' || item.role !== 'user') return null;
  const parts = Array.isArray(item.content) ? (item.content as Record<string, unknown>[]) : [];
  const text = parts.map((part) => (typeof part['text'] === 'string' ? part['text'] : '')).join('');
  return text === '' ? undefined : text;
}

/** Folds events into the figures the session library shows. A turn is a user message the server added. */
export function accumulateStats(stats: SessionStats, events: readonly SessionEvent[]): SessionStats {
  let { events: count, turns, durationMs, firstUserText } = stats;
  for (const event of events) {
    count += 1;
    durationMs = Math.max(durationMs, event.t);
    const text = userItemText(event);
    if (text === null) continue;
    if (event.direction === 'server') turns += 1;
    firstUserText ??= text;
  }
  return { events: count, turns, durationMs, firstUserText };
}

/** Serialises one record as a log line (no newline inside: JSON.stringify escapes them). */
export function toLogLine(record: SessionLogHeader | SessionLogFooter | SessionEvent): string {
  return `${JSON.stringify(record)}\n`;
}

export { sessionEventSchema };
