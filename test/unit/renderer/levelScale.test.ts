import { describe, expect, it } from 'vitest';
import { meterLevel } from '../../../src-renderer/src/views/common/levelScale';

const tone = (amplitude: number) => Float32Array.from({ length: 1024 }, (_, index) => amplitude * Math.sin((2 * Math.PI * index) / 64));

describe('a level meter reading', () => {
  it('is 0 for silence and for an empty block', () => {
    expect(meterLevel(new Float32Array(1024))).toBe(0);
    expect(meterLevel(new Float32Array(0))).toBe(0);
  });

  it('is 100 for a full-scale square wave and about two thirds for speech at -20 dBFS', () => {
    expect(meterLevel(Float32Array.from({ length: 1024 }, (_, index) => (index % 2 === 0 ? 1 : -1)))).toBe(100);
    // A sine of amplitude 0.1414 has an RMS of 0.1, i.e. -20 dBFS: (60 - 20) / 60.
    expect(meterLevel(tone(0.1414))).toBe(67);
  });

  it('reads 0 below -60 dBFS and rises with the level', () => {
    expect(meterLevel(tone(0.0005))).toBe(0);
    expect(meterLevel(tone(0.01))).toBeLessThan(meterLevel(tone(0.1)));
  });
});
