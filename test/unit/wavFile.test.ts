import { describe, expect, it } from 'vitest';
import {
  BYTES_PER_FRAME,
  DATA_SIZE_OFFSET,
  MAX_WAV_DATA_BYTES,
  RIFF_SIZE_OFFSET,
  WAV_HEADER_BYTES,
  parseWavHeader,
  wavHeader,
  wavSizeFields,
} from '../../src-shared/wavFile';

const text = (bytes: Uint8Array, offset: number, length = 4) => String.fromCharCode(...bytes.subarray(offset, offset + length));
const u32 = (bytes: Uint8Array, offset: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint32(offset, true);
const u16 = (bytes: Uint8Array, offset: number) => new DataView(bytes.buffer, bytes.byteOffset).getUint16(offset, true);

/** A RIFF chunk: four-letter id, little-endian size, body, and the pad byte an odd size needs. */
function chunk(id: string, body: Uint8Array, declaredSize = body.length): Uint8Array {
  const out = new Uint8Array(8 + body.length + (body.length % 2));
  out.set([...id].map((c) => c.charCodeAt(0)));
  new DataView(out.buffer).setUint32(4, declaredSize, true);
  out.set(body, 8);
  return out;
}
function fmtBody(code: number, channels: number, sampleRate: number, bits: number): Uint8Array {
  const body = new Uint8Array(16);
  const view = new DataView(body.buffer);
  view.setUint16(0, code, true);
  view.setUint16(2, channels, true);
  view.setUint32(4, sampleRate, true);
  view.setUint32(8, sampleRate * channels * (bits / 8), true);
  view.setUint16(12, channels * (bits / 8), true);
  view.setUint16(14, bits, true);
  return body;
}
function wav(...chunks: Uint8Array[]): Uint8Array {
  const body = chunks.reduce((all, part) => new Uint8Array([...all, ...part]), new Uint8Array());
  return new Uint8Array([...chunk('RIFF', new Uint8Array()).subarray(0, 8), ...new TextEncoder().encode('WAVE'), ...body]);
}

describe("the session recording's WAV header", () => {
  it('is a canonical 44-byte PCM header, little-endian, for stereo 16-bit at 24 kHz by default', () => {
    const header = wavHeader(96_000);
    expect(header).toHaveLength(WAV_HEADER_BYTES);
    expect(text(header, 0)).toBe('RIFF');
    expect(u32(header, RIFF_SIZE_OFFSET)).toBe(36 + 96_000);
    expect(text(header, 8)).toBe('WAVE');
    expect(text(header, 12)).toBe('fmt ');
    expect(u32(header, 16)).toBe(16);
    expect(u16(header, 20)).toBe(1);
    expect(u16(header, 22)).toBe(2);
    expect(u32(header, 24)).toBe(24_000);
    expect(u32(header, 28)).toBe(24_000 * BYTES_PER_FRAME);
    expect(u16(header, 32)).toBe(BYTES_PER_FRAME);
    expect(u16(header, 34)).toBe(16);
    expect(text(header, 36)).toBe('data');
    expect(u32(header, DATA_SIZE_OFFSET)).toBe(96_000);
  });

  it('takes another rate and channel count, and reads back as what it says', () => {
    const header = wavHeader(320, 16_000, 1);
    expect(u16(header, 22)).toBe(1);
    expect(u32(header, 28)).toBe(32_000);
    expect(u16(header, 32)).toBe(2);
    expect(parseWavHeader(header)).toEqual({ sampleRate: 16_000, channels: 1, bitsPerSample: 16, dataOffset: 44, dataBytes: 320 });
  });

  it('has size fields patched in as the data grows, matching a fresh header, up to the 32-bit limit', () => {
    const { riff, data } = wavSizeFields(1234);
    expect([...riff]).toEqual([...wavHeader(1234).subarray(RIFF_SIZE_OFFSET, RIFF_SIZE_OFFSET + 4)]);
    expect([...data]).toEqual([...wavHeader(1234).subarray(DATA_SIZE_OFFSET, DATA_SIZE_OFFSET + 4)]);
    expect(u32(riff, 0)).toBe(1270);
    expect(u32(wavSizeFields(MAX_WAV_DATA_BYTES).riff, 0)).toBe(0xffff_ffff);
  });
});

describe('reading a WAV header from a file from elsewhere', () => {
  const pcm = chunk('fmt ', fmtBody(1, 2, 48_000, 16));

  it('finds the data after extra chunks, skipping the pad byte of an odd-sized one', () => {
    const file = wav(chunk('LIST', new Uint8Array([1, 2, 3])), pcm, chunk('junk', new Uint8Array(6)), chunk('data', new Uint8Array(8)));
    // RIFF header 12, LIST 8 + 3 + 1 pad, fmt 8 + 16, junk 8 + 6, data header 8.
    expect(parseWavHeader(file)).toEqual({ sampleRate: 48_000, channels: 2, bitsPerSample: 16, dataOffset: 12 + 12 + 24 + 14 + 8, dataBytes: 8 });
  });

  it('takes the declared data size even when the file holds less (a recording still being written)', () => {
    const file = wav(pcm, chunk('data', new Uint8Array(4), 1_000_000));
    expect(parseWavHeader(file)).toMatchObject({ dataOffset: 44, dataBytes: 1_000_000 });
  });

  it('reads a subarray of a larger buffer from its own start', () => {
    const file = wav(pcm, chunk('data', new Uint8Array(4)));
    const larger = new Uint8Array(file.length + 10);
    larger.set(file, 10);
    expect(parseWavHeader(larger.subarray(10))).toMatchObject({ sampleRate: 48_000, dataOffset: 44 });
  });

  it('accepts the extensible format code for PCM', () => {
    expect(parseWavHeader(wav(chunk('fmt ', fmtBody(0xfffe, 1, 8000, 16)), chunk('data', new Uint8Array(2))))).toMatchObject({
      sampleRate: 8000,
      channels: 1,
    });
  });

  it('says in words why anything else is not a WAV it can read', () => {
    const notRiff = wav(pcm, chunk('data', new Uint8Array(2)));
    notRiff.set([...'RIFX'].map((c) => c.charCodeAt(0)));
    const notWave = wav(pcm, chunk('data', new Uint8Array(2)));
    notWave.set(
      [...'AVI '].map((c) => c.charCodeAt(0)),
      8,
    );
    expect(parseWavHeader(notRiff)).toBe('is not a WAV file (no RIFF/WAVE header)');
    expect(parseWavHeader(notWave)).toBe('is not a WAV file (no RIFF/WAVE header)');
    expect(parseWavHeader(new TextEncoder().encode('RIFF\0\0\0\0WAV'))).toBe('is not a WAV file (no RIFF/WAVE header)');
    expect(parseWavHeader(new Uint8Array())).toBe('is not a WAV file (no RIFF/WAVE header)');
    expect(parseWavHeader(wav(chunk('data', new Uint8Array(2)), pcm))).toBe('has its data before its format chunk');
    expect(parseWavHeader(wav(chunk('fmt ', fmtBody(3, 2, 48_000, 32)), chunk('data', new Uint8Array(8))))).toBe('holds audio in format 3, not PCM');
    expect(parseWavHeader(wav(chunk('fmt ', fmtBody(1, 1, 8000, 8)), chunk('data', new Uint8Array(2))))).toBe('holds 8-bit samples, not 16-bit');
    expect(parseWavHeader(wav(pcm))).toBe('has no data chunk in its first bytes');
  });

  it('reads only a whole header: a bare RIFF/WAVE of 12 bytes, or a format chunk cut short, has no data chunk', () => {
    expect(parseWavHeader(wav())).toBe('has no data chunk in its first bytes');
    expect(parseWavHeader(wav(pcm).subarray(0, 12 + 20))).toBe('has no data chunk in its first bytes');
    expect(parseWavHeader(wav(pcm, chunk('data', new Uint8Array(2))).subarray(0, 12 + 24 + 7))).toBe('has no data chunk in its first bytes');
  });
});
