import { FakeOpenAIError } from './fakeError';

/** PCM16 mono helpers: resampling, WAV parsing and the G.711 codecs the Realtime API offers. */

/** Linear-interpolation resampling; plenty for speech that only needs to be audible and measurable. */
export function resample(samples: Int16Array, fromRate: number, toRate: number): Int16Array {
  if (fromRate === toRate) return samples;
  const out = new Int16Array(Math.floor((samples.length * toRate) / fromRate));
  const step = fromRate / toRate;
  for (let i = 0; i < out.length; i++) {
    const position = i * step;
    const index = Math.floor(position);
    const next = samples[Math.min(index + 1, samples.length - 1)] ?? 0;
    const current = samples[index] ?? 0;
    out[i] = Math.round(current + (next - current) * (position - index));
  }
  return out;
}

export class WavFormatError extends FakeOpenAIError {
  constructor(message: string) {
    super('invalid_wav', message);
  }
}

/** Reads a 16-bit PCM WAV (espeak-ng's output), mixing down to mono. Tolerates the unknown data length espeak writes to a pipe. */
export function parseWav(buffer: Buffer): { samples: Int16Array; sampleRate: number } {
  if (buffer.toString('ascii', 0, 4) !== 'RIFF' || buffer.toString('ascii', 8, 12) !== 'WAVE') throw new WavFormatError('Not a RIFF/WAVE file.');
  let offset = 12;
  let sampleRate = 0;
  let channels = 1;
  while (offset + 8 <= buffer.length) {
    const id = buffer.toString('ascii', offset, offset + 4);
    const size = buffer.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const bits = buffer.readUInt16LE(offset + 22);
      if (buffer.readUInt16LE(offset + 8) !== 1 || bits !== 16) throw new WavFormatError('Only 16-bit PCM WAV is supported.');
      channels = buffer.readUInt16LE(offset + 10);
      sampleRate = buffer.readUInt32LE(offset + 12);
    } else if (id === 'data') {
      const end = size === 0 || size === 0xffffffff || offset + 8 + size > buffer.length ? buffer.length : offset + 8 + size;
      const frames = Math.floor((end - offset - 8) / (2 * channels));
      const samples = new Int16Array(frames);
      for (let i = 0; i < frames; i++) samples[i] = buffer.readInt16LE(offset + 8 + i * 2 * channels);
      if (!sampleRate) throw new WavFormatError('The WAV data chunk comes before its fmt chunk.');
      return { samples, sampleRate };
    }
    offset += 8 + size + (size % 2);
  }
  throw new WavFormatError('The WAV file has no data chunk.');
}

export function pcm16ToBuffer(samples: Int16Array): Buffer {
  return Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
}

export function bufferToPcm16(buffer: Buffer): Int16Array {
  const copy = Buffer.from(buffer);
  return new Int16Array(copy.buffer, copy.byteOffset, Math.floor(copy.byteLength / 2));
}

/** ITU-T G.711 µ-law. */
export function encodeMuLaw(sample: number): number {
  const BIAS = 0x84;
  let s = Math.max(-32635, Math.min(32635, sample));
  const sign = s < 0 ? 0x80 : 0;
  if (sign) s = -s;
  s += BIAS;
  let exponent = 7;
  for (let mask = 0x4000; (s & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (s >> (exponent + 3)) & 0x0f;
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

export function decodeMuLaw(byte: number): number {
  const u = ~byte & 0xff;
  const exponent = (u >> 4) & 0x07;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << exponent) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** ITU-T G.711 A-law. */
export function encodeALaw(sample: number): number {
  let s = Math.max(-32767, Math.min(32767, sample));
  const sign = s >= 0 ? 0x80 : 0;
  if (!sign) s = -s;
  let compressed: number;
  if (s >= 256) {
    let exponent = 7;
    for (let mask = 0x4000; (s & mask) === 0 && exponent > 1; mask >>= 1) exponent--;
    compressed = (exponent << 4) | ((s >> (exponent + 3)) & 0x0f);
  } else {
    compressed = s >> 4;
  }
  return (compressed | sign) ^ 0x55;
}

export function decodeALaw(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a & 0x70) >> 4;
  let magnitude = ((a & 0x0f) << 4) + 8;
  if (exponent !== 0) magnitude = (magnitude + 0x100) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

/** The wire encodings a session's audio can use. */
export type AudioEncoding = 'pcm16' | 'pcmu' | 'pcma';

export function sampleRateOf(encoding: AudioEncoding): number {
  return encoding === 'pcm16' ? 24_000 : 8_000;
}

/** Encodes PCM16 at `sampleRateOf(encoding)` into the wire bytes. */
export function encodeAudio(samples: Int16Array, encoding: AudioEncoding): Buffer {
  if (encoding === 'pcm16') return pcm16ToBuffer(samples);
  const encode = encoding === 'pcmu' ? encodeMuLaw : encodeALaw;
  return Buffer.from(Array.from(samples, encode));
}

export function decodeAudio(bytes: Buffer, encoding: AudioEncoding): Int16Array {
  if (encoding === 'pcm16') return bufferToPcm16(bytes);
  const decode = encoding === 'pcmu' ? decodeMuLaw : decodeALaw;
  return Int16Array.from(bytes, decode);
}

/** The session's `audio.*.format` as one of our encodings (GA objects, or the legacy strings). */
export function encodingOf(format: unknown): AudioEncoding {
  const type = typeof format === 'string' ? format : (format as { type?: string } | null | undefined)?.type;
  if (type === 'audio/pcmu' || type === 'g711_ulaw') return 'pcmu';
  if (type === 'audio/pcma' || type === 'g711_alaw') return 'pcma';
  return 'pcm16';
}
