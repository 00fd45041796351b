import { sanitizePayload, type EventDirection, type SessionEvent } from '../sessionEvent';

export type RecordEvent = (direction: EventDirection, type: string, payload: unknown) => SessionEvent;

/** Stamps events with a gapless sequence number and monotonic time, and strips secrets and audio. */
export function createEventRecorder(sink: (event: SessionEvent) => void, now: () => number = () => performance.now()): RecordEvent {
  const start = now();
  let seq = 0;
  return (direction, type, payload) => {
    const event: SessionEvent = {
      seq: seq++,
      t: Math.max(0, Math.round((now() - start) * 10) / 10),
      direction,
      type,
      payload: sanitizePayload(type, payload),
    };
    sink(event);
    return event;
  };
}
