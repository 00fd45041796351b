import { WorkbenchError } from '../../../../src-shared/errors';
import { pcm16ToFloat32 } from './pcmPacking';

/** How much longer than a clip lasts its playback may take before it counts as stuck (a suspended context). */
const PLAYBACK_SLACK_MS = 5_000;
/** How long the audio context may take to start: a page the user has not clicked yet waits for a click. */
const RESUME_WAIT_MS = 3_000;

/**
 * A microphone that plays what it is given: a MediaStream fed by WebAudio, silent until a clip plays and
 * silent again after it, in real time. A scenario test's session sends it instead of the device, so an
 * audio turn reaches the server as speech does and its turn detection runs.
 */
export class SyntheticMicrophone {
  private readonly context = new AudioContext();
  private readonly destination = this.context.createMediaStreamDestination();
  /** Each clip still playing, with how to settle it early. */
  private readonly playing = new Set<(error: WorkbenchError) => void>();

  constructor() {
    // A source that always plays (zeros): with nothing playing, the stream would carry no audio at all rather than
    // silence, and a server's turn detection, hearing nothing more, would never hear a turn end.
    const silence = this.context.createConstantSource();
    silence.offset.value = 0;
    silence.connect(this.destination);
    silence.start();
  }

  /** The stream to send, once the context runs (a browser starts it only once the page has been clicked). */
  async open(): Promise<MediaStream> {
    let waited: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.context.resume(), new Promise<void>((resolve) => (waited = setTimeout(resolve, RESUME_WAIT_MS)))]);
    clearTimeout(waited);
    if (this.context.state !== 'running')
      throw new WorkbenchError(
        'internal',
        `The test’s microphone cannot play audio: the page's audio is ${this.context.state} (the browser starts it only after a click in the page).`,
      );
    return this.destination.stream;
  }

  /** Plays 16-bit mono samples into the stream; resolves once the last one has played. */
  play(samples: Int16Array, sampleRate: number): Promise<void> {
    if (this.context.state === 'closed') return Promise.reject(new WorkbenchError('transport_closed', 'The test’s microphone is closed.'));
    if (samples.length === 0) return Promise.resolve();
    const buffer = this.context.createBuffer(1, samples.length, sampleRate);
    buffer.copyToChannel(pcm16ToFloat32(samples), 0);
    const source = this.context.createBufferSource();
    source.buffer = buffer;
    source.connect(this.destination);
    return new Promise<void>((resolve, reject) => {
      const settle = (error?: WorkbenchError) => {
        clearTimeout(timer);
        this.playing.delete(settle);
        source.onended = null;
        if (error) source.stop();
        source.disconnect();
        if (error) reject(error);
        else resolve();
      };
      const limitMs = buffer.duration * 1000 + PLAYBACK_SLACK_MS;
      const timer = setTimeout(
        () =>
          settle(
            new WorkbenchError(
              'timeout',
              `The test’s microphone played ${buffer.duration.toFixed(1)} s of audio for ${Math.round(limitMs / 1000)} s without finishing.`,
            ),
          ),
        limitMs,
      );
      source.onended = () => settle();
      this.playing.add(settle);
      source.start();
    });
  }

  /** Stops any clip (its play fails) and lets go of the audio context. */
  close(): void {
    for (const settle of [...this.playing]) settle(new WorkbenchError('transport_closed', 'The test’s microphone was closed while audio played.'));
    if (this.context.state !== 'closed') void this.context.close();
  }
}
