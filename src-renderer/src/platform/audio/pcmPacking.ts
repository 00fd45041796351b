/** Converting between WebAudio's float samples, the WAV's 16-bit PCM and the base64 the contract carries. */

/** One float sample (−1…1, clipped beyond) as a 16-bit integer. */
function toInt16(sample: number): number {
  const clipped = Math.max(-1, Math.min(1, sample));
  return Math.round(clipped < 0 ? clipped * 0x8000 : clipped * 0x7fff);
}

/**
 * Interleaves two channels into stereo 16-bit little-endian PCM (left first in each frame), taking
 * `frames` samples of each; a missing channel is silence.
 */
export function packStereoPcm16(left: Float32Array | undefined, right: Float32Array | undefined, frames: number): Uint8Array {
  const bytes = new Uint8Array(frames * 4);
  const view = new DataView(bytes.buffer);
  for (let frame = 0; frame < frames; frame += 1) {
    view.setInt16(frame * 4, toInt16(left?.[frame] ?? 0), true);
    view.setInt16(frame * 4 + 2, toInt16(right?.[frame] ?? 0), true);
  }
  return bytes;
}

const BASE64_SLICE = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += BASE64_SLICE)
    binary += String.fromCharCode(...bytes.subarray(start, Math.min(bytes.length, start + BASE64_SLICE)));
  return btoa(binary);
}

export function base64ToBytes(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** 16-bit little-endian PCM as the contract carries it (base64) back into samples. */
export function base64ToPcm16(text: string): Int16Array {
  const bytes = base64ToBytes(text);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const samples = new Int16Array(Math.floor(bytes.length / 2));
  for (let index = 0; index < samples.length; index += 1) samples[index] = view.getInt16(index * 2, true);
  return samples;
}

/** 16-bit samples as WebAudio's floats (−1…1): the inverse of the packing above. */
export function pcm16ToFloat32(samples: Int16Array): Float32Array<ArrayBuffer> {
  return Float32Array.from(samples, (sample) => (sample < 0 ? sample / 0x8000 : sample / 0x7fff));
}
