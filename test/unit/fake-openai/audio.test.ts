import { describe, expect, it } from 'vitest';
import {
  decodeAudio,
  decodeALaw,
  decodeMuLaw,
  encodeALaw,
  encodeAudio,
  encodeMuLaw,
  encodingOf,
  parseWav,
  resample,
} from '../../../e2e/fake-openai/pcm';
import { tone } from '../../../e2e/fake-openai/speech';
import { EnergyVad, defaultVadOptions } from '../../../e2e/fake-openai/vad';
import { OpusCodec, OPUS_FRAME_SAMPLES } from '../../../e2e/fake-openai/opusCodec';

const sine = (samples: number, rate: number, amplitude = 8000) =>
  Int16Array.from({ length: samples }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 440 * i) / rate)));

describe('G.711', () => {
  it.each([
    ['µ-law', encodeMuLaw, decodeMuLaw],
    ['A-law', encodeALaw, decodeALaw],
  ])('%s round-trips speech-level samples within its quantisation error', (_name, encode, decode) => {
    for (const sample of [-30000, -1000, -100, 0, 100, 1000, 30000]) {
      expect(Math.abs(decode(encode(sample)) - sample)).toBeLessThanOrEqual(Math.max(16, Math.abs(sample) * 0.07));
    }
  });

  it('reads the session formats, GA and legacy, as wire encodings', () => {
    expect(encodingOf({ type: 'audio/pcmu' })).toBe('pcmu');
    expect(encodingOf('g711_alaw')).toBe('pcma');
    expect(encodingOf({ type: 'audio/pcm', rate: 24000 })).toBe('pcm16');
    expect(encodingOf(undefined)).toBe('pcm16');
  });

  it('encodes a byte a sample for G.711 and two for PCM16', () => {
    const samples = sine(800, 8000);
    expect(encodeAudio(samples, 'pcmu')).toHaveLength(800);
    expect(encodeAudio(samples, 'pcm16')).toHaveLength(1600);
    expect(decodeAudio(encodeAudio(samples, 'pcm16'), 'pcm16')).toEqual(samples);
  });
});

describe('resampling and WAV', () => {
  it('keeps the duration when it changes the rate', () => {
    expect(resample(sine(48_000, 48_000), 48_000, 24_000)).toHaveLength(24_000);
  });

  it('parses a 16-bit WAV, even with the unknown length espeak writes to a pipe', () => {
    const data = Buffer.from(sine(100, 22050).buffer);
    const header = Buffer.alloc(44);
    header.write('RIFF', 0);
    header.writeUInt32LE(0xffffffff, 4);
    header.write('WAVEfmt ', 8);
    header.writeUInt32LE(16, 16);
    header.writeUInt16LE(1, 20);
    header.writeUInt16LE(1, 22);
    header.writeUInt32LE(22050, 24);
    header.writeUInt16LE(16, 34);
    header.write('data', 36);
    header.writeUInt32LE(0xffffffff, 40);
    const { samples, sampleRate } = parseWav(Buffer.concat([header, data]));
    expect(sampleRate).toBe(22050);
    expect(samples).toEqual(sine(100, 22050));
  });
});

describe('the energy VAD', () => {
  const options = { ...defaultVadOptions, sampleRate: 24_000, silenceDurationMs: 300 };

  it('reports speech that starts after silence and stops after the silence duration', () => {
    const vad = new EnergyVad(options);
    const events = [...vad.push(new Int16Array(24_000)), ...vad.push(sine(24_000, 24_000)), ...vad.push(new Int16Array(24_000))];
    expect(events.map((event) => event.type)).toEqual(['speech_started', 'speech_stopped']);
    const [started, stopped] = events;
    if (started?.type !== 'speech_started' || stopped?.type !== 'speech_stopped') throw new Error('expected a start and a stop');
    expect(started.audioStartMs).toBeGreaterThanOrEqual(1000 - options.prefixPaddingMs - 100);
    expect(stopped.audioEndMs).toBeGreaterThanOrEqual(1980);
    expect(stopped.audioEndMs).toBeLessThanOrEqual(2040);
  });

  it('ignores a click shorter than the minimum speech', () => {
    const vad = new EnergyVad(options);
    expect([...vad.push(sine(480, 24_000)), ...vad.push(new Int16Array(24_000))]).toEqual([]);
  });

  it('ignores quiet noise below the threshold', () => {
    expect(new EnergyVad(options).push(sine(48_000, 24_000, 200))).toEqual([]);
  });
});

describe('Opus', () => {
  it('encodes 20 ms frames that decode back to audio of the same length and similar energy', () => {
    const codec = new OpusCodec();
    const speech = tone('hello there').subarray(0, OPUS_FRAME_SAMPLES * 10);
    let energyIn = 0;
    let energyOut = 0;
    for (let frame = 0; frame < 10; frame++) {
      const pcm = speech.slice(frame * OPUS_FRAME_SAMPLES, (frame + 1) * OPUS_FRAME_SAMPLES);
      const decoded = codec.decode(codec.encode(pcm));
      expect(decoded).toHaveLength(OPUS_FRAME_SAMPLES);
      for (const sample of pcm) energyIn += sample * sample;
      for (const sample of decoded) energyOut += sample * sample;
    }
    codec.delete();
    expect(energyOut / energyIn).toBeGreaterThan(0.3);
    expect(energyOut / energyIn).toBeLessThan(3);
  });
});
