import { useEffect, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { LevelMeters } from '../common/LevelMeter';
import { isPushToTalkKey } from '../../state/hotkeyStore';
import { useScenarioStore } from '../../state/scenarioStore';
import { useLiveStream, useShownSessionStore } from '../../state/shownSessionStore';
import { BudgetField, BudgetMeter } from './BudgetControls';
import { codecLabels } from '../../engine/live/codecs';
import {
  connect,
  disconnect,
  newConversation,
  pushToTalkDown,
  pushToTalkUp,
  selectAgent,
  selectScenario,
  setCodec,
  setLengthCap,
  setMuted,
  setOutput,
  setPlayback,
  setTurnMode,
} from '../../state/liveActions';
import { useSessionControls, type Codec, type TurnMode } from '../../state/sessionControlsStore';
import type { SessionPhase } from '../../engine/events/sessionStatus';
import './sessionToolbar.css';

function phaseLabel(phase: SessionPhase): string {
  switch (phase.status) {
    case 'idle':
      return 'Not connected';
    case 'connecting':
      return phase.step;
    case 'connected':
      return 'Connected';
    case 'reconnect-needed':
      return phase.message;
    case 'error':
      return phase.message;
  }
}

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Space or the push-to-talk hotkey held while the window has focus (and no text field does) talks in push-to-talk mode. */
function usePushToTalkKey(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const down = (event: KeyboardEvent) => {
      if (!isPushToTalkKey(event, 'down') || event.repeat || isTyping(event.target)) return;
      event.preventDefault();
      pushToTalkDown('key');
    };
    const up = (event: KeyboardEvent) => {
      if (!isPushToTalkKey(event, 'up') || isTyping(event.target)) return;
      event.preventDefault();
      pushToTalkUp('key');
    };
    const blur = () => pushToTalkUp('focus-lost');
    window.addEventListener('keydown', down);
    window.addEventListener('keyup', up);
    window.addEventListener('blur', blur);
    return () => {
      window.removeEventListener('keydown', down);
      window.removeEventListener('keyup', up);
      window.removeEventListener('blur', blur);
    };
  }, [enabled]);
}

/** Whether the live session is being saved, and if not, why (in words, with role alert). */
function RecordingState() {
  const logStatus = useShownSessionStore((state) => state.logStatus);
  const hasLive = useShownSessionStore((state) => state.live !== undefined);
  const recording = useLiveStream((state) => state.status.phase.status === 'connected' || state.status.phase.status === 'connecting');
  if (!hasLive || !logStatus) return null;
  if (logStatus.problem)
    return (
      <span className="recording recording-problem" role="alert" data-testid="recording-state">
        Not saved: {logStatus.problem}
      </span>
    );
  return (
    <span
      className="recording"
      title={`${recording ? 'Recording to' : 'Saved in'} the session library: ${logStatus.file}`}
      data-testid="recording-state"
    >
      {recording ? '● Recording' : '✓ Saved'}
    </span>
  );
}

/**
 * A radio group is one Tab stop: the arrow keys move the choice (and the focus) between its radios, as
 * WAI-ARIA's radio group pattern asks.
 */
function turnModeKeys(event: ReactKeyboardEvent<HTMLElement>): void {
  const step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[event.key];
  if (step === undefined) return;
  event.preventDefault();
  const modes: TurnMode[] = ['vad', 'ptt'];
  const next = modes[(modes.indexOf(useSessionControls.getState().mode) + step + modes.length) % modes.length]!;
  setTurnMode(next);
  event.currentTarget.querySelector<HTMLElement>(`[data-mode="${next}"]`)?.focus();
}

export function SessionToolbar() {
  const catalog = useScenarioStore((state) => state.catalog);
  const controls = useSessionControls();
  const status = useLiveStream((state) => state.status);
  const activeAgent = useLiveStream((state) => state.transcript.activeAgent);
  const notice = useShownSessionStore((state) => state.notice);
  const hadSession = useShownSessionStore((state) => state.live !== undefined);
  const carryConversation = useShownSessionStore((state) => state.carryConversation);
  const session = { ...controls, ...status };
  const scenario = catalog?.scenarios.find((candidate) => candidate.id === session.scenarioId);
  const connecting = session.phase.status === 'connecting';
  const live = connecting || session.phase.status === 'connected';
  const connected = session.phase.status === 'connected';
  const shownAgent = connected ? (activeAgent ?? session.startAgent) : session.startAgent;
  usePushToTalkKey(connected && session.mode === 'ptt');

  return (
    <div className="toolbar" role="toolbar" aria-label="Session">
      <div className="toolbar-row">
        <label className="field">
          <span className="field-label">Scenario</span>
          <select className="input" aria-label="Scenario" value={session.scenarioId ?? ''} onChange={(event) => selectScenario(event.target.value)}>
            {!session.scenarioId && <option value="">Choose…</option>}
            {catalog?.scenarios.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Agent</span>
          <select
            className="input"
            aria-label="Agent"
            value={shownAgent ?? ''}
            disabled={!scenario}
            onChange={(event) => void selectAgent(event.target.value)}
          >
            {scenario?.agents.map((agent) => (
              <option key={agent.name} value={agent.name}>
                {agent.name}
              </option>
            ))}
          </select>
        </label>
        {live ? (
          <button type="button" className="button" onClick={() => disconnect()}>
            {connecting ? 'Cancel' : 'Disconnect'}
          </button>
        ) : (
          <button type="button" className="button button-primary" disabled={!scenario} onClick={() => void connect()}>
            Connect
          </button>
        )}
        <button
          type="button"
          className="button"
          disabled={connecting || !hadSession || (!connected && !carryConversation)}
          title="Start again without the earlier messages; tool modes and applied prompt edits are kept"
          onClick={() => void newConversation()}
        >
          New conversation
        </button>
        <span className={`status-pill status-${session.phase.status}`} role="status" aria-label="Connection state" data-testid="session-phase">
          <span className="status-dot" />
          {notice && session.phase.status === 'idle' ? notice : phaseLabel(session.phase)}
        </span>
        <RecordingState />
        <span className="toolbar-spacer" />
        <LevelMeters />
        <span className={session.micLive ? 'activity activity-on' : 'activity'} data-testid="mic-state">
          {session.micLive ? '● Mic live' : '○ Mic off'}
        </span>
        <span className={session.userSpeaking ? 'activity activity-on' : 'activity'} data-testid="user-speaking">
          {session.userSpeaking ? '● Listening' : '○ Not listening'}
        </span>
        <span className={session.assistantSpeaking ? 'activity activity-on' : 'activity'} data-testid="assistant-speaking">
          {session.assistantSpeaking ? '● Speaking' : '○ Not speaking'}
        </span>
      </div>
      {session.modelProblem && !(session.phase.status === 'error' && session.phase.message === session.modelProblem) && (
        <p className="toolbar-notice" role="alert" data-testid="model-problem">
          {session.modelProblem}
        </p>
      )}
      <div className="toolbar-row">
        <div className="segmented" role="radiogroup" aria-label="Turn detection" onKeyDown={turnModeKeys}>
          <button
            type="button"
            role="radio"
            aria-checked={session.mode === 'vad'}
            tabIndex={session.mode === 'vad' ? 0 : -1}
            data-mode="vad"
            className={session.mode === 'vad' ? 'segment segment-on' : 'segment'}
            onClick={() => setTurnMode('vad')}
          >
            Voice activity
          </button>
          <button
            type="button"
            role="radio"
            aria-checked={session.mode === 'ptt'}
            tabIndex={session.mode === 'ptt' ? 0 : -1}
            data-mode="ptt"
            className={session.mode === 'ptt' ? 'segment segment-on' : 'segment'}
            onClick={() => setTurnMode('ptt')}
          >
            Push-to-talk
          </button>
        </div>
        <button
          type="button"
          className={session.pttActive ? 'button button-talk button-talk-on' : 'button button-talk'}
          aria-label={session.pttActive ? 'Push to talk: Talking…' : 'Push to talk: Hold to talk'}
          aria-pressed={session.pttActive}
          title="Hold to talk (or hold Space)"
          disabled={!connected || session.mode !== 'ptt'}
          onPointerDown={() => pushToTalkDown('button')}
          onPointerUp={() => pushToTalkUp('button')}
          onPointerLeave={() => pushToTalkUp('button')}
        >
          {session.pttActive ? 'Talking…' : 'Hold to talk'}
        </button>
        <label className="check">
          <input type="checkbox" aria-label="Mute" checked={session.muted} onChange={(event) => setMuted(event.target.checked)} />
          Mute mic
        </label>
        <label className="check">
          <input type="checkbox" aria-label="Audio playback" checked={session.playback} onChange={(event) => setPlayback(event.target.checked)} />
          Audio playback
        </label>
        <label className="field">
          <span className="field-label">Codec</span>
          <select
            className="input"
            aria-label="Codec"
            value={session.codec}
            disabled={live}
            onChange={(event) => setCodec(event.target.value as Codec)}
          >
            {(Object.keys(codecLabels) as Codec[]).map((codec) => (
              <option key={codec} value={codec}>
                {codecLabels[codec]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Output</span>
          <select
            className="input"
            aria-label="Output"
            value={session.output}
            disabled={live}
            onChange={(event) => setOutput(event.target.value as 'audio' | 'text')}
          >
            <option value="audio">Audio + transcript</option>
            <option value="text">Text only</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Cap (min)</span>
          <input
            className="input input-narrow"
            type="number"
            min={0}
            aria-label="Session length cap in minutes"
            value={session.lengthCapMinutes || ''}
            placeholder="none"
            disabled={live}
            onChange={(event) => setLengthCap(Number(event.target.value))}
          />
        </label>
        <BudgetField />
        <BudgetMeter />
      </div>
    </div>
  );
}
