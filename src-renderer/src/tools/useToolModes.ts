import { useCallback, useSyncExternalStore } from 'react';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { emptyToolModes, reduceToolModes, type ToolModesState } from '../../../src-shared/toolModes';
import { useWorkspaceStore } from '../app/workspaceStore';
import type { SessionStream } from '../events/sessionStream';

interface Folded {
  readonly upTo: number;
  readonly state: ToolModesState;
}

/** How far each stream has been folded; a replay that seeks back gets a fresh stream, and so starts again. */
const folds = new WeakMap<SessionStream, Folded>();

/**
 * The tool modes of a stream, folded from its event log as far as it goes: only the events added
 * since the last read are looked at, and the same object comes back while no tool event arrives, so
 * a view re-renders only when a mode or an approval changes.
 */
function toolModesOf(stream: SessionStream): ToolModesState {
  const folded = folds.get(stream) ?? { upTo: 0, state: emptyToolModes };
  const length = stream.events.length;
  if (length === folded.upTo) return folded.state;
  const relevant: SessionEvent[] = [];
  for (let index = folded.upTo; index < length; index += 1) {
    const event = stream.events.at(index)!;
    if (event.direction === 'app' && (event.type.startsWith('tool.') || event.type === 'session.state')) relevant.push(event);
  }
  const next = { upTo: length, state: relevant.length === 0 ? folded.state : reduceToolModes(folded.state, relevant) };
  folds.set(stream, next);
  return next.state;
}

const noSubscription = () => () => undefined;

function useModesOf(stream: SessionStream | undefined): ToolModesState {
  const subscribe = useCallback((listener: () => void) => stream?.store.subscribe(listener) ?? noSubscription(), [stream]);
  return useSyncExternalStore(subscribe, () => (stream ? toolModesOf(stream) : emptyToolModes));
}

/** The tool modes and approvals of the session the views show, live or replayed. */
export function useShownToolModes(): ToolModesState {
  return useModesOf(useWorkspaceStore((state) => state.shown.stream));
}

/** The live session's (nothing waits without one), whatever the views show. */
export function useLiveToolModes(): ToolModesState {
  return useModesOf(useWorkspaceStore((state) => state.live?.stream));
}
