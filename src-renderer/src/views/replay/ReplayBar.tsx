import { useStore } from 'zustand';
import { toLogLine } from '../../../../src-shared/sessionLog';
import { downloadText, fileNameOf } from '../../platform/download';
import { useLiveStream, useShownSessionStore } from '../../state/shownSessionStore';
import { ReplayWaveform } from './ReplayWaveform';
import { formatBytes, formatDuration } from '../common/formatting';
import { closeReplay } from '../../state/replayActions';
import { REPLAY_SPEEDS, type ReplayController } from '../../engine/replay/replayController';
import './replayBar.css';

function Progress({ replay }: { replay: ReplayController }) {
  const { loading, bytesRead, totalBytes, loaded } = useStore(replay.state);
  if (!loading) return null;
  const percent = totalBytes > 0 ? Math.floor((bytesRead / totalBytes) * 100) : 0;
  return (
    <div className="replay-progress" data-testid="replay-progress">
      <progress max={100} value={percent} aria-label="Reading the log" />
      <span>
        Reading… {percent}% of {formatBytes(totalBytes)} · {loaded} events so far
      </span>
    </div>
  );
}

function Messages({ replay }: { replay: ReplayController }) {
  const { error, skipped, skippedSample, warnings, ended, loading, header, source, name } = useStore(replay.state);
  return (
    <>
      {error && (
        <p className="state-line state-error" role="alert" data-testid="replay-error">
          {error}
        </p>
      )}
      {skipped > 0 && (
        <p className="state-line state-warn" role="status" data-testid="replay-skipped">
          {skipped} {skipped === 1 ? 'line' : 'lines'} of {name} could not be read and {skipped === 1 ? 'was' : 'were'} skipped:{' '}
          {skippedSample.map((skip) => `line ${skip.line} ${skip.reason}`).join('; ')}
          {skipped > skippedSample.length ? '; …' : ''}
        </p>
      )}
      {warnings.map((warning) => (
        <p key={warning} className="state-line state-warn" role="status">
          {warning}
        </p>
      ))}
      {!loading && !error && source === 'session-log' && !ended && header && (
        <p className="state-line state-warn" role="status">
          This session has no end record: the app stopped while it was running (a crash, or the process was killed). Everything written until then is
          shown.
        </p>
      )}
    </>
  );
}

function Timeline({ replay }: { replay: ReplayController }) {
  const { positionMs, durationMs, markers } = useStore(replay.state);
  const position = Math.min(positionMs, durationMs);
  return (
    <div className="timeline">
      <input
        type="range"
        className="timeline-range"
        aria-label="Replay position"
        min={0}
        max={Math.max(durationMs, 1)}
        step={10}
        value={position}
        aria-valuetext={`${formatDuration(position)} of ${formatDuration(durationMs)}`}
        onChange={(event) => replay.seek(Number(event.target.value))}
      />
      <div className="timeline-markers" aria-hidden="true">
        {durationMs > 0 &&
          markers.map((marker) => (
            <span
              key={`${marker.kind}-${marker.seq}`}
              className={`timeline-marker marker-${marker.kind}`}
              style={{ left: `${(marker.t / durationMs) * 100}%` }}
              title={`${marker.label} at ${formatDuration(marker.t)}`}
            />
          ))}
      </div>
    </div>
  );
}

/** The replayed log in the workbench's own format (an imported Realtime log comes out converted). */
function exportJsonl(replay: ReplayController): void {
  const { header, ended, name, durationMs } = replay.state.getState();
  const events = replay.loadedEvents();
  const lines: string[] = header ? [toLogLine(header)] : [];
  for (let index = 0; index < events.length; index += 1) lines.push(toLogLine(events.at(index)!));
  if (ended) lines.push(toLogLine({ record: 'footer', endedAt: ended.endedAt, reason: ended.reason, eventCount: events.length, durationMs }));
  downloadText(fileNameOf(name, '.jsonl'), lines.join(''), 'application/x-ndjson');
}

/** The replay's controls: where the clock is, play at a speed, seek, or show everything at once. */
export function ReplayBar() {
  const shown = useShownSessionStore((state) => state.shown);
  const hasLive = useLiveStream((state) => state.status.phase.status === 'connected' || state.status.phase.status === 'connecting');
  if (shown.kind !== 'replay') return null;
  return <ReplayControls replay={shown.replay} hasLive={hasLive} />;
}

function ReplayControls({ replay, hasLive }: { replay: ReplayController; hasLive: boolean }) {
  const { name, playing, speed, positionMs, durationMs, header, source, markers, loading } = useStore(replay.state);
  const showingAll = positionMs === Number.POSITIVE_INFINITY;
  const turnMarkers = markers.filter((marker) => marker.kind === 'turn').length;
  return (
    <section className="replay-bar" aria-label="Replay">
      <div className="replay-row">
        <span className="replay-title" data-testid="replay-title">
          Replay · {name}
          {header
            ? ` · ${header.scenario.name} · ${new Date(header.startedAt).toLocaleString()}`
            : source === 'realtime-import'
              ? ' · imported Realtime event log'
              : ''}
        </span>
        <span className="toolbar-spacer" />
        <button type="button" className="button button-small" disabled={loading} onClick={() => exportJsonl(replay)}>
          Export JSONL
        </button>
        <button type="button" className="button button-small" onClick={() => closeReplay()}>
          {hasLive ? 'Back to live session' : 'Close replay'}
        </button>
      </div>
      <div className="replay-row">
        <button type="button" className="button button-small" title="Jump to the start" onClick={() => replay.seek(0)}>
          Start
        </button>
        <button type="button" className="button button-small button-primary" onClick={() => (playing ? replay.pause() : replay.play())}>
          {playing ? 'Pause' : 'Play'}
        </button>
        <button type="button" className="button button-small" title="Jump to the end" onClick={() => replay.seek(durationMs)}>
          End
        </button>
        <label className="field">
          <span className="field-label">Speed</span>
          <select className="input" aria-label="Replay speed" value={speed} onChange={(event) => replay.setSpeed(Number(event.target.value))}>
            {REPLAY_SPEEDS.map((option) => (
              <option key={option} value={option}>
                {option}×
              </option>
            ))}
          </select>
        </label>
        <Timeline replay={replay} />
        <span className="replay-clock" data-testid="replay-clock">
          {showingAll ? formatDuration(durationMs) : formatDuration(Math.min(positionMs, durationMs))} / {formatDuration(durationMs)} · {turnMarkers}{' '}
          turns
        </span>
        <button type="button" className="button button-small" disabled={showingAll} onClick={() => replay.showAll()}>
          Show everything at once
        </button>
      </div>
      <ReplayWaveform replay={replay} />
      <Progress replay={replay} />
      <Messages replay={replay} />
    </section>
  );
}
