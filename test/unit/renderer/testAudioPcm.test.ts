import { describe, expect, it } from 'vitest';
import { base64ToPcm16, packStereoPcm16, pcm16ToFloat32 } from '../../../src-renderer/src/platform/audio/pcmPacking';

describe('the audio a test plays into its microphone', () => {
  it('reads the base64 main sends (16-bit little-endian PCM) back into the samples main read', () => {
    const sent = Int16Array.from([0, 1, -1, 32767, -32768, 1234, -4321]);
    const text = Buffer.from(sent.buffer).toString('base64');
    expect(Array.from(base64ToPcm16(text))).toEqual(Array.from(sent));
  });

  it('reads samples as little-endian whatever the bytes say, and ignores a dangling odd byte', () => {
    expect(Array.from(base64ToPcm16(Buffer.from([0x34, 0x12, 0xff, 0xff, 0x07]).toString('base64')))).toEqual([0x1234, -1]);
  });

  it('turns 16-bit samples into WebAudio floats at full scale both ways, silence staying silence', () => {
    expect(Array.from(pcm16ToFloat32(Int16Array.from([0, 32767, -32768, 16384, -16384])))).toEqual([0, 1, -1, Math.fround(16384 / 32767), -0.5]);
  });

  it('is undone by the recorder’s packing, so the test’s audio is recorded as it was read', () => {
    const samples = Int16Array.from({ length: 2_000 }, (_, index) => Math.round(Math.sin(index / 7) * 20_000));
    const packed = packStereoPcm16(pcm16ToFloat32(samples), undefined, samples.length);
    const left = Array.from({ length: samples.length }, (_, index) => new DataView(packed.buffer).getInt16(index * 4, true));
    expect(left).toEqual(Array.from(samples));
  });
});
