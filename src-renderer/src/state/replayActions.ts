import type { LogRef } from '../../../src-shared/sessionLibrary';
import { requireApi } from './hostStore';
import { useShownSessionStore } from './shownSessionStore';
import { SessionStream } from '../engine/events/sessionStream';
import { ReplayController } from '../engine/replay/replayController';
import { fileLogSource, mainLogSource, type ReplaySource } from '../engine/replay/replaySources';

/** Opens a saved log (library id, or a file main granted) as the shown session, offline. */
export function openReplay(ref: LogRef, name: string): Promise<void> {
  return replay(mainLogSource(requireApi(), ref), name);
}

/** Opens a file the user dropped on the window or picked, read in the page, as the shown session. */
export function openLocalLog(file: File): Promise<void> {
  return replay(fileLogSource(file), file.name);
}

async function replay(source: ReplaySource, name: string): Promise<void> {
  const previous = useShownSessionStore.getState().shown;
  if (previous.kind === 'replay') previous.replay.dispose();
  const replay = new ReplayController({
    source,
    name,
    onStream: (stream) => {
      const shown = useShownSessionStore.getState().shown;
      if (shown.kind === 'replay' && shown.replay === replay) useShownSessionStore.setState({ shown: { kind: 'replay', stream, replay } });
    },
  });
  useShownSessionStore.setState({ shown: { kind: 'replay', stream: replay.currentStream, replay } });
  await replay.load();
}

/** Leaves the replay and shows the live session again (or nothing). */
export function closeReplay(): void {
  const { shown, live } = useShownSessionStore.getState();
  if (shown.kind !== 'replay') return;
  shown.replay.dispose();
  useShownSessionStore.setState({
    shown: live ? { kind: 'live', stream: live.stream, session: live.session } : { kind: 'empty', stream: new SessionStream() },
  });
}
