import type { LogRef } from '../../../src-shared/sessionLibrary';
import { requireApi } from '../app/workbenchStore';
import { useWorkspaceStore } from '../app/workspaceStore';
import { SessionStream } from '../events/sessionStream';
import { ReplayController } from './replayController';
import { fileLogSource, mainLogSource, type ReplaySource } from './replaySources';

/** Opens a saved log (library id, or a file main granted) as the shown session, offline. */
export function openReplay(ref: LogRef, name: string): Promise<void> {
  return replay(mainLogSource(requireApi(), ref), name);
}

/** Opens a file the user dropped on the window or picked, read in the page, as the shown session. */
export function openLocalLog(file: File): Promise<void> {
  return replay(fileLogSource(file), file.name);
}

async function replay(source: ReplaySource, name: string): Promise<void> {
  const previous = useWorkspaceStore.getState().shown;
  if (previous.kind === 'replay') previous.replay.dispose();
  const replay = new ReplayController({
    source,
    name,
    onStream: (stream) => {
      const shown = useWorkspaceStore.getState().shown;
      if (shown.kind === 'replay' && shown.replay === replay) useWorkspaceStore.setState({ shown: { kind: 'replay', stream, replay } });
    },
  });
  useWorkspaceStore.setState({ shown: { kind: 'replay', stream: replay.currentStream, replay } });
  await replay.load();
}

/** Leaves the replay and shows the live session again (or nothing). */
export function closeReplay(): void {
  const { shown, live } = useWorkspaceStore.getState();
  if (shown.kind !== 'replay') return;
  shown.replay.dispose();
  useWorkspaceStore.setState({
    shown: live ? { kind: 'live', stream: live.stream, session: live.session } : { kind: 'empty', stream: new SessionStream() },
  });
}
