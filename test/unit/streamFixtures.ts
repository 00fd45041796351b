import type { EventDirection, SessionEvent } from '../../src-shared/sessionEvent';

/** Builds a stream the way the recorder does: gapless seq, rising time. */
export function stream(...events: [EventDirection, string, Record<string, unknown>][]): SessionEvent[] {
  return events.map(([direction, type, payload], seq) => ({ seq, t: seq * 10, direction, type, payload }));
}

export const assistantItem = (id: string, transcript: string | null, status = 'completed') => ({
  id,
  type: 'message',
  role: 'assistant',
  status,
  content: [{ type: 'output_audio', transcript }],
});
