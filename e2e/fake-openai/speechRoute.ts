import type { ServerResponse } from 'node:http';
import { ApiError } from './apiError';
import { resample } from './pcm';
import { SPEECH_SAMPLE_RATE, type Speech } from './speech';

/** The Speech API's output rate for `pcm` (24 kHz mono PCM16), as OpenAI documents it. */
export const SPEECH_API_RATE = 24_000;

/**
 * The texts the fake has spoken through `POST /v1/audio/speech`, in order: when that audio comes back as a
 * user's audio turn, the fake "hears" the next one (a scripted `audioTranscripts` entry still comes first).
 */
export class SpokenLines {
  private readonly lines: string[] = [];

  add(text: string): void {
    this.lines.push(text);
  }

  /** The oldest line not yet heard, if any. */
  take(): string | undefined {
    return this.lines.shift();
  }
}

/** A 16-bit mono PCM WAV of the samples. */
export function wavFile(samples: Int16Array, rate: number): Buffer {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + samples.byteLength, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(samples.byteLength, 40);
  return Buffer.concat([header, Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength)]);
}

/** `POST /v1/audio/speech`: the fake's own speech (espeak-ng or a tone) as `pcm` or `wav`; other formats are refused by name. */
export async function answerSpeech(request: Record<string, unknown>, res: ServerResponse, speech: Speech, spoken: SpokenLines): Promise<void> {
  const input = request['input'];
  if (typeof input !== 'string' || input === '') throw new ApiError(400, 'invalid_value', "Missing required parameter: 'input'.", 'input');
  if (input.length > 4096) throw new ApiError(400, 'string_above_max_length', "Invalid 'input': string too long (at most 4096 characters).", 'input');
  if (typeof request['model'] !== 'string') throw new ApiError(400, 'missing_required_parameter', "Missing required parameter: 'model'.", 'model');
  const format = request['response_format'] ?? 'mp3';
  if (format !== 'pcm' && format !== 'wav')
    throw new ApiError(400, 'unsupported_value', `The fake server speaks pcm and wav only, not ${String(format)}.`, 'response_format');
  const samples = resample(await speech.synthesize(input), SPEECH_SAMPLE_RATE, SPEECH_API_RATE);
  spoken.add(input);
  const body = format === 'wav' ? wavFile(samples, SPEECH_API_RATE) : Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength);
  res.writeHead(200, { 'Content-Type': format === 'wav' ? 'audio/wav' : 'audio/pcm', 'Content-Length': String(body.length) });
  res.end(body);
}
