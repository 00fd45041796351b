import { OpenAIRealtimeWebRTC, RealtimeSession, type RealtimeAgent } from '@openai/agents/realtime';
import type { WorkbenchApi } from '../../../src-shared/contract';
import type { Scenario } from '../../../src-shared/scenario';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { Settings } from '../../../src-shared/settings';
import { createEventRecorder, type RecordEvent } from '../events/eventRecorder';
import { buildAgents } from './buildAgents';
import { preferCodec, sessionAudioFormat } from './codecs';
import { moderationGuardrail } from './outputGuardrail';
import { useSessionStore, type SessionControls } from './sessionStore';
import { tapDataChannel } from './wireTap';

const CONNECT_TIMEOUT_MS = 20_000;

export interface LiveSessionOptions {
  readonly api: WorkbenchApi;
  readonly scenario: Scenario;
  readonly settings: Settings;
  readonly controls: SessionControls;
  readonly audioElement: HTMLAudioElement;
  readonly sink: (event: SessionEvent) => void;
}

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/status 401/.test(message)) return `The Realtime API refused the session secret (401). Check the API key in Settings. ${message}`;
  if (/status 429/.test(message)) return `The Realtime API is rate limiting this key (429). Wait a moment and connect again. ${message}`;
  if (/Failed to fetch|NetworkError|ERR_/.test(message))
    return `Could not reach the Realtime API: ${message}. Check the network and the API base URL in Settings.`;
  return message;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s.`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/** Owns one RealtimeSession over WebRTC: connection, turn taking, agent switching. Views read only the stores. */
export class LiveSession {
  readonly sessionId = crypto.randomUUID();
  private readonly record: RecordEvent;
  private session: RealtimeSession | undefined;
  private agents = new Map<string, RealtimeAgent>();
  private capTimer: ReturnType<typeof setTimeout> | undefined;
  private closedByUser = false;

  constructor(private readonly options: LiveSessionOptions) {
    this.record = createEventRecorder((event) => {
      this.observe(event);
      options.sink(event);
    });
  }

  private setPhase(phase: ReturnType<typeof useSessionStore.getState>['phase']): void {
    useSessionStore.setState({ phase });
    this.record('app', 'session.state', phase.status === 'connecting' ? { status: phase.status, step: phase.step } : { ...phase });
  }

  /** Keeps the speaking and listening indicators in step with the wire. */
  private observe(event: SessionEvent): void {
    if (event.direction !== 'server') return;
    if (event.type === 'output_audio_buffer.started') useSessionStore.setState({ assistantSpeaking: true });
    else if (event.type === 'output_audio_buffer.stopped' || event.type === 'output_audio_buffer.cleared')
      useSessionStore.setState({ assistantSpeaking: false });
    else if (event.type === 'input_audio_buffer.speech_started') useSessionStore.setState({ userSpeaking: true });
    else if (event.type === 'input_audio_buffer.speech_stopped' || event.type === 'input_audio_buffer.committed')
      useSessionStore.setState({ userSpeaking: false });
  }

  async connect(): Promise<void> {
    const { api, scenario, settings, controls, audioElement } = this.options;
    const startAgent =
      controls.startAgent && scenario.agents.some((agent) => agent.name === controls.startAgent) ? controls.startAgent : scenario.defaultAgent;
    useSessionStore.setState({ sessionId: this.sessionId, assistantSpeaking: false, userSpeaking: false, pttActive: false });
    this.record('app', 'session.started', {
      sessionId: this.sessionId,
      scenarioId: scenario.id,
      agent: startAgent,
      guardrails: true,
      model: settings.realtimeModel,
      codec: controls.codec,
      mode: controls.mode,
      output: controls.output,
    });
    try {
      this.setPhase({ status: 'connecting', step: 'Minting a session secret…' });
      const mintStarted = performance.now();
      const minted = await api.session.mint({ model: settings.realtimeModel, voice: settings.voice });
      this.record('app', 'session.minted', {
        model: minted.model,
        expiresAt: minted.expiresAt,
        callsUrl: minted.callsUrl,
        durationMs: Math.round(performance.now() - mintStarted),
      });
      const context = { api, scenario, sessionId: this.sessionId, record: this.record };
      this.agents = buildAgents(scenario, context, settings.voice);
      const transport = new OpenAIRealtimeWebRTC({
        baseUrl: minted.callsUrl,
        audioElement,
        changePeerConnection: (peerConnection) => {
          const channel = transport.connectionState.dataChannel;
          if (channel) tapDataChannel(channel, this.record);
          preferCodec(peerConnection, controls.codec);
          return peerConnection;
        },
      });
      const format = sessionAudioFormat(controls.codec);
      this.session = new RealtimeSession(this.agents.get(startAgent)!, {
        transport,
        model: minted.model,
        tracingDisabled: true,
        historyStoreAudio: false,
        outputGuardrails: [moderationGuardrail(api, scenario, this.sessionId, this.record)],
        outputGuardrailSettings: { debounceTextLength: -1 },
        config: {
          outputModalities: [controls.output],
          audio: {
            input: {
              format,
              transcription: { model: 'gpt-4o-mini-transcribe' },
              turnDetection: controls.mode === 'ptt' ? null : { type: 'server_vad', createResponse: true, interruptResponse: true },
            },
            output: { format, voice: this.agents.get(startAgent)!.voice ?? settings.voice },
          },
        },
      });
      this.listen(this.session, transport);
      this.setPhase({ status: 'connecting', step: 'Connecting over WebRTC…' });
      await withTimeout(
        this.session.connect({ apiKey: minted.clientSecret, model: minted.model }),
        CONNECT_TIMEOUT_MS,
        'Connecting to the Realtime API',
      );
      this.applyMicrophone();
      this.setPlayback(controls.playback);
      this.startLengthCap(controls.lengthCapMinutes);
      this.setPhase({ status: 'connected' });
    } catch (error) {
      this.session?.close();
      this.session = undefined;
      const message = describeFailure(error);
      this.setPhase({ status: 'error', message });
      this.record('app', 'session.error', { message });
    }
  }

  private listen(session: RealtimeSession, transport: OpenAIRealtimeWebRTC): void {
    session.on('agent_handoff', (_context, from, to) => {
      this.record('app', 'agent.changed', { from: from.name, to: to.name, reason: 'handoff' });
      // The SDK's session.update for the new agent carries the connect-time turn detection.
      if (useSessionStore.getState().mode !== this.options.controls.mode) this.reapplyTurnMode();
    });
    session.on('guardrail_tripped', (_context, _agent, error, details) => {
      this.record('app', 'guardrail.tripped', { itemId: details.itemId, message: error.message });
    });
    session.on('error', ({ error }) => {
      this.record('app', 'sdk.error', { message: error instanceof Error ? error.message : JSON.stringify(error) });
    });
    transport.on('connection_change', (status) => {
      if (status === 'disconnected' && !this.closedByUser && useSessionStore.getState().phase.status === 'connected') {
        this.stopLengthCap();
        this.setPhase({
          status: 'reconnect-needed',
          message: 'The connection to the Realtime API dropped. Connect again to continue; the transcript is kept.',
        });
      }
    });
  }

  /** Switches the active agent inside the same session; the conversation is kept. */
  async switchAgent(name: string): Promise<void> {
    const agent = this.agents.get(name);
    if (!this.session || !agent || this.session.currentAgent.name === name) return;
    const from = this.session.currentAgent.name;
    await this.session.updateAgent(agent);
    this.record('app', 'agent.changed', { from, to: name, reason: 'user' });
    if (useSessionStore.getState().mode !== this.options.controls.mode) this.reapplyTurnMode();
  }

  sendText(text: string): void {
    this.session?.sendMessage(text);
  }

  interrupt(): void {
    this.session?.interrupt();
  }

  /** The microphone sends audio only when not muted, and in push-to-talk only while the key is down. */
  applyMicrophone(): void {
    const { muted, mode, pttActive } = useSessionStore.getState();
    if (!this.session) return;
    this.session.mute(muted || (mode === 'ptt' && !pttActive));
    useSessionStore.setState({ micLive: this.session.muted === false });
  }

  setPlayback(on: boolean): void {
    this.options.audioElement.muted = !on;
  }

  setTurnMode(): void {
    this.reapplyTurnMode();
    this.applyMicrophone();
  }

  private reapplyTurnMode(): void {
    if (!this.session) return;
    const { mode } = useSessionStore.getState();
    this.session.transport.sendEvent({
      type: 'session.update',
      session: {
        type: 'realtime',
        audio: { input: { turn_detection: mode === 'ptt' ? null : { type: 'server_vad', create_response: true, interrupt_response: true } } },
      },
    });
  }

  pushToTalkDown(): void {
    if (!this.session || useSessionStore.getState().pttActive) return;
    if (useSessionStore.getState().assistantSpeaking) this.session.interrupt();
    this.session.transport.sendEvent({ type: 'input_audio_buffer.clear' });
    useSessionStore.setState({ pttActive: true });
    this.applyMicrophone();
  }

  pushToTalkUp(): void {
    if (!this.session || !useSessionStore.getState().pttActive) return;
    useSessionStore.setState({ pttActive: false });
    this.applyMicrophone();
    this.session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
    this.session.transport.sendEvent({ type: 'response.create' });
  }

  private startLengthCap(minutes: number): void {
    if (minutes <= 0) return;
    this.capTimer = setTimeout(() => {
      this.record('app', 'session.capped', { minutes });
      this.disconnect(`The session reached its length cap of ${minutes} min and was closed.`);
    }, minutes * 60_000);
  }

  private stopLengthCap(): void {
    if (this.capTimer !== undefined) clearTimeout(this.capTimer);
    this.capTimer = undefined;
  }

  disconnect(reason?: string): void {
    this.closedByUser = true;
    this.stopLengthCap();
    this.session?.close();
    this.session = undefined;
    void this.options.api.session.end({ sessionId: this.sessionId }).catch(() => undefined);
    useSessionStore.setState({ assistantSpeaking: false, userSpeaking: false, pttActive: false, micLive: false });
    this.setPhase(reason ? { status: 'error', message: reason } : { status: 'idle' });
  }
}
