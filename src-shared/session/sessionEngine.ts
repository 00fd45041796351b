import { RealtimeSession, type RealtimeAgent } from '@openai/agents/realtime';
import { noAppliedPrompts, withAppliedPrompts, type AppliedPrompts } from '../appliedPrompts';
import { errorPayload, WorkbenchError } from '../errors';
import { userMessageContent, type OutgoingImage } from '../imageInput';
import type { Scenario } from '../scenario';
import type { SessionEvent } from '../sessionEvent';
import type { Settings } from '../settings';
import { emptyTranscript, type TranscriptState } from '../transcript/transcriptModel';
import { reduceTranscript } from '../transcript/transcriptReducer';
import { carriedPromptEvents, editAgentPrompt, type AgentPrompt } from './agentPrompts';
import { buildAgents } from './buildAgents';
import { connectFailure, refusalMessage, withTimeout } from './connectFailure';
import { conversationTurns, seedConversation, type ConversationTurn } from './conversation';
import { createEventRecorder, type RecordEvent } from './eventRecorder';
import { applyMcpMode, listenForMcp, mcpSecretsRequest } from './mcpServers';
import { moderationGuardrail, ResponseTextQueue } from './outputGuardrail';
import { realtimeSessionOptions } from './realtimeSessionOptions';
import type { PushToTalkSource, SessionEndReason, SessionPhase } from './sessionPhase';
import type { SessionPort } from './sessionPort';
import { changedSessionSettings } from './sessionSettings';
import { plannedSession, samePatch, sessionSettingsEvent, type PlannedSession, type SessionPatch } from './sessionUpdate';
import { ToolControl } from './toolControl';
import type { EarlierMessage, EngineControls, SessionHost, TurnMode } from './sessionHost';

export type { EarlierMessage, EngineControls, SessionHost, TurnMode };

const CONNECT_TIMEOUT_MS = 20_000;
/** A reconnect gives the new session at most this many earlier messages. */
const MAX_SEEDED_MESSAGES = 100;

export interface SessionEngineOptions {
  readonly port: SessionPort;
  readonly scenario: Scenario;
  readonly settings: Settings;
  readonly controls: EngineControls;
  /** The turn mode now, read when it changes mid-session. */
  readonly currentMode: () => TurnMode;
  readonly host: SessionHost;
  /** Every recorded event, in order: the stream the views fold, and the log main writes. */
  readonly onEvent: (event: SessionEvent) => void;
  /** Called once when the session is over, for whatever reason. */
  readonly onEnded?: (reason: SessionEndReason) => void;
  /** The conversation of the session this one reconnects, given to the new one so the agent carries on. */
  readonly history?: readonly EarlierMessage[];
  /** The tool modes of the session this one reconnects (canned results, ask me), which it carries on with. */
  readonly carriedTools?: Parameters<ToolControl['carryOver']>[0];
  /** The prompts applied in the session this one reconnects (saved or not), which its agents start with. */
  readonly carriedPrompts?: AppliedPrompts;
  /** The clock events are stamped with (`performance.now()`). */
  readonly now?: () => number;
  readonly sessionId?: string;
}

/** Thrown inside connect() when the session ended while it was under way. */
class Cancelled extends Error {}

/**
 * One realtime session of a scenario, over whatever transport its host gives it (WebRTC in the page, a
 * WebSocket in Node): the agents and tools built from the scenario, supervisor, escalation and guardrail
 * calls through the port, handoffs, agent switching, tool modes, prompt edits, push-to-talk and the length
 * cap. It writes no view state: everything it does is an event on the one stream, and its own copy of the
 * conversation, folded from the same events, is what tools send to the supervisor and escalation models.
 */
export class SessionEngine {
  readonly sessionId: string;
  /** Tool modes and waiting approvals, set from the Tools panel. */
  readonly tools: ToolControl;
  readonly record: RecordEvent;
  private readonly responseTexts = new ResponseTextQueue();
  private session: RealtimeSession | undefined;
  private agents = new Map<string, RealtimeAgent>();
  private capTimer: ReturnType<typeof setTimeout> | undefined;
  private conversation: TranscriptState = emptyTranscript();
  private phase: SessionPhase = { status: 'idle' };
  private pttActive = false;
  private assistantSpeaking = false;
  private ended = false;
  private settings: Settings;
  /** The settings-decided part of the session it was connected with (a handoff's session.update sends it again). */
  private connectPatch: SessionPatch | undefined;
  /** The settings-decided part of the session the server has now. */
  private patchOnServer: SessionPatch | undefined;
  /** The session settings last recorded (and the model they were planned for), to say what a change changed. */
  private plannedNow: (PlannedSession & { model: string }) | undefined;
  /** The MCP header secrets main resolved for this session; only the agents' tool definitions hold them. */
  private mcpSecrets: Readonly<Record<string, string>> = {};
  /** While connecting: fails the connect with the server's refusal. */
  private refuseConnect: ((message: string) => void) | undefined;

  constructor(private readonly options: SessionEngineOptions) {
    this.sessionId = options.sessionId ?? crypto.randomUUID();
    this.settings = options.settings;
    this.record = createEventRecorder((event) => {
      this.conversation = reduceTranscript(this.conversation, [event]);
      this.observe(event);
      this.tools.observe(event);
      this.onMcpMode(event);
      options.onEvent(event);
    }, options.now);
    this.tools = new ToolControl(this.record);
  }

  get currentPhase(): SessionPhase {
    return this.phase;
  }

  get isEnded(): boolean {
    return this.ended;
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

  /** The conversation as the supervisor and escalation models are given it. */
  conversationTurns(): ConversationTurn[] {
    return conversationTurns(this.conversation);
  }

  private setPhase(phase: SessionPhase): void {
    this.phase = phase;
    this.record('app', 'session.state', { ...phase });
  }

  /** What the engine itself needs to know from the wire: a refusal while connecting, is the assistant speaking. */
  private observe(event: SessionEvent): void {
    if (event.direction !== 'server') return;
    // An MCP server that cannot be reached is reported as an error too, but the session goes on without it.
    if (event.type === 'error' && (event.payload['error'] as { type?: unknown } | undefined)?.type !== 'external_connector_error')
      this.refuseConnect?.(refusalMessage(event.payload));
    else if (event.type === 'output_audio_buffer.started') this.assistantSpeaking = true;
    else if (event.type === 'output_audio_buffer.stopped' || event.type === 'output_audio_buffer.cleared') this.assistantSpeaking = false;
  }

  private checkCancelled(): void {
    if (this.ended) throw new Cancelled();
  }

  async connect(): Promise<void> {
    const { port, scenario, settings, controls, host } = this.options;
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
    const carried = carriedPromptEvents(scenario, this.options.carriedPrompts ?? noAppliedPrompts, startAgent);
    for (const payload of carried) this.record('app', 'prompt.applied', payload);
    const ran = withAppliedPrompts(scenario, this.options.carriedPrompts ?? noAppliedPrompts);
    try {
      this.setPhase({ status: 'connecting', step: 'Minting a session secret…' });
      const now = this.options.now ?? (() => performance.now());
      const mintStarted = now();
      const minted = await port.session.mint({ model: settings.realtimeModel, voice: settings.voice, ...mcpSecretsRequest(ran) });
      this.mcpSecrets = minted.mcpSecrets ?? {};
      this.checkCancelled();
      this.record('app', 'session.minted', {
        model: minted.model,
        expiresAt: minted.expiresAt,
        callsUrl: minted.callsUrl,
        durationMs: Math.round(now() - mintStarted),
      });
      this.agents = buildAgents(
        ran,
        {
          api: port,
          scenario,
          sessionId: this.sessionId,
          record: this.record,
          conversation: () => this.conversationTurns(),
          tools: this.tools,
          mcpSecrets: this.mcpSecrets,
        },
        settings.voice,
      );
      const transport = await host.transport(minted, this.record);
      this.checkCancelled();
      const planned = plannedSession(settings, scenario, controls.mode, minted.model);
      const { patch } = planned;
      this.connectPatch = patch;
      this.patchOnServer = patch;
      this.plannedNow = { ...planned, model: minted.model };
      this.record('app', 'session.settings', sessionSettingsEvent(planned, 'connect'));
      const session = new RealtimeSession(
        this.agents.get(startAgent)!,
        realtimeSessionOptions({
          transport,
          model: minted.model,
          planned,
          scenarioId: scenario.id,
          sessionId: this.sessionId,
          output: controls.output,
          audioFormat: host.audioFormat,
          voice: this.agents.get(startAgent)!.voice ?? settings.voice,
          guardrail: moderationGuardrail(port, scenario, this.sessionId, this.record, this.responseTexts),
        }),
      );
      this.session = session;
      this.listen(session);
      this.setPhase({ status: 'connecting', step: host.connectingStep });
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
      seedConversation(session, seeded);
      this.applyMicrophone();
      host.connected?.();
      this.startLengthCap(controls.lengthCapMinutes);
      this.setPhase({ status: 'connected' });
      // Settings saved while connecting are not in the connect-time configuration.
      this.syncSession();
    } catch (error) {
      this.session?.close();
      this.session = undefined;
      if (error instanceof Cancelled || this.ended) {
        // Ended while the host was opening what the transport needs: let go of what it opened since.
        host.release();
        return;
      }
      const message = connectFailure(error);
      this.setPhase({ status: 'error', message });
      this.record('app', 'session.error', { ...errorPayload(error), message });
      this.end('error');
    }
  }

  private listen(session: RealtimeSession): void {
    session.on('agent_handoff', (_context, from, to) => {
      // An agent updated with its own edited prompt (applyAgentPrompt) is no handoff.
      if (from.name === to.name) return;
      this.record('app', 'agent.changed', { from: from.name, to: to.name, reason: 'handoff' });
      // The SDK's session.update for the new agent carries the connect-time input audio configuration.
      this.patchOnServer = this.connectPatch;
      this.syncSession();
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
    listenForMcp(session, this.tools, this.record);
    session.on('error', ({ error }) => {
      this.record('app', 'sdk.error', { message: error instanceof Error ? error.message : JSON.stringify(error) });
    });
    session.transport.on('turn_done', (event) => this.responseTexts.add(event.response.output));
    session.transport.on('connection_change', (status) => {
      if (status === 'disconnected' && !this.ended && this.phase.status === 'connected') {
        this.options.host.microphoneOff?.();
        this.setPhase({
          status: 'reconnect-needed',
          message: 'The connection to the Realtime API dropped. Connect again to continue; the transcript is kept.',
        });
        this.end('dropped');
      }
    });
  }

  /** An MCP server's mode changed in the Tools panel: its agent asks first (or not) from now on, at once when it is active. */
  private onMcpMode(event: SessionEvent): void {
    const agent = applyMcpMode(event, this.options.scenario, this.agents, this.mcpSecrets, this.tools);
    if (!agent || !this.session || this.session.currentAgent !== agent) return;
    void this.session.updateAgent(agent).then(() => {
      this.patchOnServer = this.connectPatch;
      this.syncSession();
    });
  }

  /** Switches the active agent inside the same session; the conversation is kept. */
  async switchAgent(name: string): Promise<void> {
    const agent = this.agents.get(name);
    if (!this.session || !agent || this.session.currentAgent.name === name) return;
    const from = this.session.currentAgent.name;
    await this.session.updateAgent(agent);
    this.record('app', 'agent.changed', { from, to: name, reason: 'user' });
    this.patchOnServer = this.connectPatch;
    this.syncSession();
  }

  /**
   * Runs an agent with edited instructions and tool descriptions for the rest of the session, without reconnecting;
   * when it is the active agent the SDK's updateAgent sends the server a session.update at once. The change is an
   * app event, so the log says the prompt changed mid-session. Resolves with whether the server got it at once.
   */
  async applyAgentPrompt(name: string, prompt: AgentPrompt, fields: string[]): Promise<boolean> {
    const agent = this.agents.get(name);
    if (!this.session || this.phase.status !== 'connected' || !agent)
      throw new WorkbenchError('session_unknown', `There is no running session with an agent ${name} to apply the prompt to; connect first.`);
    editAgentPrompt(agent, prompt);
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
    this.patchOnServer = this.connectPatch;
    this.syncSession();
    return true;
  }

  /** Sends a user message: the text alone, or the text and images together in one item (`input_image` parts). */
  sendText(text: string, images: readonly OutgoingImage[] = []): void {
    if (images.length === 0) this.session?.sendMessage(text);
    else this.session?.sendMessage({ type: 'message', role: 'user', content: userMessageContent(text, images) });
  }

  /** Sends the user's audio over the transport (a headless caller's PCM16 at 24 kHz): the server's turn detection hears it. */
  sendAudio(pcm: ArrayBuffer): void {
    this.session?.sendAudio(pcm);
  }

  interrupt(): void {
    this.session?.interrupt();
  }

  /** The host decides which of the user's audio goes out; the engine tells it when that may have changed. */
  applyMicrophone(): void {
    if (this.session) this.options.host.applyMicrophone?.(this.session, this.pttActive);
  }

  setTurnMode(): void {
    this.pttActive = false;
    this.syncSession();
    this.applyMicrophone();
  }

  /**
   * Settings changed while the session runs: turn detection, noise reduction and the session settings a
   * session.update takes go to the server at once (and are recorded); tracing waits for the next session.
   */
  applySettings(settings: Settings): void {
    this.settings = settings;
    this.syncSession();
  }

  /** Sends the session configuration the settings and turn mode ask for, when the server has another. */
  private syncSession(): void {
    if (!this.session || this.phase.status !== 'connected' || !this.plannedNow) return;
    const { model } = this.plannedNow;
    const planned = plannedSession(this.settings, this.options.scenario, this.options.currentMode(), model);
    const changed = changedSessionSettings(this.plannedNow.effective.values, planned.effective.values);
    this.plannedNow = { ...planned, model };
    if (changed.now.length > 0 || changed.nextSession.length > 0)
      this.record('app', 'session.settings', sessionSettingsEvent(planned, 'update', changed.nextSession));
    if (this.patchOnServer && samePatch(planned.patch, this.patchOnServer)) return;
    this.patchOnServer = planned.patch;
    this.session.transport.sendEvent({ type: 'session.update', session: { type: 'realtime', ...planned.patch } });
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
  note(type: string, payload: Record<string, unknown>): void {
    if (!this.ended) this.record('app', type, payload);
  }

  private startLengthCap(minutes: number): void {
    if (minutes <= 0) return;
    this.capTimer = setTimeout(() => {
      this.record('app', 'session.capped', { minutes });
      this.close(`The session reached its length cap of ${minutes} min and was closed.`, 'capped');
    }, minutes * 60_000);
  }

  /** Ends the session (also while it is still connecting): no session, track or call is left behind. */
  close(message?: string, reason: SessionEndReason = 'user'): void {
    if (this.ended) return;
    this.pttActive = false;
    this.options.host.microphoneOff?.();
    this.setPhase(message ? { status: 'error', message } : { status: 'idle' });
    this.end(reason);
  }

  /** The one teardown, however the session ends: cancel the cap, close the SDK session, tell main, free the host. */
  private end(reason: SessionEndReason): void {
    if (this.ended) return;
    this.ended = true;
    if (this.capTimer !== undefined) clearTimeout(this.capTimer);
    this.capTimer = undefined;
    this.session?.close();
    this.session = undefined;
    // A dropped or failed session is over too: main stops its supervisor, escalation and guardrail calls
    // and drops a supervisor answer paused for a decision, as it does when the user disconnects.
    void this.options.port.session.end({ sessionId: this.sessionId }).catch(() => undefined);
    this.options.host.release();
    this.options.onEnded?.(reason);
  }
}
