import { readFile } from 'node:fs/promises';
import { WorkbenchError } from '../../../src-shared/errors';
import { parseWavHeader } from '../../../src-shared/wavFile';

/** The rate a headless session sends audio at (PCM16 over the WebSocket). */
export const INPUT_SAMPLE_RATE = 24_000;

/** Mixes interleaved PCM16 to mono and resamples it (linear) to 24 kHz. */
export function toSessionPcm(samples: Int16Array, channels: number, sampleRate: number): Int16Array {
  const frames = Math.floor(samples.length / channels);
  const mono = new Float32Array(frames);
  for (let frame = 0; frame < frames; frame += 1) {
    let sum = 0;
    for (let channel = 0; channel < channels; channel += 1) sum += samples[frame * channels + channel]!;
    mono[frame] = sum / channels;
  }
  if (sampleRate === INPUT_SAMPLE_RATE) return Int16Array.from(mono, (value) => Math.round(value));
  const length = Math.floor((frames * INPUT_SAMPLE_RATE) / sampleRate);
  const out = new Int16Array(length);
  for (let index = 0; index < length; index += 1) {
    const at = (index * sampleRate) / INPUT_SAMPLE_RATE;
    const left = Math.floor(at);
    const right = Math.min(left + 1, frames - 1);
    const fraction = at - left;
    out[index] = Math.round(mono[left]! * (1 - fraction) + mono[right]! * fraction);
  }
  return out;
}

/** Reads a 16-bit PCM WAV (any rate, any channels) as the mono 24 kHz PCM a headless session sends; names the file and the fault. */
export async function readWavForSession(path: string): Promise<Int16Array> {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    throw new WorkbenchError('io_error', `Cannot read the audio file ${path}: ${(error as Error).message}`);
  }
  const layout = parseWavHeader(bytes);
  if (typeof layout === 'string') throw new WorkbenchError('io_error', `The audio file ${path} ${layout}.`);
  const end = Math.min(bytes.length, layout.dataOffset + layout.dataBytes);
  const data = bytes.slice(layout.dataOffset, layout.dataOffset + Math.floor((end - layout.dataOffset) / 2) * 2);
  return toSessionPcm(new Int16Array(data.buffer, data.byteOffset, data.length / 2), layout.channels, layout.sampleRate);
}
