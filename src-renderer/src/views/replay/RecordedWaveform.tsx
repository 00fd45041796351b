import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import { requireApi } from '../../state/hostStore';
import { useIsDark } from '../common/useResolvedTheme';
import type { ReplayController } from '../../engine/replay/replayController';
import { loadReplayAudio } from '../../platform/audio/replayAudio';
import { followReplayClock } from '../../platform/audio/replayAudioSync';

type AudioState = { status: 'loading' } | { status: 'ready' } | { status: 'failed'; message: string };

/** The waveform's colours come from the theme's CSS variables, read again when the theme changes. */
function waveColors(element: Element): { mic: string; assistant: string; progress: string; cursor: string } {
  const style = getComputedStyle(element);
  const read = (name: string): string => style.getPropertyValue(name).trim();
  return { mic: read('--waveform-mic'), assistant: read('--waveform-assistant'), progress: read('--waveform-progress'), cursor: read('--accent') };
}

function channelOptions(colors: ReturnType<typeof waveColors>) {
  return [
    { waveColor: colors.mic, progressColor: colors.progress, height: 22 },
    { waveColor: colors.assistant, progressColor: colors.progress, height: 22 },
  ];
}

/**
 * The replayed session's recorded audio, drawn as a small two-row waveform (microphone above, assistant below) and
 * played in step with the replay clock; clicking the waveform seeks the replay.
 */
export function RecordedWaveform({ replay, file }: { replay: ReplayController; file: string }) {
  const container = useRef<HTMLDivElement>(null);
  const media = useRef<HTMLAudioElement>(null);
  const surfer = useRef<WaveSurfer | undefined>(undefined);
  const [state, setState] = useState<AudioState>({ status: 'loading' });
  const [exportUrl, setExportUrl] = useState<string | undefined>(undefined);
  const dark = useIsDark();

  useEffect(() => {
    const element = media.current;
    let cancelled = false;
    let url: string | undefined;
    let unfollow: (() => void) | undefined;
    void loadReplayAudio(requireApi(), replay.ref!, () => cancelled).then(
      (loaded) => {
        if (!loaded || cancelled || !container.current || !element) {
          if (loaded) URL.revokeObjectURL(loaded.url);
          return;
        }
        url = loaded.url;
        setExportUrl(loaded.url);
        const colors = waveColors(container.current);
        const waveSurfer = WaveSurfer.create({
          container: container.current,
          media: element,
          url: loaded.url,
          peaks: loaded.peaks,
          duration: loaded.durationSeconds,
          splitChannels: channelOptions(colors),
          cursorColor: colors.cursor,
          cursorWidth: 1,
          normalize: true,
          interact: true,
        });
        waveSurfer.on('interaction', (seconds) => replay.seek(seconds * 1000));
        surfer.current = waveSurfer;
        followReplayClock(element, replay.state.getState());
        unfollow = replay.state.subscribe((clock) => followReplayClock(element, clock));
        setState({ status: 'ready' });
      },
      (error: unknown) => {
        if (!cancelled) setState({ status: 'failed', message: error instanceof Error ? error.message : String(error) });
      },
    );
    return () => {
      cancelled = true;
      unfollow?.();
      surfer.current?.destroy();
      surfer.current = undefined;
      // A detached <audio> element would go on playing: stop it with the replay.
      element?.pause();
      if (url) URL.revokeObjectURL(url);
    };
  }, [replay]);

  useEffect(() => {
    // The page's theme attribute changes in the app's own effect, which runs after this one: read the colours a frame later.
    const frame = requestAnimationFrame(() => {
      if (!container.current || !surfer.current) return;
      const colors = waveColors(container.current);
      surfer.current.setOptions({ splitChannels: channelOptions(colors), cursorColor: colors.cursor });
    });
    return () => cancelAnimationFrame(frame);
  }, [dark, state.status]);

  return (
    <div className="replay-audio">
      <span className="replay-audio-legend" aria-hidden="true">
        <span className="legend-mic">mic</span>
        <span className="legend-assistant">assistant</span>
      </span>
      <div
        ref={container}
        className="replay-waveform"
        data-testid="replay-waveform"
        data-state={state.status}
        role="img"
        aria-label={`Recorded audio ${file}: microphone above, assistant below. Click to move the replay there.`}
      />
      {/* The element wavesurfer drives; hidden, the replay bar's own buttons are its controls. */}
      <audio ref={media} data-testid="replay-audio" preload="auto" hidden />
      {state.status === 'ready' && exportUrl && (
        <a className="button button-small" href={exportUrl} download={file.split(/[\\/]/).pop()}>
          Export WAV
        </a>
      )}
      {state.status === 'loading' && <span className="state-line">Reading the recorded audio…</span>}
      {state.status === 'failed' && (
        <span className="state-line state-warn" role="status">
          {state.message}
        </span>
      )}
    </div>
  );
}
