import type { WorkbenchApi } from '../../../../src-shared/contract';
import { MAX_AUDIO_READ_BYTES, type LogRef } from '../../../../src-shared/sessionLibrary';
import { parseWavHeader } from '../../../../src-shared/wavFile';
import { base64ToBytes } from './pcmPacking';
import { WaveformPeaks } from './waveformPeaks';

/** 10 ms per waveform bucket at 24 kHz. */
const FRAMES_PER_BUCKET = 240;
const HEADER_PROBE_BYTES = 4_096;

export interface LoadedAudio {
  /** A Blob URL of the WAV, for an <audio> element; revoke it when done. */
  readonly url: string;
  /** The waveform outline of each channel (microphone, assistant). */
  readonly peaks: [number[], number[]];
  readonly durationSeconds: number;
}

/**
 * Reads the WAV recorded beside a log through main, in chunks (the page cannot read files), into a Blob
 * for playback, drawing up the waveform's outline on the way. A file still being written, or cut short
 * by a crash, is read as far as it goes.
 */
export async function loadReplayAudio(api: WorkbenchApi, log: LogRef, isCancelled: () => boolean): Promise<LoadedAudio | undefined> {
  const first = await api.sessions.audio({ log, offset: 0, length: HEADER_PROBE_BYTES });
  const head = base64ToBytes(first.data);
  const layout = parseWavHeader(head);
  if (typeof layout === 'string') throw new Error(`The recorded audio ${layout}.`);
  if (layout.channels !== 2) throw new Error(`The recorded audio has ${layout.channels} channels; a session recording has 2.`);
  const dataEnd = Math.min(first.totalBytes, layout.dataOffset + layout.dataBytes);
  const parts: Uint8Array[] = [head];
  const peaks = new WaveformPeaks(FRAMES_PER_BUCKET);
  peaks.add(head.subarray(layout.dataOffset, Math.min(head.length, dataEnd)));
  for (let offset = head.length; offset < first.totalBytes;) {
    if (isCancelled()) return undefined;
    const chunk = await api.sessions.audio({ log, offset, length: MAX_AUDIO_READ_BYTES });
    const bytes = base64ToBytes(chunk.data);
    if (bytes.length === 0) break;
    parts.push(bytes);
    if (offset < dataEnd) peaks.add(bytes.subarray(0, Math.max(0, dataEnd - offset)));
    offset += bytes.length;
  }
  return {
    url: URL.createObjectURL(new Blob(parts as BlobPart[], { type: 'audio/wav' })),
    peaks: peaks.peaks(),
    durationSeconds: peaks.frameCount / layout.sampleRate,
  };
}
