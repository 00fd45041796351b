/**
 * The waveform's outline, built while the recording is read: for every bucket of frames, the highest and
 * lowest sample of each channel (−1…1), stored as max, min, max, min… so a drawing of it is symmetric.
 * Only the outline is kept (about 400 numbers per channel and second), never the samples.
 */
export class WaveformPeaks {
  private readonly channels: [number[], number[]] = [[], []];
  private carry = new Uint8Array(0);
  private bucketFill = 0;
  private high = [-1, -1];
  private low = [1, 1];
  private frames = 0;

  constructor(private readonly framesPerBucket: number) {}

  /** Adds interleaved stereo 16-bit little-endian PCM; a frame split across two calls is joined. */
  add(pcm: Uint8Array): void {
    const bytes = this.carry.length > 0 ? concat(this.carry, pcm) : pcm;
    const whole = bytes.length - (bytes.length % 4);
    const view = new DataView(bytes.buffer, bytes.byteOffset, whole);
    for (let offset = 0; offset < whole; offset += 4) {
      for (let channel = 0; channel < 2; channel += 1) {
        const sample = view.getInt16(offset + channel * 2, true) / 32768;
        if (sample > this.high[channel]!) this.high[channel] = sample;
        if (sample < this.low[channel]!) this.low[channel] = sample;
      }
      this.bucketFill += 1;
      if (this.bucketFill === this.framesPerBucket) this.closeBucket();
    }
    this.frames += whole / 4;
    this.carry = bytes.slice(whole);
  }

  private closeBucket(): void {
    for (let channel = 0; channel < 2; channel += 1) {
      this.channels[channel]!.push(this.high[channel]!, this.low[channel]!);
      this.high[channel] = -1;
      this.low[channel] = 1;
    }
    this.bucketFill = 0;
  }

  /** Frames read so far. */
  get frameCount(): number {
    return this.frames;
  }

  /** The outline of each channel (microphone, assistant), the last partial bucket included. */
  peaks(): [number[], number[]] {
    if (this.bucketFill === 0) return [[...this.channels[0]], [...this.channels[1]]];
    return [
      [...this.channels[0], this.high[0]!, this.low[0]!],
      [...this.channels[1], this.high[1]!, this.low[1]!],
    ];
  }
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first);
  joined.set(second, first.length);
  return joined;
}
