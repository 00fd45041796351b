/** The parts of a replay's state that audio playback follows. */
export interface ReplayClock {
  readonly playing: boolean;
  readonly speed: number;
  /** The replay clock in ms; Infinity while everything is shown at once. */
  readonly positionMs: number;
}

/** The parts of an <audio> element the sync drives. */
export interface PlayableMedia {
  currentTime: number;
  playbackRate: number;
  readonly paused: boolean;
  play(): Promise<void>;
  pause(): void;
}

/** While playing, the audio is moved back into step only when it drifts this far from the replay clock. */
export const PLAYING_DRIFT_MS = 250;
/** While paused, a seek of more than this moves the audio (and the waveform's cursor) with it. */
const PAUSED_DRIFT_MS = 20;

/**
 * Keeps recorded audio in step with the replay clock, which stays the master: play and pause follow it,
 * the speed becomes the playback rate, and a seek (or drift while playing) moves the audio to the clock.
 */
export function followReplayClock(media: PlayableMedia, clock: ReplayClock): void {
  if (media.playbackRate !== clock.speed) media.playbackRate = clock.speed;
  if (clock.positionMs === Number.POSITIVE_INFINITY) {
    if (!media.paused) media.pause();
    return;
  }
  const drift = Math.abs(media.currentTime * 1000 - clock.positionMs);
  if (clock.playing) {
    if (media.paused) {
      media.currentTime = clock.positionMs / 1000;
      // A refused play (no user gesture yet) leaves the events replaying without sound.
      void media.play().catch(() => undefined);
    } else if (drift > PLAYING_DRIFT_MS) {
      media.currentTime = clock.positionMs / 1000;
    }
    return;
  }
  if (!media.paused) media.pause();
  if (drift > PAUSED_DRIFT_MS) media.currentTime = clock.positionMs / 1000;
}
