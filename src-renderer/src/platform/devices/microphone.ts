import { microphoneConstraints } from '../../../../src-shared/realtimeAudioConfig';
import type { Settings } from '../../../../src-shared/settings';

/** Opens the chosen microphone with the browser's processing switches as set. The caller stops it. */
export function openMicrophone(settings: Settings): Promise<MediaStream> {
  return navigator.mediaDevices.getUserMedia({ audio: microphoneConstraints(settings) });
}

export function stopStream(stream: MediaStream | undefined): void {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
