import { z } from 'zod';

/**
 * One entry of a session's event stream: every client and server realtime event as it crossed the
 * wire, and every app event (connection state, supervisor, escalation and guardrail calls, agent changes).
 * Live sessions and saved logs carry exactly this shape, so both feed the same reducers.
 */
export const sessionEventSchema = z.strictObject({
  /** Position in the stream, from 0, with no gaps. */
  seq: z.number().int().nonnegative(),
  /** Milliseconds since the session started, from a monotonic clock. */
  t: z.number().nonnegative(),
  direction: z.enum(['client', 'server', 'app']),
  type: z.string().min(1),
  payload: z.record(z.string(), z.unknown()),
});
export type SessionEvent = z.infer<typeof sessionEventSchema>;
export type EventDirection = SessionEvent['direction'];

const SECRET_PATTERN = /\b(ek_[A-Za-z0-9_-]{6,}|sk-[A-Za-z0-9_-]{6,})/g;
const AUDIO_FIELDS = new Set(['audio', 'delta']);

/** What an MCP tool's header values become in the stream: they are key-store secrets (`mcp` in a scenario). */
export const MASKED_HEADER = '[secret]';

/**
 * Makes a payload safe to keep: client secrets and API keys are masked wherever they appear, an MCP tool's
 * header values (`{type: "mcp", headers}` in a session configuration) are masked whatever they look like, and
 * base64 audio is replaced by its size so logs stay small.
 */
export function sanitizePayload(type: string, payload: unknown): Record<string, unknown> {
  const carriesAudio = type === 'input_audio_buffer.append' || type === 'response.output_audio.delta';
  const visit = (value: unknown, key: string | undefined): unknown => {
    if (typeof value === 'string') {
      if (carriesAudio && key !== undefined && AUDIO_FIELDS.has(key)) return `[${Math.round((value.length * 3) / 4)} bytes of audio]`;
      return value.replace(SECRET_PATTERN, (secret) => `${secret.slice(0, 3)}…redacted`);
    }
    if (Array.isArray(value)) return value.map((item) => visit(item, undefined));
    if (value !== null && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      const masksHeaders = record['type'] === 'mcp' && typeof record['headers'] === 'object' && record['headers'] !== null;
      return Object.fromEntries(
        Object.entries(record).map(([name, item]) => [
          name,
          masksHeaders && name === 'headers'
            ? Object.fromEntries(Object.keys(item as object).map((header) => [header, MASKED_HEADER]))
            : visit(item, name),
        ]),
      );
    }
    return value;
  };
  const result = visit(payload, undefined);
  return result !== null && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, unknown>) : { value: result };
}
