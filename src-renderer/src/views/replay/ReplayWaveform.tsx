import { useStore } from 'zustand';
import { lazyPart } from '../common/lazyPart';
import type { ReplayController } from '../../engine/replay/replayController';

const RecordedWaveform = lazyPart(() => import('./RecordedWaveform').then((module) => module.RecordedWaveform), 'Loading the waveform…');

/** The replayed session's recorded audio, when it has any: wavesurfer.js is fetched only for a session that does. */
export function ReplayWaveform({ replay }: { replay: ReplayController }) {
  const header = useStore(replay.state, (state) => state.header);
  const recording = replay.ref ? (header?.audio ?? null) : null;
  if (!recording) return null;
  return <RecordedWaveform replay={replay} file={recording.file} />;
}
