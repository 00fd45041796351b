import type {
  ConversationItem,
  RealtimeConversationItemAssistantMessage,
  RealtimeConversationItemFunctionCall,
  RealtimeResponse,
  RealtimeResponseUsage,
  RealtimeServerEvent,
} from 'openai/resources/realtime/realtime';
import { ClientEventError, parseClientEvent, type ClientEvent, type ConversationItemInput } from './clientEvents';
import type { FaultControl } from './faults';
import { newId } from './ids';
import { decodeAudio, encodeAudio, encodingOf, resample, sampleRateOf, type AudioEncoding } from './pcm';
import { describeTurn, planRealtimeResponse, type RealtimePlan } from './realtimeModel';
import type { ReceivedLog } from './receivedLog';
import type { FakeScript } from './script';
import type { ServerSession } from './serverSession';
import { mergeSession, toolNamesOf, turnDetectionOf, voiceFault } from './sessionConfig';
import { SPEECH_SAMPLE_RATE, type Speech } from './speech';
import { defaultVadOptions, EnergyVad } from './vad';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A server event before the session stamps its unique `event_id`. */
export type OutgoingEvent = DistributiveOmit<RealtimeServerEvent, 'event_id'>;

/** WebRTC's outgoing audio track: real-time playback the client can clear. */
export interface AudioOutput {
  play(samples48k: Int16Array, responseId: string): void;
  /** Stops playback and drops what is queued; true if anything was playing. */
  clear(): boolean;
  setListener(listener: { started(responseId: string): void; stopped(responseId: string): void }): void;
}

/** How a session reaches its client: a WebSocket or a WebRTC data channel plus audio track. */
export interface RealtimeLink {
  readonly transport: 'websocket' | 'webrtc';
  send(event: RealtimeServerEvent): void;
  readonly audioOut?: AudioOutput;
  /** Drops the connection abruptly (a fault). */
  drop(): void;
}

export interface SessionDeps {
  script: FakeScript;
  speech: Speech;
  faults: FaultControl;
  log: ReceivedLog;
  /** Pause between streamed deltas, so a response takes time and can be interrupted. */
  deltaIntervalMs: number;
}

interface ActiveResponse {
  response: RealtimeResponse & { id: string; output: ConversationItem[] };
  cancelled?: 'client_cancelled' | 'turn_detected';
}

/** A pause; none at all for 0, so a test can stream a very long reply as fast as the link takes it. */
const sleep = (ms: number) => (ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms)));

/** How much assistant audio goes into one WebSocket delta. */
const AUDIO_CHUNK_MS = 200;

/** One realtime conversation, driven by client events and microphone audio, answering as the script says. */
export class RealtimeSession {
  private session: ServerSession;
  private readonly conversation: ConversationItem[] = [];
  private readonly assistantAudioMs = new Map<string, number>();
  private active: ActiveResponse | undefined;
  /** The response whose audio output_audio_buffer.cleared refers to. */
  private lastResponseId: string | undefined;
  private audioTurns = 0;
  private vad: EnergyVad | undefined;
  private inputBufferMs = 0;
  private pendingUserItemId = newId('item');
  private closed = false;

  constructor(
    private readonly link: RealtimeLink,
    private readonly deps: SessionDeps,
    initial: ServerSession,
  ) {
    this.session = initial;
    this.resetVad();
    link.audioOut?.setListener({
      started: (responseId) => this.emit({ type: 'output_audio_buffer.started', response_id: responseId }),
      stopped: (responseId) => this.emit({ type: 'output_audio_buffer.stopped', response_id: responseId }),
    });
    this.emit({ type: 'session.created', session: this.session });
  }

  get id(): string {
    return this.session.id;
  }

  close(): void {
    this.closed = true;
    if (this.active) this.active.cancelled = 'client_cancelled';
    this.link.audioOut?.clear();
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
    const ms = (samples.length / sampleRate) * 1000;
    this.inputBufferMs += ms;
    this.deps.log.recordInputAudio(this.id, ms);
    if (!this.vad) return;
    const atRate = resample(samples, sampleRate, 24_000);
    for (const event of this.vad.push(atRate)) {
      if (event.type === 'speech_started') this.onSpeechStarted(event.audioStartMs);
      else this.onSpeechStopped(event.audioEndMs);
    }
  }

  private handle(parsed: ReturnType<typeof parseClientEvent>): void {
    switch (parsed.type) {
      case 'session.update':
        return this.updateSession(parsed.event);
      case 'conversation.item.create':
        return this.createItem(parsed.event);
      case 'conversation.item.retrieve':
        return this.emit({ type: 'conversation.item.retrieved', item: this.findItem(parsed.event.item_id, parsed.event.event_id) });
      case 'conversation.item.delete':
        this.findItem(parsed.event.item_id, parsed.event.event_id);
        this.conversation.splice(
          this.conversation.findIndex((item) => item.id === parsed.event.item_id),
          1,
        );
        return this.emit({ type: 'conversation.item.deleted', item_id: parsed.event.item_id });
      case 'conversation.item.truncate':
        return this.truncate(parsed.event);
      case 'input_audio_buffer.append':
        return this.receiveAudio(decodeAudio(Buffer.from(parsed.event.audio, 'base64'), this.inputEncoding), sampleRateOf(this.inputEncoding));
      case 'input_audio_buffer.commit':
        return this.commitInput(parsed.event.event_id);
      case 'input_audio_buffer.clear':
        this.inputBufferMs = 0;
        this.resetVad();
        return this.emit({ type: 'input_audio_buffer.cleared' });
      case 'output_audio_buffer.clear':
        this.link.audioOut?.clear();
        return this.emit({ type: 'output_audio_buffer.cleared', response_id: this.lastResponseId ?? '' });
      case 'response.create':
        return this.createResponse(parsed.event);
      case 'response.cancel':
        if (!this.active) {
          throw new ClientEventError(
            'response_cancel_not_active',
            'Cancellation failed: no active response found.',
            null,
            parsed.event.event_id ?? null,
          );
        }
        this.active.cancelled = 'client_cancelled';
        this.link.audioOut?.clear();
        return;
    }
  }

  private get inputEncoding(): AudioEncoding {
    return encodingOf(this.session.audio?.input?.format);
  }

  private get outputEncoding(): AudioEncoding {
    return encodingOf(this.session.audio?.output?.format);
  }

  private updateSession(event: ClientEvent<'session.update'>): void {
    const badVoice = voiceFault(event.session);
    if (badVoice) throw new ClientEventError('invalid_value', badVoice, 'session.audio.output.voice', event.event_id ?? null);
    const before = JSON.stringify(turnDetectionOf(this.session));
    this.session = mergeSession(this.session, event.session);
    // A handoff re-sends the whole session; keep listening through it unless turn detection really changed.
    if (JSON.stringify(turnDetectionOf(this.session)) !== before) this.resetVad();
    this.emit({ type: 'session.updated', session: this.session });
  }

  private resetVad(): void {
    const detection = turnDetectionOf(this.session);
    this.vad = detection
      ? new EnergyVad({
          ...defaultVadOptions,
          sampleRate: 24_000,
          silenceDurationMs: detection.silenceDurationMs,
          prefixPaddingMs: detection.prefixPaddingMs,
        })
      : undefined;
  }

  private createItem(event: ClientEvent<'conversation.item.create'>): void {
    const item = toConversationItem(event.item);
    if (item.id && this.conversation.some((existing) => existing.id === item.id)) {
      throw new ClientEventError('item_id_already_exists', `Item with id '${item.id}' already exists.`, 'item.id', event.event_id ?? null);
    }
    if (
      item.type === 'function_call_output' &&
      !this.conversation.some((other) => other.type === 'function_call' && other.call_id === item.call_id)
    ) {
      throw new ClientEventError(
        'invalid_value',
        `Tool call output '${item.call_id}' does not match any function call in the conversation.`,
        'item.call_id',
        event.event_id ?? null,
      );
    }
    this.addItem(item, event.previous_item_id ?? undefined);
    this.emit({ type: 'conversation.item.done', item, previous_item_id: this.previousId(item) });
  }

  private addItem(item: ConversationItem, previousItemId?: string): void {
    const index = previousItemId ? this.conversation.findIndex((other) => other.id === previousItemId) + 1 : this.conversation.length;
    this.conversation.splice(index > 0 ? index : this.conversation.length, 0, item);
    this.emit({ type: 'conversation.item.added', item, previous_item_id: this.previousId(item) });
  }

  private previousId(item: ConversationItem): string | null {
    const index = this.conversation.indexOf(item);
    return index > 0 ? (this.conversation[index - 1]!.id ?? null) : null;
  }

  private findItem(itemId: string, clientEventId: string | undefined): ConversationItem {
    const item = this.conversation.find((existing) => existing.id === itemId);
    if (!item) throw new ClientEventError('item_not_found', `Item with item_id '${itemId}' not found.`, 'item_id', clientEventId ?? null);
    return item;
  }

  private truncate(event: ClientEvent<'conversation.item.truncate'>): void {
    const item = this.findItem(event.item_id, event.event_id);
    if (item.type !== 'message' || item.role !== 'assistant') {
      throw new ClientEventError('invalid_value', 'Only assistant messages can be truncated.', 'item_id', event.event_id ?? null);
    }
    const part = item.content[event.content_index];
    const totalMs = this.assistantAudioMs.get(item.id!) ?? 0;
    if (!part || part.type !== 'output_audio') {
      throw new ClientEventError(
        'invalid_value',
        `Content index ${event.content_index} of item '${item.id}' has no audio.`,
        'content_index',
        event.event_id ?? null,
      );
    }
    if (event.audio_end_ms > totalMs) {
      throw new ClientEventError(
        'invalid_value',
        `Audio content of ${Math.round(totalMs)}ms is already shorter than ${event.audio_end_ms}ms`,
        'audio_end_ms',
        event.event_id ?? null,
      );
    }
    // The model only "said" what was heard: keep the share of the transcript that was played.
    const transcript = part.transcript ?? '';
    part.transcript = totalMs > 0 ? transcript.slice(0, Math.round((transcript.length * event.audio_end_ms) / totalMs)) : '';
    this.emit({ type: 'conversation.item.truncated', item_id: item.id!, content_index: event.content_index, audio_end_ms: event.audio_end_ms });
  }

  private onSpeechStarted(audioStartMs: number): void {
    this.emit({ type: 'input_audio_buffer.speech_started', audio_start_ms: Math.round(audioStartMs), item_id: this.pendingUserItemId });
    if (this.active && turnDetectionOf(this.session)?.interruptResponse) {
      this.active.cancelled = 'turn_detected';
      this.link.audioOut?.clear();
    }
  }

  private onSpeechStopped(audioEndMs: number): void {
    this.emit({ type: 'input_audio_buffer.speech_stopped', audio_end_ms: Math.round(audioEndMs), item_id: this.pendingUserItemId });
    this.commitAudioTurn();
    if (turnDetectionOf(this.session)?.createResponse && !this.active) this.startResponse(undefined);
  }

  private commitInput(clientEventId: string | undefined): void {
    if (this.inputBufferMs < 100) {
      throw new ClientEventError(
        'input_audio_buffer_commit_empty',
        `Error committing input audio buffer: buffer too small. Expected at least 100ms of audio, but buffer only has ${this.inputBufferMs.toFixed(2)}ms of audio.`,
        null,
        clientEventId ?? null,
      );
    }
    this.commitAudioTurn();
  }

  /** The user's audio becomes an item; the script says what it "heard". */
  private commitAudioTurn(): void {
    const itemId = this.pendingUserItemId;
    this.pendingUserItemId = newId('item');
    this.inputBufferMs = 0;
    const transcript = this.deps.script.audioTranscripts[this.audioTurns] ?? this.deps.script.defaultAudioTranscript;
    this.audioTurns += 1;
    this.emit({ type: 'input_audio_buffer.committed', item_id: itemId, previous_item_id: this.conversation.at(-1)?.id ?? null });
    // The GA server sends `transcript: null` until transcription finishes; the openai typings do not model null.
    const item = {
      id: itemId,
      object: 'realtime.item',
      type: 'message',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_audio', transcript: null }],
    } as unknown as ConversationItem;
    this.addItem(item);
    this.emit({ type: 'conversation.item.done', item, previous_item_id: this.previousId(item) });
    (item as { content: { transcript: string | null }[] }).content[0]!.transcript = transcript;
    if (this.session.audio?.input?.transcription) {
      this.emit({ type: 'conversation.item.input_audio_transcription.delta', item_id: itemId, content_index: 0, delta: transcript });
      this.emit({
        type: 'conversation.item.input_audio_transcription.completed',
        item_id: itemId,
        content_index: 0,
        transcript,
        usage: { type: 'tokens', input_tokens: 20, output_tokens: estimateTokens(transcript), total_tokens: 20 + estimateTokens(transcript) },
      });
    }
  }

  private createResponse(event: ClientEvent<'response.create'>): void {
    if (this.active) {
      throw new ClientEventError(
        'conversation_already_has_active_response',
        `Conversation already has an active response in progress: ${this.active.response.id}. Wait until the response is finished before creating a new one.`,
        null,
        event.event_id ?? null,
      );
    }
    this.startResponse(event.response);
  }

  private startResponse(options: ClientEvent<'response.create'>['response']): void {
    const modalities = options?.output_modalities ?? this.session.output_modalities ?? ['audio'];
    const response: ActiveResponse['response'] = {
      object: 'realtime.response',
      id: newId('resp'),
      status: 'in_progress',
      output: [],
      conversation_id: newId('conv'),
      output_modalities: modalities,
      max_output_tokens: 'inf',
      audio: { output: { format: this.session.audio?.output?.format, voice: this.session.audio?.output?.voice as string | undefined } },
      metadata: options?.metadata ?? null,
    };
    const active: ActiveResponse = { response };
    this.active = active;
    this.lastResponseId = response.id;
    const plan = planRealtimeResponse(
      this.deps.script,
      { instructions: options?.instructions ?? this.session.instructions ?? '', toolNames: toolNamesOf(this.session) },
      describeTurn(this.conversation),
    );
    this.runResponse(active, plan).catch((error: unknown) => {
      console.error(`fake-openai: response ${response.id} failed:`, error);
      this.emit({
        type: 'error',
        error: {
          type: 'server_error',
          code: 'server_error',
          message: `The fake server failed: ${(error as Error).message}`,
          param: null,
          event_id: null,
        },
      });
    });
  }

  private async runResponse(active: ActiveResponse, plan: RealtimePlan): Promise<void> {
    const faults = this.deps.faults.take('realtime', 'response');
    const interval = Math.max(this.deps.deltaIntervalMs, faults.deltaDelayMs);
    if (faults.latencyMs) await sleep(faults.latencyMs);
    const { response } = active;
    this.emit({ type: 'response.created', response: snapshot(response) });
    let deltas = 0;
    const afterDelta = async () => {
      deltas += 1;
      if (faults.dropMidResponse && deltas === 1) {
        this.closed = true;
        this.link.drop();
      }
      await sleep(interval);
    };
    if (plan.say !== undefined) await this.speak(active, plan.say, afterDelta);
    if (plan.toolCall && !active.cancelled && !this.closed)
      await this.callTool(active, plan.toolCall.name, JSON.stringify(plan.toolCall.arguments), afterDelta);
    if (this.closed) return;
    response.status = active.cancelled ? 'cancelled' : 'completed';
    if (active.cancelled) response.status_details = { type: 'cancelled', reason: active.cancelled };
    response.usage = usageFor(this.conversation, response.output, this.assistantAudioMs);
    this.active = undefined;
    this.emit({ type: 'response.done', response: snapshot(response) });
  }

  private async speak(active: ActiveResponse, text: string, afterDelta: () => Promise<void>): Promise<void> {
    const { response } = active;
    const audio = response.output_modalities?.includes('audio') ?? true;
    const item: RealtimeConversationItemAssistantMessage = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'message',
      role: 'assistant',
      status: 'in_progress',
      content: [],
    };
    const ids = { response_id: response.id, item_id: item.id!, output_index: response.output.length, content_index: 0 };
    response.output.push(item);
    this.emit({ type: 'response.output_item.added', response_id: response.id, output_index: ids.output_index, item: snapshot(item) });
    this.addItem(item);
    const part = audio ? { type: 'output_audio' as const, transcript: '' } : { type: 'output_text' as const, text: '' };
    item.content.push(part);
    this.emit({ type: 'response.content_part.added', ...ids, part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });

    const words = text.match(/\S+\s*/g) ?? [text];
    let steps = words.length;
    let wire: Buffer | undefined;
    if (audio) {
      const speech = await this.deps.speech.synthesize(text);
      this.assistantAudioMs.set(item.id!, (speech.length / SPEECH_SAMPLE_RATE) * 1000);
      if (this.link.audioOut) this.link.audioOut.play(speech, response.id);
      else wire = encodeAudio(resample(speech, SPEECH_SAMPLE_RATE, sampleRateOf(this.outputEncoding)), this.outputEncoding);
      steps = Math.max(steps, Math.ceil(this.assistantAudioMs.get(item.id!)! / AUDIO_CHUNK_MS));
    }
    let said = '';
    for (let step = 0; step < steps && !active.cancelled && !this.closed; step++) {
      const wordsNow = words.slice(Math.floor((step * words.length) / steps), Math.floor(((step + 1) * words.length) / steps)).join('');
      if (wire) {
        const from = Math.floor((step * wire.length) / steps / 2) * 2;
        const to = Math.floor(((step + 1) * wire.length) / steps / 2) * 2;
        this.emit({ type: 'response.output_audio.delta', ...ids, delta: wire.subarray(from, to).toString('base64') });
      }
      if (wordsNow) {
        said += wordsNow;
        if (audio) this.emit({ type: 'response.output_audio_transcript.delta', ...ids, delta: wordsNow });
        else this.emit({ type: 'response.output_text.delta', ...ids, delta: wordsNow });
      }
      await afterDelta();
    }
    if (this.closed) return;
    item.status = active.cancelled ? 'incomplete' : 'completed';
    if (audio) {
      part.transcript = said;
      this.emit({ type: 'response.output_audio.done', ...ids });
      this.emit({ type: 'response.output_audio_transcript.done', ...ids, transcript: said });
      this.emit({ type: 'response.content_part.done', ...ids, part: { type: 'audio', transcript: said } });
    } else {
      (part as { text: string }).text = said;
      this.emit({ type: 'response.output_text.done', ...ids, text: said });
      this.emit({ type: 'response.content_part.done', ...ids, part: { type: 'text', text: said } });
    }
    this.emit({ type: 'response.output_item.done', response_id: response.id, output_index: ids.output_index, item: snapshot(item) });
    this.emit({ type: 'conversation.item.done', item: snapshot(item), previous_item_id: this.previousId(item) });
  }

  private async callTool(active: ActiveResponse, name: string, args: string, afterDelta: () => Promise<void>): Promise<void> {
    const { response } = active;
    const item: RealtimeConversationItemFunctionCall = {
      id: newId('item'),
      object: 'realtime.item',
      type: 'function_call',
      status: 'in_progress',
      name,
      call_id: newId('call'),
      arguments: '',
    };
    const outputIndex = response.output.length;
    response.output.push(item);
    this.emit({ type: 'response.output_item.added', response_id: response.id, output_index: outputIndex, item: snapshot(item) });
    this.addItem(item);
    const chunks = args.match(/.{1,24}/gs) ?? [args];
    for (const chunk of chunks) {
      if (active.cancelled || this.closed) break;
      item.arguments += chunk;
      this.emit({
        type: 'response.function_call_arguments.delta',
        response_id: response.id,
        item_id: item.id!,
        output_index: outputIndex,
        call_id: item.call_id!,
        delta: chunk,
      });
      await afterDelta();
    }
    if (this.closed) return;
    item.status = active.cancelled ? 'incomplete' : 'completed';
    if (!active.cancelled) {
      this.emit({
        type: 'response.function_call_arguments.done',
        response_id: response.id,
        item_id: item.id!,
        output_index: outputIndex,
        call_id: item.call_id!,
        name,
        arguments: item.arguments,
      });
    }
    this.emit({ type: 'response.output_item.done', response_id: response.id, output_index: outputIndex, item: snapshot(item) });
    this.emit({ type: 'conversation.item.done', item: snapshot(item), previous_item_id: this.previousId(item) });
  }

  private sendError(error: ClientEventError): void {
    this.emit({
      type: 'error',
      error: { type: 'invalid_request_error', code: error.code, message: error.message, param: error.param, event_id: error.clientEventId },
    });
  }

  private emit(event: OutgoingEvent): void {
    if (this.closed && event.type !== 'session.created') return;
    const stamped = { ...event, event_id: newId('event') } as RealtimeServerEvent;
    this.deps.log.recordSent({ at: Date.now(), sessionId: this.id, transport: this.link.transport, event: stamped });
    this.link.send(stamped);
  }
}

/** Items and responses keep changing after an event is sent, so each event carries a copy. */
function snapshot<T>(value: T): T {
  return structuredClone(value);
}

function toConversationItem(input: ConversationItemInput): ConversationItem {
  const base = { ...input, id: input.id ?? newId('item'), object: 'realtime.item' as const, status: 'completed' as const };
  if (base.type === 'message') {
    // The SDK's history needs the transcript key on audio parts (null until known).
    base.content = base.content.map((part) => (part.type === 'input_audio' ? { transcript: null, ...part } : part));
  }
  if (base.type === 'function_call') base.call_id ??= newId('call');
  return base as unknown as ConversationItem;
}

function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

function usageFor(
  conversation: readonly ConversationItem[],
  output: readonly ConversationItem[],
  audioMs: ReadonlyMap<string, number>,
): RealtimeResponseUsage {
  const textIn = estimateTokens(JSON.stringify(conversation.filter((item) => !output.includes(item))));
  const audioOut = output.reduce((sum, item) => sum + Math.round((audioMs.get(item.id ?? '') ?? 0) / 50), 0);
  const textOut = estimateTokens(JSON.stringify(output));
  return {
    total_tokens: textIn + textOut + audioOut,
    input_tokens: textIn,
    output_tokens: textOut + audioOut,
    input_token_details: { text_tokens: textIn, audio_tokens: 0, cached_tokens: 0, cached_tokens_details: { text_tokens: 0, audio_tokens: 0 } },
    output_token_details: { text_tokens: textOut, audio_tokens: audioOut },
  };
}
