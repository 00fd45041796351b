import { CAPTURE_CHUNK_FRAMES, CAPTURE_PROCESSOR, type CaptureChunk, type CaptureFlushed } from './captureProtocol';
import { packStereoPcm16 } from './pcmPacking';

/**
 * The AudioWorklet side of the session audio recorder: runs on the audio thread, takes the merged stereo
 * input (microphone left, assistant right), and posts about 250 ms at a time as 16-bit PCM with the
 * context frame it starts at. An AudioWorklet rather than a ScriptProcessor: it does not run on the
 * page's main thread, so a busy page (a long transcript, a big replay) cannot make it drop audio.
 */

// The AudioWorkletGlobalScope, which TypeScript's DOM library does not describe.
declare const currentFrame: number;
declare abstract class AudioWorkletProcessor {
  readonly port: MessagePort;
}
declare function registerProcessor(name: string, processor: new () => AudioWorkletProcessor): void;

const QUANTUM = 128;

class StereoCapture extends AudioWorkletProcessor {
  private readonly left = new Float32Array(CAPTURE_CHUNK_FRAMES + QUANTUM);
  private readonly right = new Float32Array(CAPTURE_CHUNK_FRAMES + QUANTUM);
  private filled = 0;
  private chunkStart = -1;

  constructor() {
    super();
    // Asked to stop: post what is held, then say so.
    this.port.onmessage = () => {
      this.post();
      const flushed: CaptureFlushed = { flushed: true };
      this.port.postMessage(flushed);
    };
  }

  private post(): void {
    if (this.filled === 0) return;
    const pcm = packStereoPcm16(this.left, this.right, this.filled).buffer as ArrayBuffer;
    const chunk: CaptureChunk = { startFrame: this.chunkStart, pcm };
    this.port.postMessage(chunk, [pcm]);
    this.filled = 0;
    this.chunkStart = -1;
  }

  process(inputs: Float32Array[][]): boolean {
    const channels = inputs[0] ?? [];
    const frames = channels[0]?.length ?? QUANTUM;
    if (this.chunkStart < 0) this.chunkStart = currentFrame;
    if (channels[0]) this.left.set(channels[0], this.filled);
    else this.left.fill(0, this.filled, this.filled + frames);
    if (channels[1]) this.right.set(channels[1], this.filled);
    else this.right.fill(0, this.filled, this.filled + frames);
    this.filled += frames;
    if (this.filled >= CAPTURE_CHUNK_FRAMES) this.post();
    return true;
  }
}

registerProcessor(CAPTURE_PROCESSOR, StereoCapture);
