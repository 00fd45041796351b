import { create } from 'zustand';
import type { LevelPublisher, LevelSource } from '../engine/live/liveSession';

/**
 * The streams the level meters read: the microphone as it is captured and the assistant as it plays.
 * A MediaStream is a handle, not audio data; the samples never leave Web Audio.
 */
export const useLevelStore = create<Partial<Record<LevelSource, MediaStream>>>(() => ({}));

/** What a live session is given to put its streams on the meters. */
export const levelPublisher: LevelPublisher = {
  publish(source, stream) {
    if (useLevelStore.getState()[source] !== stream) useLevelStore.setState({ [source]: stream });
  },
  withdraw(source, stream) {
    if (stream && useLevelStore.getState()[source] === stream) useLevelStore.setState({ [source]: undefined });
  },
};
