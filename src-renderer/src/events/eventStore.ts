import { create } from 'zustand';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { emptyTranscript, type TranscriptState } from '../transcript/transcriptModel';
import { reduceTranscript } from '../transcript/transcriptReducer';

/** The inspector keeps this many events; older ones are dropped (and counted) so long sessions stay fast. */
export const EVENT_CAP = 20_000;

interface EventState {
  readonly events: readonly SessionEvent[];
  readonly dropped: number;
  readonly transcript: TranscriptState;
}

const initial: EventState = { events: Object.freeze([]) as readonly SessionEvent[], dropped: 0, transcript: emptyTranscript };

/** The one stream: live sessions and replays both append here, and the same reducers fold it. */
export const useEventStore = create<EventState>(() => initial);

let pending: SessionEvent[] = [];
let scheduled = false;

function flush(): void {
  scheduled = false;
  const batch = pending;
  pending = [];
  if (batch.length === 0) return;
  useEventStore.setState((state) => {
    const all = [...state.events, ...batch];
    const overflow = Math.max(0, all.length - EVENT_CAP);
    return {
      events: overflow > 0 ? all.slice(overflow) : all,
      dropped: state.dropped + overflow,
      transcript: reduceTranscript(state.transcript, batch),
    };
  });
}

/** Queues an event; queued events are applied together once per animation frame. */
export function appendEvent(event: SessionEvent): void {
  pending.push(event);
  if (scheduled) return;
  scheduled = true;
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(flush);
  else setTimeout(flush, 16);
}

/** Applies anything still queued now (before a read that must see every event). */
export function flushEvents(): void {
  flush();
}

export function resetEvents(): void {
  pending = [];
  useEventStore.setState(initial);
}
