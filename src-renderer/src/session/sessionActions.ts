import { requireApi, useWorkbenchStore } from '../app/workbenchStore';
import { appendEvent, resetEvents } from '../events/eventStore';
import { findScenario } from '../scenarios/scenarioStore';
import { LiveSession } from './liveSession';
import { isLive, useSessionStore, type Codec, type OutputModality, type TurnMode } from './sessionStore';

let live: LiveSession | undefined;

/** Remote audio must play through an element in the page (WebAudio only sees it while it plays there). */
const audioElement = (() => {
  const element = document.createElement('audio');
  element.autoplay = true;
  element.dataset['role'] = 'assistant-audio';
  document.body.appendChild(element);
  return element;
})();

export function assistantAudioElement(): HTMLAudioElement {
  return audioElement;
}

export async function connect(): Promise<void> {
  const state = useSessionStore.getState();
  if (isLive(state.phase)) return;
  const scenario = findScenario(state.scenarioId);
  const settings = useWorkbenchStore.getState().settings;
  if (!scenario || !settings) {
    useSessionStore.setState({ phase: { status: 'error', message: 'Pick a scenario first.' } });
    return;
  }
  resetEvents();
  live = new LiveSession({ api: requireApi(), scenario, settings, controls: state, audioElement, sink: appendEvent });
  await live.connect();
}

export function disconnect(): void {
  live?.disconnect();
  live = undefined;
}

export function selectScenario(id: string): void {
  if (isLive(useSessionStore.getState().phase)) disconnect();
  useSessionStore.setState({ scenarioId: id, startAgent: findScenario(id)?.defaultAgent, phase: { status: 'idle' } });
}

/** Mid-session this switches the agent inside the same session; otherwise it picks the start agent. */
export async function selectAgent(name: string): Promise<void> {
  useSessionStore.setState({ startAgent: name });
  if (live && useSessionStore.getState().phase.status === 'connected') await live.switchAgent(name);
}

export function sendText(text: string): void {
  if (text.trim() !== '') live?.sendText(text.trim());
}

export function setMuted(muted: boolean): void {
  useSessionStore.setState({ muted });
  live?.applyMicrophone();
}

export function setPlayback(playback: boolean): void {
  useSessionStore.setState({ playback });
  live?.setPlayback(playback);
}

export function setTurnMode(mode: TurnMode): void {
  useSessionStore.setState({ mode, pttActive: false });
  live?.setTurnMode();
}

export function setCodec(codec: Codec): void {
  useSessionStore.setState({ codec });
}

export function setOutput(output: OutputModality): void {
  useSessionStore.setState({ output });
}

export function setLengthCap(minutes: number): void {
  useSessionStore.setState({ lengthCapMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 0 });
}

export function pushToTalkDown(): void {
  live?.pushToTalkDown();
}

export function pushToTalkUp(): void {
  live?.pushToTalkUp();
}

export function interrupt(): void {
  live?.interrupt();
}
