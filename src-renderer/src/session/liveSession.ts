import { sampleRoundTrip } from './roundTripSampler';
import { OpenAIRealtimeWebRTC, RealtimeSession, type RealtimeAgent } from '@openai/agents/realtime';
import { errorPayload, WorkbenchError } from '../../../src-shared/errors';
import { INPUT_TRANSCRIPTION_MODEL } from '../../../src-shared/models';
import type { WorkbenchApi } from '../../../src-shared/contract';
import type { Scenario } from '../../../src-shared/scenario';
import { noAppliedPrompts, withAppliedPrompts, type AppliedPrompts } from '../../../src-shared/appliedPrompts';
import type { BudgetEventType } from './budgetWatch';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { Settings } from '../../../src-shared/settings';
import { emptyTranscript, type TranscriptState } from '../../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../../src-shared/transcript/transcriptReducer';
import { microphoneConstraints, realtimeInputAudio, sameInputAudio, type RealtimeInputAudio } from '../../../src-shared/realtimeAudioConfig';
import { publishLevelSource, withdrawLevelSource } from '../devices/levelSources';
import { openMicrophone, stopStream } from '../devices/microphone';
import { routeToSpeaker } from '../devices/speaker';
import type { SessionAudioTap } from '../audio/sessionAudioRecorder';
import { createEventRecorder, type RecordEvent } from '../events/eventRecorder';
import { ToolControl } from '../tools/toolControl';
import { buildAgents } from './buildAgents';
import { preferCodec, sessionAudioFormat } from './codecs';
import { conversationTurns, type ConversationTurn } from './conversation';
import { moderationGuardrail, ResponseTextQueue } from './outputGuardrail';
import type { SessionPhase } from './sessionStatus';
import type { SessionControls } from './sessionStore';
import { tapDataChannel } from './wireTap';

const CONNECT_TIMEOUT_MS = 20_000;
/** A reconnect gives the new session at most this many earlier messages. */
const MAX_SEEDED_MESSAGES = 100;

export type SessionEndReason = 'user' | 'capped' | 'dropped' | 'error';

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
  /** Called once when the session is over, for whatever reason. */
  readonly onEnded?: (reason: SessionEndReason) => void;
  /** The conversation of the session this one reconnects, given to the new one so the agent carries on. */
  readonly history?: readonly EarlierMessage[];
  /** The tool modes of the session this one reconnects (canned results, ask me), which it carries on with. */
  readonly carriedTools?: Parameters<ToolControl['carryOver']>[0];
  /** The prompts applied in the session this one reconnects (saved or not), which its agents start with. */
  readonly carriedPrompts?: AppliedPrompts;
}

/**
 * What pressed or released push-to-talk, logged with each `ptt.down` and `ptt.up`: the toolbar button,
 * a key while the window has focus, the global hotkey from main, or the window losing focus mid-hold.
 */
export type PushToTalkSource = 'button' | 'key' | 'global-hotkey' | 'focus-lost';

export interface EarlierMessage {
  readonly role: 'user' | 'assistant';
  readonly text: string;
  readonly agent: string | undefined;
}

function describeFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/status 401/.test(message)) return `The Realtime API refused the session secret (401). Check the API key in Settings. ${message}`;
  if (/status 429/.test(message)) return `The Realtime API is rate limiting this key (429). Wait a moment and connect again. ${message}`;
  if (/Failed to fetch|NetworkError|ERR_/.test(message))
    return `Could not reach the Realtime API: ${message}. Check the network and the API base URL in Settings.`;
  return message;
}

/** A server `error` event while connecting, in words: what the server refused and which field. */
function refusalMessage(payload: Record<string, unknown>): string {
  const error = (payload['error'] ?? {}) as Record<string, unknown>;
  const about = [error['code'], error['param']].filter((part): part is string => typeof part === 'string' && part !== '').join(', ');
  return `The Realtime API refused the session: ${typeof error['message'] === 'string' ? error['message'] : 'no reason given'}${about ? ` (${about})` : ''}`;
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

/** Thrown inside connect() when the user cancelled while it was under way. */
class Cancelled extends Error {}

/**
 * Owns one RealtimeSession over WebRTC: connection, turn taking, agent switching. It writes no view
 * state: everything it does is an event on the stream (phase, microphone, push-to-talk), and the views
 * fold the stream. Its own copy of the conversation, reduced from the same events, is what tools send
 * to the supervisor and escalation models.
 */
export class LiveSession {
  readonly sessionId = crypto.randomUUID();
  private readonly record: RecordEvent;
  /** Tool modes and waiting approvals, set from the Tools panel. */
  readonly tools: ToolControl;
  /** `performance.now()` at the log's t = 0. */
  private readonly clockOrigin: number;
  private audioTap: SessionAudioTap | undefined;
  private readonly audioElement: HTMLAudioElement;
  private readonly responseTexts = new ResponseTextQueue();
  private session: RealtimeSession | undefined;
  private agents = new Map<string, RealtimeAgent>();
  private capTimer: ReturnType<typeof setTimeout> | undefined;
  private conversation: TranscriptState = emptyTranscript();
  private phase: SessionPhase = { status: 'idle' };
  private pttActive = false;
  private stopRoundTrip: (() => void) | undefined;
  private assistantSpeaking = false;
  private micLive = false;
  private ended = false;
  /** The settings now: the server-side audio settings and the speaker follow changes mid-session. */
  private settings: Settings;
  /** Opened here with the chosen device and switches, so the SDK's close() leaves it to us to stop. */
  private microphone: MediaStream | undefined;
  /** A copy of the microphone for the level meter, which reads it even while the sent track is muted. */
  private meteredMicrophone: MediaStream | undefined;
  private assistantStream: MediaStream | undefined;
  /** The input audio configuration the session was connected with (a handoff's session.update sends it again). */
  private connectInput: RealtimeInputAudio | undefined;
  /** The peer connection the session runs on (a changed microphone's track replaces the sent one there). */
  private peerConnection: RTCPeerConnection | undefined;
  /** The constraints the sent microphone was opened with, to tell when the settings ask for another. */
  private microphoneOpenedWith: string | undefined;
  /** The input audio configuration the server has now. */
  private inputOnServer: RealtimeInputAudio | undefined;
  /** While connecting: fails the connect with the server's refusal. */
  private refuseConnect: ((message: string) => void) | undefined;

  constructor(private readonly options: LiveSessionOptions) {
    this.settings = options.settings;
    // Remote audio must play through an element in the page (WebAudio only sees it while it plays there).
    this.audioElement = document.createElement('audio');
    this.audioElement.autoplay = true;
    this.audioElement.dataset['role'] = 'assistant-audio';
    document.body.appendChild(this.audioElement);
    this.clockOrigin = performance.now();
    this.record = createEventRecorder((event) => {
      this.conversation = reduceTranscript(this.conversation, [event]);
      this.observe(event);
      this.tools.observe(event);
      options.onEvent(event);
    });
    this.tools = new ToolControl(this.record);
  }

  /** The conversation so far, for a reconnect to carry on from. */
  earlierMessages(): EarlierMessage[] {
    const messages: EarlierMessage[] = [];
    for (let index = 0; index < this.conversation.entries.length; index += 1) {
      const entry = this.conversation.entries.at(index)!;
      if (entry.kind === 'message' && entry.text.trim() !== '') messages.push({ role: entry.role, text: entry.text, agent: entry.agent });
    }
    return messages;
  }

  get scenarioId(): string {
    return this.options.scenario.id;
  }

  /** The scenario as this session runs it, even if its file has changed since. */
  get scenario(): Scenario {
    return this.options.scenario;
  }

  get currentPhase(): SessionPhase {
    return this.phase;
  }

  private setPhase(phase: SessionPhase): void {
    this.phase = phase;
    this.record('app', 'session.state', { ...phase });
  }

  /** What the session itself needs to know from the wire: is the assistant speaking. */
  private observe(event: SessionEvent): void {
    if (event.direction !== 'server') return;
    if (event.type === 'error') this.refuseConnect?.(refusalMessage(event.payload));
    else if (event.type === 'output_audio_buffer.started') this.assistantSpeaking = true;
    else if (event.type === 'output_audio_buffer.stopped' || event.type === 'output_audio_buffer.cleared') this.assistantSpeaking = false;
  }

  private checkCancelled(): void {
    if (this.ended) throw new Cancelled();
  }

  async connect(): Promise<void> {
    const { api, scenario, settings, controls } = this.options;
    const startAgent =
      controls.startAgent && scenario.agents.some((agent) => agent.name === controls.startAgent) ? controls.startAgent : scenario.defaultAgent;
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
    const seeded = (this.options.history ?? []).slice(-MAX_SEEDED_MESSAGES).map((message, index) => ({
      ...message,
      // Client-chosen item ids (at most 32 characters), so the server's echo of each lands on its transcript entry.
      id: `wbseed_${this.sessionId.slice(0, 8)}_${index}`,
    }));
    if (seeded.length > 0) this.record('app', 'session.resumed', { messages: seeded });
    this.tools.carryOver(this.options.carriedTools ?? []);
    const ran = this.carryPromptsOver(scenario, startAgent);
    try {
      this.setPhase({ status: 'connecting', step: 'Minting a session secret…' });
      const mintStarted = performance.now();
      const minted = await api.session.mint({ model: settings.realtimeModel, voice: settings.voice });
      this.checkCancelled();
      this.record('app', 'session.minted', {
        model: minted.model,
        expiresAt: minted.expiresAt,
        callsUrl: minted.callsUrl,
        durationMs: Math.round(performance.now() - mintStarted),
      });
      const context = {
        api,
        scenario,
        sessionId: this.sessionId,
        record: this.record,
        conversation: (): ConversationTurn[] => conversationTurns(this.conversation),
        tools: this.tools,
      };
      this.agents = buildAgents(ran, context, settings.voice);
      this.microphone = await openMicrophone(settings);
      this.microphoneOpenedWith = JSON.stringify(microphoneConstraints(settings));
      this.checkCancelled();
      this.meteredMicrophone = this.microphone.clone();
      publishLevelSource('microphone', this.meteredMicrophone);
      this.audioTap = this.options.createAudioTap?.(this.clockOrigin);
      const transport = new OpenAIRealtimeWebRTC({
        baseUrl: minted.callsUrl,
        audioElement: this.audioElement,
        mediaStream: this.microphone,
        changePeerConnection: (peerConnection) => {
          this.peerConnection = peerConnection;
          const channel = transport.connectionState.dataChannel;
          if (channel) tapDataChannel(channel, this.record);
          preferCodec(peerConnection, controls.codec);
          this.tapAudio(peerConnection);
          this.stopRoundTrip = sampleRoundTrip(peerConnection, (rttMs) => this.record('app', 'webrtc.stats', { rttMs }));
          return peerConnection;
        },
      });
      const format = sessionAudioFormat(controls.codec);
      const input = realtimeInputAudio(settings, controls.mode);
      this.connectInput = input;
      this.inputOnServer = input;
      const session = new RealtimeSession(this.agents.get(startAgent)!, {
        transport,
        model: minted.model,
        tracingDisabled: true,
        historyStoreAudio: false,
        outputGuardrails: [moderationGuardrail(api, scenario, this.sessionId, this.record, this.responseTexts)],
        outputGuardrailSettings: { debounceTextLength: -1 },
        config: {
          outputModalities: [controls.output],
          audio: {
            input: {
              format,
              transcription: { model: INPUT_TRANSCRIPTION_MODEL },
              turnDetection: input.turn_detection,
              noiseReduction: input.noise_reduction,
            },
            output: { format, voice: this.agents.get(startAgent)!.voice ?? settings.voice },
          },
        },
      });
      this.session = session;
      this.listen(session, transport);
      this.setPhase({ status: 'connecting', step: 'Connecting over WebRTC…' });
      // SDK 0.20 still reports "connected" when the server refuses the session before acknowledging it
      // (fixed in 0.21, which this registry does not have yet): an error event while connecting fails Connect.
      const refused = new Promise<never>((_, reject) => (this.refuseConnect = (message) => reject(new Error(message))));
      try {
        await withTimeout(
          Promise.race([session.connect({ apiKey: minted.clientSecret, model: minted.model }), refused]),
          CONNECT_TIMEOUT_MS,
          'Connecting to the Realtime API',
        );
      } finally {
        this.refuseConnect = undefined;
        // Cancelled while connecting: the SDK may have opened the microphone after close(); close again.
        if (this.ended) session.close();
      }
      this.checkCancelled();
      for (const message of seeded) {
        session.transport.sendEvent({
          type: 'conversation.item.create',
          item: {
            id: message.id,
            type: 'message',
            role: message.role,
            content: [{ type: message.role === 'user' ? 'input_text' : 'output_text', text: message.text }],
          },
        });
      }
      this.applyMicrophone();
      this.setPlayback(controls.playback);
      void this.routeSpeaker();
      this.startLengthCap(controls.lengthCapMinutes);
      this.setPhase({ status: 'connected' });
      // Settings saved while connecting are not in the connect-time configuration.
      this.syncInputAudio();
    } catch (error) {
      this.session?.close();
      this.session = undefined;
      this.releaseMicrophone();
      if (error instanceof Cancelled || this.ended) return;
      const message = describeFailure(error);
      this.setPhase({ status: 'error', message });
      this.record('app', 'session.error', { ...errorPayload(error), message });
      this.finish('error');
    }
  }

  /** The SDK has added the microphone by now; the assistant's track arrives with the answer. */
  private tapAudio(peerConnection: RTCPeerConnection): void {
    peerConnection.addEventListener('track', (event) => {
      if (event.track.kind !== 'audio') return;
      this.assistantStream = event.streams[0] ?? new MediaStream([event.track]);
      publishLevelSource('assistant', this.assistantStream);
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

  private listen(session: RealtimeSession, transport: OpenAIRealtimeWebRTC): void {
    session.on('agent_handoff', (_context, from, to) => {
      // An agent updated with its own edited prompt (applyAgentPrompt) is no handoff.
      if (from.name === to.name) return;
      this.record('app', 'agent.changed', { from: from.name, to: to.name, reason: 'handoff' });
      // The SDK's session.update for the new agent carries the connect-time input audio configuration.
      this.inputOnServer = this.connectInput;
      this.syncInputAudio();
    });
    session.on('guardrail_tripped', (_context, _agent, error, details) => {
      this.record('app', 'guardrail.tripped', { itemId: details.itemId, message: error.message });
    });
    session.on('tool_approval_requested', (_context, agent, request) => {
      if (request.type !== 'function_approval') return;
      const item = request.approvalItem;
      const call = item.rawItem as { callId?: string; name?: string; arguments?: string };
      this.tools.requested(agent.name, call.callId ?? '', call.name ?? request.tool.name, call.arguments, {
        approve: () => session.approve(item),
        reject: (message) => session.reject(item, { message }),
      });
    });
    session.on('error', ({ error }) => {
      this.record('app', 'sdk.error', { message: error instanceof Error ? error.message : JSON.stringify(error) });
    });
    transport.on('turn_done', (event) => this.responseTexts.add(event.response.output));
    transport.on('connection_change', (status) => {
      if (status === 'disconnected' && !this.ended && this.phase.status === 'connected') {
        this.stopLengthCap();
        this.setMicLive(false);
        this.setPhase({
          status: 'reconnect-needed',
          message: 'The connection to the Realtime API dropped. Connect again to continue; the transcript is kept.',
        });
        this.finish('dropped');
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
    this.inputOnServer = this.connectInput;
    this.syncInputAudio();
  }

  /**
   * Runs an agent with edited instructions and tool descriptions for the rest of the session, without reconnecting;
   * when it is the active agent the SDK's updateAgent sends the server a session.update at once. The change is an
   * app event, so the log says the prompt changed mid-session. Resolves with whether the server got it at once.
   */
  async applyAgentPrompt(
    name: string,
    prompt: { instructions: string; tools: Readonly<Record<string, string>> },
    fields: string[],
  ): Promise<boolean> {
    const agent = this.agents.get(name);
    if (!this.session || this.phase.status !== 'connected' || !agent)
      throw new WorkbenchError('session_unknown', `There is no running session with an agent ${name} to apply the prompt to; connect first.`);
    // Edited in place rather than replaced: the handoffs the SDK has already prepared (the active agent's
    // transfer tools) hold this very object, so a later handoff back to it uses the edit too.
    agent.instructions = prompt.instructions;
    // The same tool objects with another description, so how each call is answered stays as it was.
    agent.tools = agent.tools.map((tool) => {
      const description = tool.type === 'function' ? prompt.tools[tool.name] : undefined;
      return description === undefined ? tool : { ...tool, description };
    });
    const active = this.session.currentAgent === agent;
    this.record('app', 'prompt.applied', {
      agent: name,
      fields,
      active,
      instructionsLength: prompt.instructions.length,
      instructions: prompt.instructions,
      toolDescriptions: prompt.tools,
    });
    if (!active) return false;
    await this.session.updateAgent(agent);
    this.inputOnServer = this.connectInput;
    this.syncInputAudio();
    return true;
  }

  /**
   * The scenario with the prompts the reconnected session had applied, each recorded as a `prompt.applied`
   * marked `carriedOver`, so this session's panel, log and replay say its agents start with the edits.
   */
  private carryPromptsOver(scenario: Scenario, startAgent: string): Scenario {
    const carried = this.options.carriedPrompts ?? noAppliedPrompts;
    for (const [name, prompt] of carried) {
      const agent = scenario.agents.find((candidate) => candidate.name === name);
      if (!agent) continue;
      const fields = [
        ...(prompt.instructions === agent.instructions ? [] : ['instructions']),
        ...agent.tools
          .filter((tool) => prompt.tools[tool.name] !== undefined && prompt.tools[tool.name] !== tool.description)
          .map((tool) => `tools.${tool.name}.description`),
      ];
      if (fields.length === 0) continue;
      this.record('app', 'prompt.applied', {
        agent: name,
        fields,
        active: name === startAgent,
        instructionsLength: prompt.instructions.length,
        instructions: prompt.instructions,
        toolDescriptions: prompt.tools,
        carriedOver: true,
      });
    }
    return withAppliedPrompts(scenario, carried);
  }

  sendText(text: string): void {
    this.session?.sendMessage(text);
  }

  interrupt(): void {
    this.session?.interrupt();
  }

  private setMicLive(live: boolean): void {
    if (live === this.micLive) return;
    this.micLive = live;
    this.record('app', 'mic.state', { live });
  }

  /** The microphone sends audio only when not muted, and in push-to-talk only while the key is down. */
  applyMicrophone(): void {
    if (!this.session) return;
    const { muted, mode } = this.options.currentControls();
    this.session.mute(muted || (mode === 'ptt' && !this.pttActive));
    this.setMicLive(this.session.muted === false);
  }

  setPlayback(on: boolean): void {
    this.audioElement.muted = !on;
    this.audioTap?.audible(on);
  }

  setTurnMode(): void {
    this.pttActive = false;
    this.syncInputAudio();
    this.applyMicrophone();
  }

  /**
   * Settings changed while the session runs: turn detection and noise reduction go to the server at
   * once, the speaker switches at once; the microphone and voice apply at the next connect.
   */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.syncInputAudio();
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
    if (!this.session || this.phase.status !== 'connected' || !sender) return;
    const wanted = JSON.stringify(microphoneConstraints(this.settings));
    if (wanted === this.microphoneOpenedWith) return;
    const previous = this.microphoneOpenedWith;
    this.microphoneOpenedWith = wanted;
    try {
      const fresh = await openMicrophone(this.settings);
      const track = fresh.getAudioTracks()[0];
      if (this.ended || !track) {
        stopStream(fresh);
        return;
      }
      // Muted as the sent track was, so push-to-talk never leaks a moment of audio while it changes.
      track.enabled = sender.track?.enabled ?? false;
      await sender.replaceTrack(track);
      stopStream(this.microphone);
      stopStream(this.meteredMicrophone);
      withdrawLevelSource('microphone', this.meteredMicrophone);
      this.microphone = fresh;
      this.meteredMicrophone = fresh.clone();
      publishLevelSource('microphone', this.meteredMicrophone);
      this.audioTap?.microphone(track);
      this.applyMicrophone();
      this.record('app', 'mic.changed', { label: track.label, constraints: microphoneConstraints(this.settings) });
    } catch (error) {
      this.microphoneOpenedWith = previous;
      const message = error instanceof Error ? error.message : String(error);
      this.record('app', 'mic.error', { message: `The microphone could not be switched (${message}); the session keeps the one it had.` });
    }
  }

  /** Sends the input audio configuration the settings and turn mode ask for, when the server has another. */
  private syncInputAudio(): void {
    if (!this.session || this.phase.status !== 'connected') return;
    const wanted = realtimeInputAudio(this.settings, this.options.currentControls().mode);
    if (this.inputOnServer && sameInputAudio(wanted, this.inputOnServer)) return;
    this.inputOnServer = wanted;
    this.session.transport.sendEvent({ type: 'session.update', session: { type: 'realtime', audio: { input: wanted } } });
  }

  private async routeSpeaker(): Promise<void> {
    const problem = await routeToSpeaker(this.audioElement, this.settings.speakerId);
    if (problem) this.record('app', 'speaker.error', { message: problem });
  }

  private releaseMicrophone(): void {
    stopStream(this.microphone);
    stopStream(this.meteredMicrophone);
    withdrawLevelSource('microphone', this.meteredMicrophone);
    withdrawLevelSource('assistant', this.assistantStream);
    this.microphone = undefined;
    this.meteredMicrophone = undefined;
    this.assistantStream = undefined;
  }

  pushToTalkDown(source: PushToTalkSource): void {
    if (!this.session || this.pttActive) return;
    if (this.assistantSpeaking) this.session.interrupt();
    this.session.transport.sendEvent({ type: 'input_audio_buffer.clear' });
    this.pttActive = true;
    this.record('app', 'ptt.down', { source });
    this.applyMicrophone();
  }

  pushToTalkUp(source: PushToTalkSource): void {
    if (!this.session || !this.pttActive) return;
    this.pttActive = false;
    this.record('app', 'ptt.up', { source });
    this.applyMicrophone();
    this.session.transport.sendEvent({ type: 'input_audio_buffer.commit' });
    this.session.transport.sendEvent({ type: 'response.create' });
  }

  /** Records an app event from outside the SDK's session (the budget watch), in order with everything else. */
  note(type: BudgetEventType, payload: Record<string, unknown>): void {
    if (!this.ended) this.record('app', type, payload);
  }

  private startLengthCap(minutes: number): void {
    if (minutes <= 0) return;
    this.capTimer = setTimeout(() => {
      this.record('app', 'session.capped', { minutes });
      this.close(`The session reached its length cap of ${minutes} min and was closed.`, 'capped');
    }, minutes * 60_000);
  }

  private stopLengthCap(): void {
    if (this.capTimer !== undefined) clearTimeout(this.capTimer);
    this.capTimer = undefined;
  }

  private finish(reason: SessionEndReason): void {
    if (this.ended) return;
    this.ended = true;
    // A dropped or failed session is over too: main stops its supervisor, escalation and guardrail calls
    // and drops a supervisor answer paused for a decision, as it does when the user disconnects.
    void this.options.api.session.end({ sessionId: this.sessionId }).catch(() => undefined);
    this.stopRoundTrip?.();
    this.releaseMicrophone();
    this.audioElement.remove();
    this.options.onEnded?.(reason);
  }

  /** Ends the session (also while it is still connecting): no session, track or call is left behind. */
  close(message?: string, reason: SessionEndReason = 'user'): void {
    if (this.ended) return;
    this.ended = true;
    this.stopLengthCap();
    this.stopRoundTrip?.();
    this.session?.close();
    this.session = undefined;
    void this.options.api.session.end({ sessionId: this.sessionId }).catch(() => undefined);
    this.pttActive = false;
    this.setMicLive(false);
    this.setPhase(message ? { status: 'error', message } : { status: 'idle' });
    this.releaseMicrophone();
    this.audioElement.remove();
    this.options.onEnded?.(reason);
  }
}
