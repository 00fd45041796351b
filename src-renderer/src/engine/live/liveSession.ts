import { OpenAIRealtimeWebRTC, type RealtimeSession } from '@openai/agents/realtime';
import type { WorkbenchApi } from '../../../../src-shared/contract';
import type { AppliedPrompts } from '../../../../src-shared/appliedPrompts';
import type { RecordEvent } from '../../../../src-shared/session/eventRecorder';
import { SessionEngine, type EarlierMessage } from '../../../../src-shared/session/sessionEngine';
import type { PushToTalkSource, SessionEndReason, SessionPhase } from '../../../../src-shared/session/sessionPhase';
import type { ToolControl } from '../../../../src-shared/session/toolControl';
import type { OutgoingImage } from '../../../../src-shared/imageInput';
import type { Scenario } from '../../../../src-shared/scenario';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { Settings } from '../../../../src-shared/settings';
import { microphoneConstraints } from '../../../../src-shared/realtimeAudioConfig';
import type { MintedSession } from '../../../../src-shared/contract';
import { openMicrophone, stopStream } from '../../platform/devices/microphone';
import { routeToSpeaker } from '../../platform/devices/speaker';
import type { SessionAudioTap } from '../../platform/audio/sessionAudioRecorder';
import type { BudgetEventType } from './budgetWatch';
import { preferCodec, sessionAudioFormat } from './codecs';
import { sampleRoundTrip } from './roundTripSampler';
import type { SessionControls } from './sessionControls';
import { tapDataChannel } from './wireTap';

export type { EarlierMessage, PushToTalkSource, SessionEndReason };

export type LevelSource = 'microphone' | 'assistant';

/** Shows a stream on its level meter, or takes it off (unless another session has put its own there since). */
export interface LevelPublisher {
  publish(source: LevelSource, stream: MediaStream): void;
  withdraw(source: LevelSource, stream: MediaStream | undefined): void;
}

export interface LiveSessionOptions {
  readonly api: WorkbenchApi;
  readonly scenario: Scenario;
  readonly settings: Settings;
  /** The controls as they were when the user pressed Connect. */
  readonly controls: SessionControls;
  /** The controls now (mute, turn mode), read when they change mid-session. */
  readonly currentControls: () => SessionControls;
  /** Every recorded event, in order: the stream the views fold, and the log main writes. */
  readonly onEvent: (event: SessionEvent) => void;
  /** Records the session's audio, when asked: gets the microphone and assistant tracks once connected. */
  readonly createAudioTap?: (clockOrigin: number) => SessionAudioTap;
  /** Where the level meters find the microphone and assistant streams: told when each appears, changes or goes. */
  readonly levels: LevelPublisher;
  /** Called once when the session is over, for whatever reason. */
  readonly onEnded?: (reason: SessionEndReason) => void;
  /** The conversation of the session this one reconnects, given to the new one so the agent carries on. */
  readonly history?: readonly EarlierMessage[];
  /** The tool modes of the session this one reconnects (canned results, ask me), which it carries on with. */
  readonly carriedTools?: Parameters<ToolControl['carryOver']>[0];
  /** The prompts applied in the session this one reconnects (saved or not), which its agents start with. */
  readonly carriedPrompts?: AppliedPrompts;
  /**
   * Where the sent audio comes from instead of the chosen device (a scenario test's synthetic microphone); it
   * does not follow the microphone settings, and its owner ends it.
   */
  readonly microphone?: () => Promise<MediaStream>;
}

/**
 * The session engine in the page: WebRTC to the Realtime API, the microphone (its level meter, and a switch
 * to another one mid-session), the speaker, and the recording of both sides. Everything else — agents, tools,
 * handoffs, prompts, push-to-talk, the event stream — is the engine's, the same one Node runs headless.
 */
export class LiveSession {
  private readonly engine: SessionEngine;
  /** `performance.now()` at the log's t = 0. */
  private readonly clockOrigin: number;
  private audioTap: SessionAudioTap | undefined;
  private readonly audioElement: HTMLAudioElement;
  /** The settings now: the server-side audio settings and the speaker follow changes mid-session. */
  private settings: Settings;
  private micLive = false;
  private stopRoundTrip: (() => void) | undefined;
  /** Opened here with the chosen device and switches, so the SDK's close() leaves it to us to stop. */
  private microphone: MediaStream | undefined;
  /** A copy of the microphone for the level meter, which reads it even while the sent track is muted. */
  private meteredMicrophone: MediaStream | undefined;
  private assistantStream: MediaStream | undefined;
  /** The peer connection the session runs on (a changed microphone's track replaces the sent one there). */
  private peerConnection: RTCPeerConnection | undefined;
  /** The constraints the sent microphone was opened with, to tell when the settings ask for another. */
  private microphoneOpenedWith: string | undefined;

  constructor(private readonly options: LiveSessionOptions) {
    this.settings = options.settings;
    // Remote audio must play through an element in the page (WebAudio only sees it while it plays there).
    this.audioElement = document.createElement('audio');
    this.audioElement.autoplay = true;
    this.audioElement.dataset['role'] = 'assistant-audio';
    document.body.appendChild(this.audioElement);
    this.clockOrigin = performance.now();
    const { controls } = options;
    this.engine = new SessionEngine({
      port: options.api,
      scenario: options.scenario,
      settings: options.settings,
      controls: {
        startAgent: controls.startAgent,
        output: controls.output,
        mode: controls.mode,
        lengthCapMinutes: controls.lengthCapMinutes,
        codec: controls.codec,
      },
      currentMode: () => options.currentControls().mode,
      onEvent: options.onEvent,
      ...(options.onEnded ? { onEnded: options.onEnded } : {}),
      ...(options.history ? { history: options.history } : {}),
      ...(options.carriedTools ? { carriedTools: options.carriedTools } : {}),
      ...(options.carriedPrompts ? { carriedPrompts: options.carriedPrompts } : {}),
      now: () => performance.now(),
      host: {
        audioFormat: sessionAudioFormat(controls.codec),
        connectingStep: 'Connecting over WebRTC…',
        transport: (minted, record) => this.openTransport(minted, record),
        connected: () => {
          this.setPlayback(controls.playback);
          void this.routeSpeaker();
        },
        applyMicrophone: (session, pttActive) => this.applyMicrophoneTo(session, pttActive),
        microphoneOff: () => this.setMicLive(false),
        release: () => this.release(),
      },
    });
  }

  get sessionId(): string {
    return this.engine.sessionId;
  }

  get tools(): ToolControl {
    return this.engine.tools;
  }

  get scenarioId(): string {
    return this.options.scenario.id;
  }

  /** The scenario as this session runs it, even if its file has changed since. */
  get scenario(): Scenario {
    return this.options.scenario;
  }

  get currentPhase(): SessionPhase {
    return this.engine.currentPhase;
  }

  /** The conversation so far, for a reconnect to carry on from. */
  earlierMessages(): EarlierMessage[] {
    return this.engine.earlierMessages();
  }

  connect(): Promise<void> {
    return this.engine.connect();
  }

  /** Opens the microphone and the WebRTC transport the engine runs the minted session over. */
  private async openTransport(minted: MintedSession, record: RecordEvent): Promise<OpenAIRealtimeWebRTC> {
    const { controls } = this.options;
    this.microphone = await (this.options.microphone?.() ?? openMicrophone(this.settings));
    this.microphoneOpenedWith = JSON.stringify(microphoneConstraints(this.settings));
    // Closed while the microphone opened: the engine stops here and releases it.
    if (this.engine.isEnded) throw new Error('The session was closed while the microphone opened.');
    this.meteredMicrophone = this.microphone.clone();
    this.options.levels.publish('microphone', this.meteredMicrophone);
    this.audioTap = this.options.createAudioTap?.(this.clockOrigin);
    const transport = new OpenAIRealtimeWebRTC({
      baseUrl: minted.callsUrl,
      audioElement: this.audioElement,
      mediaStream: this.microphone,
      changePeerConnection: (peerConnection) => {
        this.peerConnection = peerConnection;
        const channel = transport.connectionState.dataChannel;
        if (channel) tapDataChannel(channel, record);
        preferCodec(peerConnection, controls.codec);
        this.tapAudio(peerConnection);
        this.stopRoundTrip = sampleRoundTrip(peerConnection, (rttMs) => record('app', 'webrtc.stats', { rttMs }));
        return peerConnection;
      },
    });
    return transport;
  }

  /** The SDK has added the microphone by now; the assistant's track arrives with the answer. */
  private tapAudio(peerConnection: RTCPeerConnection): void {
    peerConnection.addEventListener('track', (event) => {
      if (event.track.kind !== 'audio') return;
      this.assistantStream = event.streams[0] ?? new MediaStream([event.track]);
      this.options.levels.publish('assistant', this.assistantStream);
    });
    const tap = this.audioTap;
    if (!tap) return;
    const microphone = peerConnection.getSenders().find((sender) => sender.track?.kind === 'audio')?.track;
    if (microphone) tap.microphone(microphone);
    peerConnection.addEventListener('track', (event) => {
      if (event.track.kind === 'audio') tap.assistant(event.streams[0] ?? new MediaStream([event.track]));
    });
    tap.audible(!this.audioElement.muted);
  }

  /** Switches the active agent inside the same session; the conversation is kept. */
  switchAgent(name: string): Promise<void> {
    return this.engine.switchAgent(name);
  }

  /** Runs an agent with edited instructions and tool descriptions for the rest of the session (see the engine). */
  applyAgentPrompt(name: string, prompt: { instructions: string; tools: Readonly<Record<string, string>> }, fields: string[]): Promise<boolean> {
    return this.engine.applyAgentPrompt(name, prompt, fields);
  }

  sendText(text: string, images: readonly OutgoingImage[] = []): void {
    this.engine.sendText(text, images);
  }

  /** The most one event may weigh on this session's data channel (its SCTP limit), once connected. */
  maxMessageBytes(): number | undefined {
    return this.peerConnection?.sctp?.maxMessageSize;
  }

  interrupt(): void {
    this.engine.interrupt();
  }

  private setMicLive(live: boolean): void {
    if (live === this.micLive) return;
    this.micLive = live;
    this.engine.record('app', 'mic.state', { live });
  }

  /** The microphone sends audio only when not muted, and in push-to-talk only while the key is down. */
  applyMicrophone(): void {
    this.engine.applyMicrophone();
  }

  private applyMicrophoneTo(session: RealtimeSession, pttActive: boolean): void {
    const { muted, mode } = this.options.currentControls();
    session.mute(muted || (mode === 'ptt' && !pttActive));
    this.setMicLive(session.muted === false);
  }

  setPlayback(on: boolean): void {
    this.audioElement.muted = !on;
    this.audioTap?.audible(on);
  }

  setTurnMode(): void {
    this.engine.setTurnMode();
  }

  /**
   * Settings changed while the session runs: turn detection and noise reduction go to the server at
   * once, the speaker switches at once; the microphone and voice apply at the next connect.
   */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.engine.applySettings(settings);
    void this.routeSpeaker();
    void this.followMicrophone();
  }

  /**
   * Another microphone or other browser processing switches, saved mid-session: the new track replaces the
   * sent one on the same peer connection (no renegotiation, no reconnect), and the level meter and the
   * recording follow it. A microphone that cannot be opened leaves the session on the one it had, and says so.
   */
  private async followMicrophone(): Promise<void> {
    const sender = this.peerConnection?.getSenders().find((candidate) => candidate.track?.kind === 'audio');
    if (this.engine.currentPhase.status !== 'connected' || !sender || this.options.microphone) return;
    const wanted = JSON.stringify(microphoneConstraints(this.settings));
    if (wanted === this.microphoneOpenedWith) return;
    const previous = this.microphoneOpenedWith;
    this.microphoneOpenedWith = wanted;
    try {
      const fresh = await openMicrophone(this.settings);
      const track = fresh.getAudioTracks()[0];
      if (this.engine.isEnded || !track) {
        stopStream(fresh);
        return;
      }
      // Muted as the sent track was, so push-to-talk never leaks a moment of audio while it changes.
      track.enabled = sender.track?.enabled ?? false;
      await sender.replaceTrack(track);
      stopStream(this.microphone);
      stopStream(this.meteredMicrophone);
      this.options.levels.withdraw('microphone', this.meteredMicrophone);
      this.microphone = fresh;
      this.meteredMicrophone = fresh.clone();
      this.options.levels.publish('microphone', this.meteredMicrophone);
      this.audioTap?.microphone(track);
      this.applyMicrophone();
      this.engine.record('app', 'mic.changed', { label: track.label, constraints: microphoneConstraints(this.settings) });
    } catch (error) {
      this.microphoneOpenedWith = previous;
      const message = error instanceof Error ? error.message : String(error);
      this.engine.record('app', 'mic.error', { message: `The microphone could not be switched (${message}); the session keeps the one it had.` });
    }
  }

  private async routeSpeaker(): Promise<void> {
    const problem = await routeToSpeaker(this.audioElement, this.settings.speakerId);
    if (problem) this.engine.record('app', 'speaker.error', { message: problem });
  }

  /** Lets go of the microphone, the level sources, the round-trip sampler and the audio element; safe to repeat. */
  private release(): void {
    this.stopRoundTrip?.();
    this.stopRoundTrip = undefined;
    stopStream(this.microphone);
    stopStream(this.meteredMicrophone);
    this.options.levels.withdraw('microphone', this.meteredMicrophone);
    this.options.levels.withdraw('assistant', this.assistantStream);
    this.microphone = undefined;
    this.meteredMicrophone = undefined;
    this.assistantStream = undefined;
    this.audioElement.remove();
  }

  pushToTalkDown(source: PushToTalkSource): void {
    this.engine.pushToTalkDown(source);
  }

  pushToTalkUp(source: PushToTalkSource): void {
    this.engine.pushToTalkUp(source);
  }

  /** Records an app event from outside the SDK's session (the budget watch), in order with everything else. */
  note(type: BudgetEventType, payload: Record<string, unknown>): void {
    this.engine.note(type, payload);
  }

  /** Ends the session (also while it is still connecting): no session, track or call is left behind. */
  close(message?: string, reason: SessionEndReason = 'user'): void {
    this.engine.close(message, reason);
  }
}
