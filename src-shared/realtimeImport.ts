import type { EventDirection, SessionEvent } from './sessionEvent';

/**
 * Turns records of a raw Realtime event log (what other clients write: one event per line or a JSON
 * array, with or without timestamps and directions, beta or GA event names) into SessionEvents, so an
 * import takes the same road as a saved session. Unknown event types are kept as they are.
 */

/** Every event type a client sends; anything else came from the server. Beta and GA names both. */
const CLIENT_EVENT_TYPES = new Set([
  'session.update',
  'transcription_session.update',
  'input_audio_buffer.append',
  'input_audio_buffer.commit',
  'input_audio_buffer.clear',
  'conversation.item.create',
  'conversation.item.retrieve',
  'conversation.item.truncate',
  'conversation.item.delete',
  'response.create',
  'response.cancel',
  'output_audio_buffer.clear',
]);

/** Beta event names and the GA names this app's reducers read. */
const BETA_TO_GA: Readonly<Record<string, string>> = {
  'response.text.delta': 'response.output_text.delta',
  'response.text.done': 'response.output_text.done',
  'response.audio_transcript.delta': 'response.output_audio_transcript.delta',
  'response.audio_transcript.done': 'response.output_audio_transcript.done',
  'response.audio.delta': 'response.output_audio.delta',
  'response.audio.done': 'response.output_audio.done',
  'conversation.item.created': 'conversation.item.added',
};

export function inferDirection(type: string): EventDirection {
  return CLIENT_EVENT_TYPES.has(type) ? 'client' : 'server';
}

const DIRECTION_WORDS: Readonly<Record<string, EventDirection>> = {
  client: 'client',
  sent: 'client',
  send: 'client',
  outgoing: 'client',
  out: 'client',
  server: 'server',
  received: 'server',
  receive: 'server',
  incoming: 'server',
  in: 'server',
  app: 'app',
};

function directionOf(record: Record<string, unknown>, type: string): EventDirection {
  for (const key of ['direction', 'source', 'from']) {
    const word = record[key];
    if (typeof word === 'string' && DIRECTION_WORDS[word.toLowerCase()]) return DIRECTION_WORDS[word.toLowerCase()]!;
  }
  return inferDirection(type);
}

/** Milliseconds on some clock, from an ISO date, epoch seconds or milliseconds, or relative ms. */
function timeOf(record: Record<string, unknown>): number | undefined {
  for (const key of ['t', 'time', 'timestamp', 'ts', 'receivedAt', 'sentAt']) {
    const value = record[key];
    if (typeof value === 'number' && Number.isFinite(value)) return value > 1e9 && value < 1e11 ? value * 1000 : value;
    if (typeof value === 'string') {
      const parsed = Date.parse(value);
      if (!Number.isNaN(parsed)) return parsed;
    }
  }
  return undefined;
}

export interface ImportState {
  readonly seq: number;
  readonly firstTime: number | undefined;
  readonly lastT: number;
}

export const initialImportState: ImportState = { seq: 0, firstTime: undefined, lastT: 0 };

/**
 * One record of a raw log → a SessionEvent, or a reason it is not one. A record is either the event
 * itself (`{type, …}`) or a wrapper holding it (`{event: {type, …}, direction?, timestamp?}`).
 */
export function importRecord(value: unknown, state: ImportState): { event: SessionEvent; state: ImportState } | { reason: string } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { reason: 'is not a JSON object' };
  const record = value as Record<string, unknown>;
  const inner = record['event'] !== null && typeof record['event'] === 'object' && !Array.isArray(record['event']) ? record['event'] : record;
  const event = inner as Record<string, unknown>;
  if (typeof event['type'] !== 'string' || event['type'] === '') return { reason: 'has no event "type"' };
  const originalType = event['type'];
  const type = BETA_TO_GA[originalType] ?? originalType;
  const direction = directionOf(record, originalType);
  const time = timeOf(record) ?? (inner === record ? undefined : timeOf(event));
  const firstTime = state.firstTime ?? time;
  const t = time === undefined || firstTime === undefined ? state.lastT : Math.max(state.lastT, time - firstTime);
  const payload: Record<string, unknown> = { ...event, type };
  if (type !== originalType) payload['original_type'] = originalType;
  return { event: { seq: state.seq, t, direction, type, payload }, state: { seq: state.seq + 1, firstTime, lastT: t } };
}
