/**
 * A simple energy-threshold voice activity detector over PCM16, standing in for server VAD: speech starts
 * after a run of loud frames and stops after `silenceDurationMs` of quiet ones.
 */
export interface VadOptions {
  sampleRate: number;
  /** RMS level (0..32767) above which a 20 ms frame counts as voice. */
  threshold: number;
  silenceDurationMs: number;
  prefixPaddingMs: number;
  /** How much voice it takes to call it speech, so clicks do not start a turn. */
  minSpeechMs: number;
}

export type VadEvent = { type: 'speech_started'; audioStartMs: number } | { type: 'speech_stopped'; audioEndMs: number };

export const defaultVadOptions: Omit<VadOptions, 'sampleRate'> = { threshold: 600, silenceDurationMs: 500, prefixPaddingMs: 300, minSpeechMs: 80 };

export class EnergyVad {
  private readonly frameSamples: number;
  private pending = new Int16Array(0);
  private processedMs = 0;
  private voiceRunMs = 0;
  private silenceRunMs = 0;
  private speaking = false;

  constructor(private readonly options: VadOptions) {
    this.frameSamples = Math.round(options.sampleRate / 50);
  }

  get inSpeech(): boolean {
    return this.speaking;
  }

  /** Milliseconds of audio seen so far. */
  get elapsedMs(): number {
    return this.processedMs;
  }

  push(samples: Int16Array): VadEvent[] {
    const joined = new Int16Array(this.pending.length + samples.length);
    joined.set(this.pending);
    joined.set(samples, this.pending.length);
    const events: VadEvent[] = [];
    let offset = 0;
    for (; offset + this.frameSamples <= joined.length; offset += this.frameSamples) {
      const event = this.frame(joined.subarray(offset, offset + this.frameSamples));
      if (event) events.push(event);
    }
    this.pending = joined.slice(offset);
    return events;
  }

  private frame(frame: Int16Array): VadEvent | undefined {
    let sum = 0;
    for (const sample of frame) sum += sample * sample;
    const loud = Math.sqrt(sum / frame.length) >= this.options.threshold;
    this.processedMs += 20;
    if (!this.speaking) {
      this.voiceRunMs = loud ? this.voiceRunMs + 20 : 0;
      if (this.voiceRunMs < this.options.minSpeechMs) return undefined;
      this.speaking = true;
      this.silenceRunMs = 0;
      return { type: 'speech_started', audioStartMs: Math.max(0, this.processedMs - this.voiceRunMs - this.options.prefixPaddingMs) };
    }
    this.silenceRunMs = loud ? 0 : this.silenceRunMs + 20;
    if (this.silenceRunMs < this.options.silenceDurationMs) return undefined;
    this.speaking = false;
    this.voiceRunMs = 0;
    return { type: 'speech_stopped', audioEndMs: this.processedMs - this.silenceRunMs };
  }
}
