import { create } from 'zustand';
import { useStore } from 'zustand';
import { SessionStream, type StreamState } from '../engine/events/sessionStream';
import type { LogSinkStatus } from '../engine/events/logSink';
import type { LiveSession } from '../engine/live/liveSession';
import type { ReplayController } from '../engine/replay/replayController';

/** The session the views show: the live one, a replay, or nothing yet. */
export type Shown =
  | { readonly kind: 'empty'; readonly stream: SessionStream }
  | { readonly kind: 'live'; readonly stream: SessionStream; readonly session: LiveSession }
  | { readonly kind: 'replay'; readonly stream: SessionStream; readonly replay: ReplayController };

interface ShownSessionState {
  readonly shown: Shown;
  /** The live session, while there is one (also while a replay is shown). */
  readonly live: { readonly session: LiveSession; readonly stream: SessionStream } | undefined;
  readonly logStatus: LogSinkStatus | undefined;
  /** A plain-words message about the last session action that failed outside a session (no scenario, bad file). */
  readonly notice: string | undefined;
  /**
   * Whether the next Connect in the same scenario gives the new session the earlier messages. New
   * conversation turns it off once; tool modes and applied prompt edits carry on either way.
   */
  readonly carryConversation: boolean;
  /** What the live-session views read while there is no live session: a stream that never receives an event. */
  readonly idleStream: SessionStream;
}

export const useShownSessionStore = create<ShownSessionState>(() => ({
  shown: { kind: 'empty', stream: new SessionStream() },
  live: undefined,
  logStatus: undefined,
  notice: undefined,
  carryConversation: true,
  idleStream: new SessionStream(),
}));

/** Reads the shown session's stream state; re-renders when the selected part changes. */
export function useShownStream<T>(selector: (state: StreamState) => T): T {
  const stream = useShownSessionStore((state) => state.shown.stream);
  return useStore(stream.store, selector);
}

/** Reads the live session's stream state (idle when there is none). */
export function useLiveStream<T>(selector: (state: StreamState) => T): T {
  const stream = useShownSessionStore((state) => state.live?.stream ?? state.idleStream);
  return useStore(stream.store, selector);
}
