import { execFile } from 'node:child_process';
import { parseWav, resample } from './pcm';
import { FakeOpenAIError } from './fakeError';

/** Assistant speech as PCM16 mono at 48 kHz: espeak-ng when it is installed, else a tone of the same length. */
export type SpeechSource = 'auto' | 'espeak' | 'tone';

export const SPEECH_SAMPLE_RATE = 48_000;

export class SpeechError extends FakeOpenAIError {
  constructor(message: string) {
    super('speech_unavailable', message);
  }
}

export class Speech {
  private readonly cache = new Map<string, Promise<Int16Array>>();
  private espeakMissing = false;

  constructor(private readonly source: SpeechSource = 'auto') {}

  synthesize(text: string): Promise<Int16Array> {
    let speech = this.cache.get(text);
    if (!speech) {
      speech = this.render(text);
      this.cache.set(text, speech);
    }
    return speech;
  }

  private async render(text: string): Promise<Int16Array> {
    if (this.source === 'tone' || this.espeakMissing) return tone(text);
    try {
      const wav = await new Promise<Buffer>((resolve, reject) => {
        execFile(
          'espeak-ng',
          ['--stdout', '-s', '190', text],
          { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024, timeout: 20_000 },
          (error, stdout) => (error ? reject(error) : resolve(stdout)),
        );
      });
      const { samples, sampleRate } = parseWav(wav);
      return resample(samples, sampleRate, SPEECH_SAMPLE_RATE);
    } catch (cause) {
      if (this.source === 'espeak')
        throw new SpeechError(
          `espeak-ng could not speak ${JSON.stringify(text)}: ${(cause as Error).message}. Install espeak-ng or use speech 'tone'.`,
        );
      // 'auto' falls back to a tone for the rest of the run rather than failing every response.
      this.espeakMissing = true;
      console.warn(`fake-openai: espeak-ng unavailable (${(cause as Error).message}); assistant speech is a tone.`);
      return tone(text);
    }
  }
}

/** A warbling tone about as long as the text would take to say (65 ms a character), with syllable-like gaps. */
export function tone(text: string): Int16Array {
  const seconds = Math.min(30, Math.max(0.4, text.length * 0.065));
  const samples = new Int16Array(Math.round(seconds * SPEECH_SAMPLE_RATE));
  for (let i = 0; i < samples.length; i++) {
    const t = i / SPEECH_SAMPLE_RATE;
    const envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
    samples[i] = Math.round(9000 * envelope * Math.sin(2 * Math.PI * (220 + 40 * Math.sin(2 * Math.PI * 3 * t)) * t));
  }
  return samples;
}
