import { SESSION_AUDIO_SAMPLE_RATE } from '../../../../src-shared/wavFile';
import { CAPTURE_PROCESSOR, type CaptureChunk, type CaptureFlushed } from './captureProtocol';
import captureWorkletUrl from './captureWorklet.ts?worker&url';

/** What a live session hands the recorder: its microphone track, the assistant's stream, and whether it is heard. */
export interface SessionAudioTap {
  microphone(track: MediaStreamTrack): void;
  assistant(stream: MediaStream): void;
  /** Playback off: the assistant is not heard, so the recording's right channel is silent too ("as played"). */
  audible(on: boolean): void;
}

export interface SessionAudioRecorderOptions {
  /** `performance.now()` at the log's t = 0: the recording's frame 0. */
  readonly clockOrigin: number;
  /** About every 250 ms: stereo 16-bit PCM whose first frame is `startFrame` on the log's clock (24 kHz). */
  readonly onChunk: (startFrame: number, pcm: Uint8Array) => void;
  /** Why the audio is not being recorded, in words; the session goes on without it. */
  readonly onProblem: (problem: string) => void;
}

const FLUSH_TIMEOUT_MS = 1_000;
/** 40 ms: the audio and page clocks may part this far before the recording is moved back in step. */
const CLOCK_TOLERANCE_FRAMES = (40 * SESSION_AUDIO_SAMPLE_RATE) / 1000;

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Records a live session's audio as the page hears it: the microphone on the left and the assistant's
 * remote track on the right, merged in a 24 kHz AudioContext and captured by an AudioWorklet. Each chunk
 * is placed on the log's clock, so a marker at event time t ms is at frame t × 24 of the file main writes.
 */
export class SessionAudioRecorder implements SessionAudioTap {
  private readonly context = new AudioContext({ sampleRate: SESSION_AUDIO_SAMPLE_RATE });
  private readonly merger = this.context.createChannelMerger(2);
  private readonly assistantGain = this.context.createGain();
  private readonly sources: MediaStreamAudioSourceNode[] = [];
  private readonly ready: Promise<AudioWorkletNode | undefined>;
  /** Log frames minus context frames: where the context's frame 0 falls on the log's clock. */
  private offsetFrames = 0;
  private stopped = false;

  constructor(private readonly options: SessionAudioRecorderOptions) {
    this.assistantGain.connect(this.merger, 0, 1);
    this.ready = this.start().catch((error: unknown) => {
      options.onProblem(`The session audio is not being recorded: the recorder could not start (${messageOf(error)}).`);
      return undefined;
    });
  }

  private async start(): Promise<AudioWorkletNode> {
    await this.context.audioWorklet.addModule(captureWorkletUrl);
    await this.context.resume();
    const node = new AudioWorkletNode(this.context, CAPTURE_PROCESSOR, {
      numberOfInputs: 1,
      numberOfOutputs: 0,
      channelCount: 2,
      channelCountMode: 'explicit',
      channelInterpretation: 'discrete',
    });
    this.offsetFrames = this.measureOffset();
    node.port.onmessage = (message: MessageEvent<CaptureChunk | CaptureFlushed>) => {
      if ('pcm' in message.data) this.take(message.data);
    };
    this.merger.connect(node);
    return node;
  }

  /** Where the context's frame 0 falls on the log's clock now, as the browser relates the two clocks. */
  private measureOffset(): number {
    const stamp = this.context.getOutputTimestamp();
    // Before the first render the browser has no answer yet.
    const contextZero =
      stamp.performanceTime && stamp.contextTime !== undefined
        ? stamp.performanceTime - stamp.contextTime * 1000
        : performance.now() - this.context.currentTime * 1000;
    return Math.round(((contextZero - this.options.clockOrigin) * SESSION_AUDIO_SAMPLE_RATE) / 1000);
  }

  private take(chunk: CaptureChunk): void {
    // The audio clock can fall behind the page's (a loaded machine, an audio thread that missed its
    // deadlines): follow the page's clock when they part by more than the tolerance, so what is heard stays
    // where the log's events are; main writes a gap as silence and drops an overlap.
    const offset = this.measureOffset();
    if (Math.abs(offset - this.offsetFrames) > CLOCK_TOLERANCE_FRAMES) this.offsetFrames = offset;
    const bytes = new Uint8Array(chunk.pcm);
    const startFrame = chunk.startFrame + this.offsetFrames;
    // Audio from before the log's t = 0 (never expected: the context starts after the log) is cut.
    const skip = Math.max(0, -startFrame);
    if (skip * 4 >= bytes.length) return;
    this.options.onChunk(startFrame + skip, bytes.subarray(skip * 4));
  }

  private connect(stream: MediaStream, to: AudioNode, input: number): void {
    if (this.stopped) return;
    try {
      const source = this.context.createMediaStreamSource(stream);
      source.connect(to, 0, input);
      this.sources.push(source);
    } catch (error) {
      this.options.onProblem(`The session audio is missing a channel: ${messageOf(error)}.`);
    }
  }

  microphone(track: MediaStreamTrack): void {
    this.connect(new MediaStream([track]), this.merger, 0);
  }

  assistant(stream: MediaStream): void {
    this.connect(stream, this.assistantGain, 0);
  }

  audible(on: boolean): void {
    this.assistantGain.gain.value = on ? 1 : 0;
  }

  /** Posts the audio still held by the worklet, then releases the context; nothing is sent after this resolves. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const node = await this.ready;
    if (node) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, FLUSH_TIMEOUT_MS);
        node.port.addEventListener('message', (message: MessageEvent<CaptureChunk | CaptureFlushed>) => {
          if ('flushed' in message.data) {
            clearTimeout(timer);
            resolve();
          }
        });
        node.port.postMessage('flush');
      });
      node.port.onmessage = null;
    }
    for (const source of this.sources) source.disconnect();
    await this.context.close().catch(() => undefined);
  }
}
