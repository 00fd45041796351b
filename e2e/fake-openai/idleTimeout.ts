import type { OutgoingEvent } from './realtimeLink';

export interface IdleTimeoutOptions {
  /** The session's `idle_timeout_ms` under server_vad, or undefined when there is none (or no server VAD). */
  timeoutMs(): number | undefined;
  /** Milliseconds of input audio received so far, for the event's audio_start_ms / audio_end_ms. */
  audioMs(): number;
  /** The timeout ran out: `input_audio_buffer.timeout_triggered`, the silent turn committed and answered. */
  fire(audioStartMs: number, audioEndMs: number): void;
}

/**
 * Server VAD's idle timeout, as the API documents it: the clock starts when the last response's audio has
 * finished playing (its `response.done` when no audio plays), and if no speech starts before
 * `idle_timeout_ms` runs out, the server fires. Speech, a new response or the session closing stop it.
 */
export class IdleTimeout {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private playing = false;

  constructor(private readonly options: IdleTimeoutOptions) {}

  /** Every event the session sends. */
  observe(event: OutgoingEvent): void {
    switch (event.type) {
      case 'output_audio_buffer.started':
        this.playing = true;
        this.stop();
        break;
      case 'output_audio_buffer.stopped':
      case 'output_audio_buffer.cleared':
        this.playing = false;
        this.start();
        break;
      case 'response.done':
        if (!this.playing) this.start();
        break;
      case 'response.created':
      case 'input_audio_buffer.speech_started':
      case 'input_audio_buffer.committed':
        this.stop();
        break;
    }
  }

  stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private start(): void {
    this.stop();
    const timeoutMs = this.options.timeoutMs();
    if (timeoutMs === undefined) return;
    const audioStartMs = this.options.audioMs();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.options.fire(Math.round(audioStartMs), Math.round(this.options.audioMs()));
    }, timeoutMs);
  }
}
