/**
 * The streams the level meters read: the microphone as it is captured and the assistant as it plays.
 * A MediaStream is a handle, not audio data; the samples never leave Web Audio.
 */
export type LevelSource = 'microphone' | 'assistant';

const streams = new Map<LevelSource, MediaStream>();
const listeners = new Set<() => void>();

export function publishLevelSource(source: LevelSource, stream: MediaStream): void {
  if (streams.get(source) === stream) return;
  streams.set(source, stream);
  for (const listener of listeners) listener();
}

/** Takes a stream off its meter, unless another session has put its own there since. */
export function withdrawLevelSource(source: LevelSource, stream: MediaStream | undefined): void {
  if (!stream || streams.get(source) !== stream) return;
  streams.delete(source);
  for (const listener of listeners) listener();
}

export function levelSource(source: LevelSource): MediaStream | undefined {
  return streams.get(source);
}

export function subscribeLevelSources(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
