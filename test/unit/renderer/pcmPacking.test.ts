import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesToBase64, packStereoPcm16 } from '../../../src-renderer/src/platform/audio/pcmPacking';

function samples(bytes: Uint8Array): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: bytes.length / 2 }, (_, index) => view.getInt16(index * 2, true));
}

describe('packing the recorder’s audio as PCM', () => {
  it('interleaves the microphone (left) and the assistant (right) as 16-bit little-endian frames', () => {
    const left = new Float32Array([0, 0.5, -0.5, 1]);
    const right = new Float32Array([1, -1, 0.25, 0]);
    expect(samples(packStereoPcm16(left, right, 4))).toEqual([0, 32767, 16384, -32768, -16384, 8192, 32767, 0]);
  });

  it('clips samples beyond full scale instead of wrapping them around', () => {
    expect(samples(packStereoPcm16(new Float32Array([1.7, -3]), new Float32Array([-1.2, 2]), 2))).toEqual([32767, -32768, -32768, 32767]);
  });

  it('writes silence for a channel that has no input, and packs only the frames asked for', () => {
    const packed = packStereoPcm16(new Float32Array([0.5, 0.5, 0.5]), undefined, 2);
    expect(packed.length).toBe(8);
    expect(samples(packed)).toEqual([16384, 0, 16384, 0]);
  });

  it('round-trips through base64, also for chunks larger than one string slice', () => {
    const bytes = new Uint8Array(100_003).map((_, index) => (index * 7) % 256);
    const text = bytesToBase64(bytes);
    expect(text).toBe(Buffer.from(bytes).toString('base64'));
    expect(base64ToBytes(text)).toEqual(bytes);
  });
});
