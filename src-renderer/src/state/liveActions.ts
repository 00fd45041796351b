import { requireApi, useHostStore } from './hostStore';
import { useShownSessionStore } from './shownSessionStore';
import { SessionAudioRecorder } from '../platform/audio/sessionAudioRecorder';
import { LogSink } from '../engine/events/logSink';
import { SessionStream } from '../engine/events/sessionStream';
import { findScenario } from './scenarioStore';
import { loadPricing } from './pricingStore';
import { watchBudget } from '../engine/live/budgetWatch';
import type { LiveSession, PushToTalkSource } from '../engine/live/liveSession';
import { useSessionControls, type Codec, type OutputModality, type TurnMode } from './sessionControlsStore';
import { levelPublisher } from './levelStore';
import { imageBytesFitting, type OutgoingImage } from '../../../src-shared/imageInput';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { TestRun } from '../../../src-shared/sessionLog';
import { effectiveSessionSettings } from '../../../src-shared/session/sessionSettings';

/**
 * The session engine (the Agents SDK, the page's largest library) is fetched at the first Connect rather than
 * before first paint; the startup bench's eager baseline starts fetching it at once, as the static import did.
 */
const loadEngine = () => import('../engine/live/liveSession');
if (__WORKBENCH_EAGER_PARTS__) void loadEngine();

function liveSession(): LiveSession | undefined {
  return useShownSessionStore.getState().live?.session;
}

function isLive(): boolean {
  const phase = liveSession()?.currentPhase.status;
  return phase === 'connected' || phase === 'connecting';
}

/** What a scenario test asks of Connect; the toolbar gives none of it. */
export interface TestConnect {
  readonly scenarioId: string;
  readonly startAgent: string | undefined;
  readonly testRun: TestRun;
  /** Every event of the session, besides the stream and the log. */
  readonly onEvent: (event: SessionEvent) => void;
  /** The test's own microphone, which its audio turns play into (never the device). */
  readonly microphone: () => Promise<MediaStream>;
}

/** The session Connect started, and its saved log's id once the session has ended and the log is closed. */
export interface Connected {
  readonly session: LiveSession;
  readonly saved: Promise<string | undefined>;
}

/**
 * Starts a live session: a new stream for the views, a log sink to main, and the session itself,
 * whose recorder feeds both. The shown session switches to it (leaving any replay). A scenario test's session
 * starts a fresh conversation with the scenario as it is (no carried tool modes or prompts), sends the test's own
 * microphone with server turn detection (as a headless run does), and its log is marked with the test run.
 * Answers undefined when nothing was started.
 */
export async function connect(test?: TestConnect): Promise<Connected | undefined> {
  // Awaited first: from the check below to the session being stored nothing is awaited, so two quick clicks start one session.
  let LiveSession: typeof import('../engine/live/liveSession').LiveSession;
  try {
    ({ LiveSession } = await loadEngine());
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    useShownSessionStore.setState({
      notice: `The session code could not be loaded from the workbench (${reason}); reload the page and connect again.`,
    });
    return;
  }
  if (isLive()) return undefined;
  const picked = useSessionControls.getState();
  const scenario = findScenario(test ? test.scenarioId : picked.scenarioId);
  const settings = useHostStore.getState().settings;
  if (!scenario || !settings) {
    useShownSessionStore.setState({ notice: 'Pick a scenario first.' });
    return undefined;
  }
  const controls = test
    ? { ...picked, scenarioId: scenario.id, startAgent: test.startAgent ?? scenario.defaultAgent, mode: 'vad' as const, muted: false }
    : picked;
  const api = requireApi();
  const previous = useShownSessionStore.getState().shown;
  if (previous.kind === 'replay') previous.replay.dispose();
  // Connecting again in the same scenario carries the conversation on (after Disconnect or a dropped connection).
  const { session: before, stream: beforeStream } = useShownSessionStore.getState().live ?? {};
  const carryOn = test === undefined && before !== undefined && before.scenarioId === scenario.id;
  // Whatever the last frame has not folded yet counts too.
  beforeStream?.flush();
  const history = carryOn && useShownSessionStore.getState().carryConversation ? before.earlierMessages() : [];
  const stream = new SessionStream();
  let audio: SessionAudioRecorder | undefined;
  let logClosed: (id: string | undefined) => void = () => undefined;
  const saved = new Promise<string | undefined>((resolve) => (logClosed = resolve));
  const session = new LiveSession({
    api,
    scenario,
    settings,
    controls,
    // A test's microphone hears only the test's audio, whatever the toolbar's mute and turn mode say.
    currentControls: test ? () => ({ ...useSessionControls.getState(), mode: 'vad', muted: false }) : () => useSessionControls.getState(),
    ...(test ? { microphone: test.microphone } : {}),
    levels: levelPublisher,
    history,
    carriedTools: carryOn ? before.tools.changedSettings() : [],
    ...(carryOn && beforeStream ? { carriedPrompts: beforeStream.store.getState().prompts } : {}),
    onEvent: (event) => {
      stream.push(event);
      sink.push(event);
      test?.onEvent(event);
    },
    createAudioTap: settings.recordAudio
      ? (clockOrigin) =>
          (audio = new SessionAudioRecorder({
            clockOrigin,
            onChunk: (startFrame, pcm) => sink.pushAudio(startFrame, pcm),
            onProblem: (problem) => sink.reportAudioProblem(problem),
          }))
      : undefined,
    // The recorder's last chunk goes out before the log's footer.
    onEnded: (reason) => {
      stopFollowingSettings();
      stopBudget();
      void (audio?.stop() ?? Promise.resolve()).then(() => sink.end(reason)).then(logClosed);
    },
  });
  // Settings saved mid-session (turn detection, noise reduction, speaker) reach the running session.
  const stopFollowingSettings = useHostStore.subscribe((state, previous) => {
    if (state.settings && state.settings !== previous.settings) session.applySettings(state.settings);
  });
  // The log keeps the scenario as it ran; where the catalog found it is not part of it.
  const { source: _source, ...ranScenario } = scenario;
  const sink = new LogSink({
    api,
    sessionId: session.sessionId,
    scenario: ranScenario,
    realtimeModel: settings.realtimeModel,
    recordAudio: settings.recordAudio,
    ...(test ? { testRun: test.testRun } : {}),
    setup: {
      startAgent: controls.startAgent ?? scenario.defaultAgent,
      codec: controls.codec,
      turnDetection: controls.mode === 'ptt' ? 'push_to_talk' : settings.turnDetection.type,
      output: controls.output,
      voice: settings.voice,
      session: effectiveSessionSettings(settings.session, scenario.session, settings.realtimeModel).values,
    },
    onStatus: (logStatus) => useShownSessionStore.setState({ logStatus }),
  });
  // Replaced by the budget watch once the session is connected.
  let stopBudget = (): void => undefined;
  useShownSessionStore.setState({
    shown: { kind: 'live', stream, session },
    live: { session, stream },
    logStatus: undefined,
    notice: undefined,
    // The Connect after a test starts a fresh conversation rather than carrying the test's on.
    carryConversation: test === undefined,
  });
  await session.connect();
  if (session.currentPhase.status !== 'connected') return { session, saved };
  const { table } = await loadPricing();
  if (!table || session.currentPhase.status !== 'connected') return { session, saved };
  stopBudget = watchBudget({
    stream,
    pricing: table,
    budgetUsd: () => useSessionControls.getState().budgetUsd,
    onBudgetChange: (listener) =>
      useSessionControls.subscribe((state, before) => {
        if (state.budgetUsd !== before.budgetUsd) listener();
      }),
    note: (type, payload) => session.note(type, payload),
    end: (message) => session.close(message, 'capped'),
  });
  return { session, saved };
}

/** Disconnects, or cancels a connect still under way. */
export function disconnect(): void {
  liveSession()?.close();
}

/**
 * Starts over without the earlier messages: the transcript clears now, and the next session (at once, when
 * one was running) starts a fresh conversation. Tool modes and applied prompt edits carry on, so an edited
 * prompt can be tried on a clean conversation. The session before stays in the library.
 */
export async function newConversation(): Promise<void> {
  const wasRunning = isLive();
  if (wasRunning) disconnect();
  const { shown } = useShownSessionStore.getState();
  if (shown.kind === 'replay') shown.replay.dispose();
  useShownSessionStore.setState({ shown: { kind: 'empty', stream: new SessionStream() }, carryConversation: false });
  if (wasRunning) await connect();
}

/** The host is gone: a live session cannot reach its tools or its log, so stop it and release the microphone. */
export function hostLost(): void {
  const session = liveSession();
  if (session && (session.currentPhase.status === 'connected' || session.currentPhase.status === 'connecting'))
    session.close(
      'The workbench host became unreachable, so the live session was stopped and the microphone released. The transcript stays here.',
      'error',
    );
}

export function selectScenario(id: string): void {
  if (isLive()) disconnect();
  useSessionControls.setState({ scenarioId: id, startAgent: findScenario(id)?.defaultAgent });
}

/** Mid-session this switches the agent inside the same session; otherwise it picks the start agent. */
export async function selectAgent(name: string): Promise<void> {
  useSessionControls.setState({ startAgent: name });
  const session = liveSession();
  if (session?.currentPhase.status === 'connected') await session.switchAgent(name);
}

/** Sends the typed text and any images as one user message; nothing goes when both are empty. */
export function sendText(text: string, images: readonly OutgoingImage[] = []): void {
  if (text.trim() !== '' || images.length > 0) liveSession()?.sendText(text.trim(), images);
}

/** The largest image the live session can carry with this much text (its data channel's limit), in bytes. */
export function imageLimit(textLength: number): number {
  return imageBytesFitting(liveSession()?.maxMessageBytes(), textLength);
}

export function setMuted(muted: boolean): void {
  useSessionControls.setState({ muted });
  liveSession()?.applyMicrophone();
}

export function setPlayback(playback: boolean): void {
  useSessionControls.setState({ playback });
  liveSession()?.setPlayback(playback);
}

export function setTurnMode(mode: TurnMode): void {
  useSessionControls.setState({ mode });
  liveSession()?.setTurnMode();
}

export function setCodec(codec: Codec): void {
  useSessionControls.setState({ codec });
}

export function setOutput(output: OutputModality): void {
  useSessionControls.setState({ output });
}

/** A budget in dollars for the next session, or the running one (0 or blank for none). */
export function setBudget(dollars: number): void {
  useSessionControls.setState({ budgetUsd: Number.isFinite(dollars) && dollars > 0 ? dollars : 0 });
}

export function setLengthCap(minutes: number): void {
  useSessionControls.setState({ lengthCapMinutes: Number.isFinite(minutes) && minutes > 0 ? minutes : 0 });
}

export function pushToTalkDown(source: PushToTalkSource): void {
  liveSession()?.pushToTalkDown(source);
}

export function pushToTalkUp(source: PushToTalkSource): void {
  liveSession()?.pushToTalkUp(source);
}

export function interrupt(): void {
  liveSession()?.interrupt();
}
