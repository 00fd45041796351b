/** What the capture worklet and the page say to each other (kept apart: importing the worklet registers it). */
export const CAPTURE_PROCESSOR = 'workbench-stereo-capture';
/** The worklet posts this many frames at a time: 250 ms at 24 kHz. */
export const CAPTURE_CHUNK_FRAMES = 6_000;

/** About 250 ms of stereo 16-bit PCM, starting at `startFrame` of the AudioContext's clock. */
export interface CaptureChunk {
  readonly startFrame: number;
  readonly pcm: ArrayBuffer;
}

/** The worklet's answer to a flush request, after it posted what it held. */
export interface CaptureFlushed {
  readonly flushed: true;
}
