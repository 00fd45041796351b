import { describe, expect, it } from 'vitest';
import { followReplayClock, PLAYING_DRIFT_MS, type PlayableMedia } from '../../../src-renderer/src/platform/audio/replayAudioSync';
import { WaveformPeaks } from '../../../src-renderer/src/platform/audio/waveformPeaks';

function stereo(frames: [number, number][]): Uint8Array {
  const bytes = new Uint8Array(frames.length * 4);
  const view = new DataView(bytes.buffer);
  frames.forEach(([left, right], index) => {
    view.setInt16(index * 4, left, true);
    view.setInt16(index * 4 + 2, right, true);
  });
  return bytes;
}

describe('the waveform outline', () => {
  it('keeps the highest and lowest sample of each channel per bucket, as max, min pairs', () => {
    const peaks = new WaveformPeaks(2);
    peaks.add(
      stereo([
        [16384, 0],
        [-8192, 0],
        [0, 32767],
        [0, -32768],
      ]),
    );
    expect(peaks.peaks()).toEqual([
      [0.5, -0.25, 0, 0],
      [0, 0, 32767 / 32768, -1],
    ]);
    expect(peaks.frameCount).toBe(4);
  });

  it('gives the same outline whatever the chunking, a frame split between two reads included', () => {
    const frames: [number, number][] = Array.from({ length: 37 }, (_, index) => [index * 300 - 5000, 4000 - index * 200]);
    const whole = new WaveformPeaks(5);
    whole.add(stereo(frames));
    const pieces = new WaveformPeaks(5);
    const bytes = stereo(frames);
    for (const size of [3, 1, 7, 2, 50, 5]) {
      let offset = 0;
      const chunked = new WaveformPeaks(5);
      while (offset < bytes.length) {
        chunked.add(bytes.subarray(offset, offset + size));
        offset += size;
      }
      expect(chunked.peaks()).toEqual(whole.peaks());
    }
    pieces.add(bytes.subarray(0, 6));
    pieces.add(bytes.subarray(6));
    expect(pieces.peaks()).toEqual(whole.peaks());
    expect(pieces.frameCount).toBe(37);
  });
});

class FakeMedia implements PlayableMedia {
  currentTime = 0;
  playbackRate = 1;
  paused = true;
  plays = 0;
  play(): Promise<void> {
    this.paused = false;
    this.plays += 1;
    return Promise.resolve();
  }
  pause(): void {
    this.paused = true;
  }
}

describe('recorded audio following the replay clock', () => {
  it('starts playing at the clock’s position at the chosen speed, and pauses with it', () => {
    const media = new FakeMedia();
    followReplayClock(media, { playing: true, speed: 4, positionMs: 12_500 });
    expect(media).toMatchObject({ paused: false, currentTime: 12.5, playbackRate: 4, plays: 1 });
    followReplayClock(media, { playing: false, speed: 4, positionMs: 12_600 });
    expect(media.paused).toBe(true);
  });

  it('lets small drift be while playing, and moves the audio back to the clock when it drifts further', () => {
    const media = new FakeMedia();
    followReplayClock(media, { playing: true, speed: 1, positionMs: 1_000 });
    media.currentTime = 1.1;
    followReplayClock(media, { playing: true, speed: 1, positionMs: 1_000 + PLAYING_DRIFT_MS - 150 });
    expect(media.currentTime).toBe(1.1);
    followReplayClock(media, { playing: true, speed: 1, positionMs: 30_000 });
    expect(media.currentTime).toBe(30);
    expect(media.plays).toBe(1);
  });

  it('moves the paused audio (and the waveform cursor) with a seek, and stops it when everything is shown at once', () => {
    const media = new FakeMedia();
    followReplayClock(media, { playing: false, speed: 1, positionMs: 4_200 });
    expect(media.currentTime).toBe(4.2);
    void media.play();
    followReplayClock(media, { playing: false, speed: 0.5, positionMs: Number.POSITIVE_INFINITY });
    expect(media).toMatchObject({ paused: true, playbackRate: 0.5, currentTime: 4.2 });
  });
});
