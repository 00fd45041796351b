import { ClientEventError, parseClientEvent, type ClientEvent, type ParsedClientEvent } from './clientEvents';
import { Conversation } from './conversation';
import { IdleTimeout } from './idleTimeout';
import { InputAudioBuffer } from './inputAudioBuffer';
import { McpTools } from './mcpTools';
import { ServerEventSender, type RealtimeLink } from './realtimeLink';
import type { ReceivedLog } from './receivedLog';
import { ResponseStreamer, type ResponseSources } from './responseStreamer';
import type { ServerSession } from './serverSession';
import type { SpokenLines } from './speechRoute';
import { mergeSession, turnDetectionOf } from './sessionConfig';
import { sessionFieldFault } from './sessionFieldRules';

export interface SessionDeps extends ResponseSources {
  log: ReceivedLog;
  /** Lines the Speech API spoke, which the fake "hears" when they come back as audio turns. */
  spoken: SpokenLines;
}

/**
 * One realtime conversation, driven by client events and microphone audio, answering as the script says.
 * It owns the session config and decides turn-taking; the user's audio, the conversation's items and the
 * assistant's responses are each handled by a part of their own.
 */
export class RealtimeSession {
  private session: ServerSession;
  private readonly out: ServerEventSender;
  private readonly conversation: Conversation;
  private readonly input: InputAudioBuffer;
  private readonly responses: ResponseStreamer;
  private readonly idle: IdleTimeout;
  private readonly mcp: McpTools;

  constructor(
    private readonly link: RealtimeLink,
    private readonly deps: SessionDeps,
    initial: ServerSession,
  ) {
    this.session = initial;
    this.out = new ServerEventSender(link, initial.id, deps.log);
    this.conversation = new Conversation(this.out);
    const current = () => this.session;
    this.mcp = new McpTools(this.out, this.conversation);
    this.responses = new ResponseStreamer(this.out, this.conversation, current, deps, this.mcp);
    this.input = new InputAudioBuffer({
      out: this.out,
      conversation: this.conversation,
      session: current,
      script: deps.script,
      spoken: deps.spoken,
      recordAudio: (ms) => deps.log.recordInputAudio(this.id, ms),
      turns: { speechStarted: () => this.onSpeechStarted(), speechStopped: () => this.onSpeechStopped() },
      transcriptionFails: () => deps.faults.transcriptionFails(),
    });
    this.idle = new IdleTimeout({
      timeoutMs: () => turnDetectionOf(this.session)?.idleTimeoutMs,
      audioMs: () => this.input.audioMs,
      fire: (audioStartMs, audioEndMs) => {
        this.input.commitIdle(audioStartMs, audioEndMs);
        this.onSpeechStopped();
      },
    });
    this.out.watch((event) => this.idle.observe(event));
    link.audioOut?.setListener({
      started: (responseId) => this.out.emit({ type: 'output_audio_buffer.started', response_id: responseId }),
      stopped: (responseId) => this.out.emit({ type: 'output_audio_buffer.stopped', response_id: responseId }),
    });
    this.out.emit({ type: 'session.created', session: this.session });
  }

  get id(): string {
    return this.session.id;
  }

  close(): void {
    this.idle.stop();
    this.out.close();
    this.responses.close();
  }

  /** A client event as it arrived on the wire. */
  receive(raw: string): void {
    let parsedJson: unknown = raw;
    try {
      parsedJson = JSON.parse(raw);
    } catch {
      // Logged as text; parseClientEvent answers with invalid_json.
    }
    this.deps.log.recordRealtime({ at: Date.now(), sessionId: this.id, transport: this.link.transport, event: parsedJson as never });
    try {
      this.handle(parseClientEvent(raw));
    } catch (error) {
      if (!(error instanceof ClientEventError)) throw error;
      this.sendError(error);
    }
  }

  /** Microphone audio (PCM16 at `sampleRate`), from the WebRTC track or decoded from input_audio_buffer.append. */
  receiveAudio(samples: Int16Array, sampleRate: number): void {
    this.input.append(samples, sampleRate);
  }

  private handle(parsed: ParsedClientEvent): void {
    switch (parsed.type) {
      case 'session.update':
        return this.updateSession(parsed.event);
      case 'conversation.item.create':
        return this.createItem(parsed.event);
      case 'conversation.item.retrieve':
        return this.conversation.retrieve(parsed.event);
      case 'conversation.item.delete':
        return this.conversation.delete(parsed.event);
      case 'conversation.item.truncate':
        return this.conversation.truncate(parsed.event);
      case 'input_audio_buffer.append':
        return this.input.appendEncoded(parsed.event.audio);
      case 'input_audio_buffer.commit':
        return this.input.commit(parsed.event.event_id);
      case 'input_audio_buffer.clear':
        return this.input.clear();
      case 'output_audio_buffer.clear':
        return this.responses.clearOutputAudio();
      case 'response.create':
        return this.responses.create(parsed.event);
      case 'response.cancel':
        return this.responses.cancel(parsed.event);
    }
  }

  /** An item from the client; an approved MCP call runs in a response of its own, as the API runs it. */
  private createItem(event: ClientEvent<'conversation.item.create'>): void {
    // Checked before the item joins the conversation: a response to no request is refused.
    const approved = event.item.type === 'mcp_approval_response' ? this.mcp.answered(event.item, event.event_id) : undefined;
    this.conversation.create(event);
    if (approved && !this.responses.inProgress) this.responses.start(undefined, { rule: 'mcp_approval_response', approvedMcpCall: approved });
  }

  private updateSession(event: ClientEvent<'session.update'>): void {
    const fault = sessionFieldFault(event.session);
    if (fault) throw new ClientEventError(fault.code, fault.message, fault.param, event.event_id ?? null);
    const before = JSON.stringify(turnDetectionOf(this.session));
    this.session = mergeSession(this.session, event.session);
    // A handoff re-sends the whole session; keep listening through it unless turn detection really changed.
    if (JSON.stringify(turnDetectionOf(this.session)) !== before) this.input.resetVad();
    this.out.emit({ type: 'session.updated', session: this.session });
    this.mcp.sync(this.session);
  }

  private onSpeechStarted(): void {
    if (turnDetectionOf(this.session)?.interruptResponse) this.responses.interrupt();
  }

  private onSpeechStopped(): void {
    if (turnDetectionOf(this.session)?.createResponse && !this.responses.inProgress) this.responses.start(undefined);
  }

  private sendError(error: ClientEventError): void {
    this.out.emit({
      type: 'error',
      error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.param, event_id: error.clientEventId },
    });
  }
}
