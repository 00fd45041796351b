import { seconds } from '../eventSummary';
import type { TranscriptEntry } from './transcriptModel';

type Payload = Record<string, unknown>;
type Message = Extract<TranscriptEntry, { kind: 'message' }>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * What a transcription event says about the user's audio message: its text, or that the transcription failed
 * (with the API's reason) or heard nothing (a turn the idle timeout committed). Undefined for a malformed event.
 */
export function transcriptionOutcome(type: string, payload: Payload): { itemId: string; fields: Partial<Message> } | undefined {
  const itemId = str(payload['item_id']);
  if (!itemId) return undefined;
  if (type === 'conversation.item.input_audio_transcription.failed') {
    const error = (payload['error'] ?? {}) as Payload;
    const reason = [str(error['message']), str(error['code']) && `(${str(error['code'])})`].filter(Boolean).join(' ') || 'no reason given';
    return { itemId, fields: { transcription: { status: 'failed', reason } } };
  }
  const transcript = str(payload['transcript']);
  if (transcript === undefined) return undefined;
  return { itemId, fields: { text: transcript, ...(transcript.trim() === '' ? { transcription: { status: 'empty' } as const } : {}) } };
}

/** The server's idle timeout ran out: how long the caller was silent, in plain words. */
export function idleTimeoutNotice(payload: Payload): string {
  const start = payload['audio_start_ms'];
  const end = payload['audio_end_ms'];
  const silent = typeof start === 'number' && typeof end === 'number' && end >= start ? seconds(end - start) : undefined;
  return `No speech${silent ? ` for ${silent}` : ''}: the idle timeout ran out, so the assistant was asked to go on.`;
}
