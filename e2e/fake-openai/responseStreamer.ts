import type {
  ConversationItem,
  RealtimeConversationItemAssistantMessage,
  RealtimeConversationItemFunctionCall,
  RealtimeResponse,
} from 'openai/resources/realtime/realtime';
import { ClientEventError, type ClientEvent } from './clientEvents';
import type { Conversation } from './conversation';
import type { FaultControl } from './faults';
import { newId } from './ids';
import type { McpTools } from './mcpTools';
import { encodeAudio, encodingOf, resample, sampleRateOf } from './pcm';
import { describeTurn, planRealtimeResponse, type RealtimePlan } from './realtimeModel';
import type { ServerEventSender } from './realtimeLink';
import { responseUsage } from './realtimeUsage';
import type { FakeScript } from './script';
import type { ServerSession } from './serverSession';
import { toolNamesOf } from './sessionConfig';
import { SPEECH_SAMPLE_RATE, type Speech } from './speech';

/** What responses are made from: the script that plans them, the voice that speaks them, the faults and pacing of their stream. */
export interface ResponseSources {
  script: FakeScript;
  speech: Speech;
  faults: FaultControl;
  /** Pause between streamed deltas, so a response takes time and can be interrupted. */
  deltaIntervalMs: number;
}

interface ActiveResponse {
  response: RealtimeResponse & { id: string; output: ConversationItem[] };
  cancelled?: 'client_cancelled' | 'turn_detected';
}

/** A pause; none at all for 0, so a test can stream a very long reply as fast as the link takes it (the sender paces it). */
const sleep = (ms: number) => (ms <= 0 ? Promise.resolve() : new Promise<void>((resolve) => setTimeout(resolve, ms)));

/** How much assistant audio goes into one WebSocket delta. */
const AUDIO_CHUNK_MS = 200;

/**
 * The assistant's side of a realtime session: plans each response from the script and streams the GA
 * response sequence (speech as audio deltas, or on the WebRTC track in real time, then any tool call),
 * one response at a time, until it completes or is cancelled.
 */
export class ResponseStreamer {
  private active: ActiveResponse | undefined;
  /** The response whose audio output_audio_buffer.cleared refers to. */
  private lastResponseId: string | undefined;

  constructor(
    private readonly out: ServerEventSender,
    private readonly conversation: Conversation,
    private readonly session: () => ServerSession,
    private readonly sources: ResponseSources,
    private readonly mcp?: McpTools,
  ) {}

  get inProgress(): boolean {
    return this.active !== undefined;
  }

  /** response.create from the client, refused while a response is still in progress. */
  create(event: ClientEvent<'response.create'>): void {
    if (this.active) {
      throw new ClientEventError(
        'conversation_already_has_active_response',
        `Conversation already has an active response in progress: ${this.active.response.id}. Wait until the response is finished before creating a new one.`,
        null,
        event.event_id ?? null,
      );
    }
    this.start(event.response);
  }

  cancel(event: ClientEvent<'response.cancel'>): void {
    if (!this.active) {
      throw new ClientEventError('response_cancel_not_active', 'Cancellation failed: no active response found.', null, event.event_id ?? null);
    }
    this.active.cancelled = 'client_cancelled';
    this.out.audioOut?.clear();
  }

  /** The user started speaking over the response (when the session lets speech interrupt). */
  interrupt(): void {
    if (!this.active) return;
    this.active.cancelled = 'turn_detected';
    this.out.audioOut?.clear();
  }

  /** output_audio_buffer.clear: WebRTC playback stops; the response itself runs on. */
  clearOutputAudio(): void {
    this.out.audioOut?.clear();
    this.out.emit({ type: 'output_audio_buffer.cleared', response_id: this.lastResponseId ?? '' });
  }

  /** The session closed: the response in flight stops where it is and nothing more plays. */
  close(): void {
    if (this.active) this.active.cancelled = 'client_cancelled';
    this.out.audioOut?.clear();
  }

  /** Starts a response, asked for by response.create or by server VAD at the end of a user turn. */
  start(options: ClientEvent<'response.create'>['response'], planned?: RealtimePlan): void {
    const session = this.session();
    const modalities = options?.output_modalities ?? session.output_modalities ?? ['audio'];
    const response: ActiveResponse['response'] = {
      object: 'realtime.response',
      id: newId('resp'),
      status: 'in_progress',
      output: [],
      conversation_id: newId('conv'),
      output_modalities: modalities,
      max_output_tokens: 'inf',
      audio: { output: { format: session.audio?.output?.format, voice: session.audio?.output?.voice as string | undefined } },
      metadata: options?.metadata ?? null,
    };
    const active: ActiveResponse = { response };
    this.active = active;
    this.lastResponseId = response.id;
    const plan =
      planned ??
      planRealtimeResponse(
        this.sources.script,
        { instructions: options?.instructions ?? session.instructions ?? '', toolNames: [...toolNamesOf(session), ...(this.mcp?.toolNames() ?? [])] },
        describeTurn(this.conversation.all),
      );
    this.run(active, plan).catch((error: unknown) => {
      console.error(`fake-openai: response ${response.id} failed:`, error);
      this.out.emit({
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

  private async run(active: ActiveResponse, plan: RealtimePlan): Promise<void> {
    const faults = this.sources.faults.take('realtime', 'response');
    const interval = Math.max(this.sources.deltaIntervalMs, faults.deltaDelayMs);
    if (faults.latencyMs) await sleep(faults.latencyMs);
    const { response } = active;
    this.out.emit({ type: 'response.created', response: snapshot(response) });
    let deltas = 0;
    const afterDelta = async () => {
      deltas += 1;
      if (faults.dropMidResponse && deltas === 1) this.out.drop();
      // The next delta waits for the wire to take this one, so a fast stream is slowed, never piled up.
      await this.out.drained();
      await sleep(interval);
    };
    if (plan.say !== undefined) await this.speak(active, plan.say, afterDelta);
    const mcp = this.mcp && {
      response,
      cancelled: () => active.cancelled !== undefined,
      afterDelta,
      finishItem: (outputIndex: number, item: ConversationItem) => this.finishItem(response, outputIndex, item),
    };
    if (plan.approvedMcpCall && mcp) await this.mcp!.runApproved(mcp, plan.approvedMcpCall);
    else if (plan.toolCall && !active.cancelled && !this.out.closed) {
      const args = JSON.stringify(plan.toolCall.arguments);
      if (mcp && this.mcp!.owns(plan.toolCall.name)) await this.mcp!.respond(mcp, plan.toolCall.name, args);
      else await this.callTool(active, plan.toolCall.name, args, afterDelta);
    }
    if (this.out.closed) return;
    response.status = active.cancelled ? 'cancelled' : 'completed';
    if (active.cancelled) response.status_details = { type: 'cancelled', reason: active.cancelled };
    response.usage = responseUsage(this.conversation, response.output);
    this.active = undefined;
    this.out.emit({ type: 'response.done', response: snapshot(response) });
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
    this.out.emit({ type: 'response.output_item.added', response_id: response.id, output_index: ids.output_index, item: snapshot(item) });
    this.conversation.add(item);
    const part = audio ? { type: 'output_audio' as const, transcript: '' } : { type: 'output_text' as const, text: '' };
    item.content.push(part);
    this.out.emit({ type: 'response.content_part.added', ...ids, part: audio ? { type: 'audio', transcript: '' } : { type: 'text', text: '' } });

    const words = text.match(/\S+\s*/g) ?? [text];
    let steps = words.length;
    let wire: Buffer | undefined;
    if (audio) {
      const speech = await this.sources.speech.synthesize(text);
      const speechMs = (speech.length / SPEECH_SAMPLE_RATE) * 1000;
      this.conversation.recordAudio(item.id!, speechMs);
      if (this.out.audioOut) this.out.audioOut.play(speech, response.id);
      else {
        const encoding = encodingOf(this.session().audio?.output?.format);
        wire = encodeAudio(resample(speech, SPEECH_SAMPLE_RATE, sampleRateOf(encoding)), encoding);
      }
      steps = Math.max(steps, Math.ceil(speechMs / AUDIO_CHUNK_MS));
    }
    let said = '';
    for (let step = 0; step < steps && !active.cancelled && !this.out.closed; step++) {
      const wordsNow = words.slice(Math.floor((step * words.length) / steps), Math.floor(((step + 1) * words.length) / steps)).join('');
      if (wire) {
        const from = Math.floor((step * wire.length) / steps / 2) * 2;
        const to = Math.floor(((step + 1) * wire.length) / steps / 2) * 2;
        this.out.emit({ type: 'response.output_audio.delta', ...ids, delta: wire.subarray(from, to).toString('base64') });
      }
      if (wordsNow) {
        said += wordsNow;
        if (audio) this.out.emit({ type: 'response.output_audio_transcript.delta', ...ids, delta: wordsNow });
        else this.out.emit({ type: 'response.output_text.delta', ...ids, delta: wordsNow });
      }
      await afterDelta();
    }
    if (this.out.closed) return;
    item.status = active.cancelled ? 'incomplete' : 'completed';
    if (audio) {
      part.transcript = said;
      this.out.emit({ type: 'response.output_audio.done', ...ids });
      this.out.emit({ type: 'response.output_audio_transcript.done', ...ids, transcript: said });
      this.out.emit({ type: 'response.content_part.done', ...ids, part: { type: 'audio', transcript: said } });
    } else {
      (part as { text: string }).text = said;
      this.out.emit({ type: 'response.output_text.done', ...ids, text: said });
      this.out.emit({ type: 'response.content_part.done', ...ids, part: { type: 'text', text: said } });
    }
    this.finishItem(response, ids.output_index, item);
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
    const ids = { response_id: response.id, item_id: item.id!, output_index: response.output.length, call_id: item.call_id! };
    response.output.push(item);
    this.out.emit({ type: 'response.output_item.added', response_id: response.id, output_index: ids.output_index, item: snapshot(item) });
    this.conversation.add(item);
    const chunks = args.match(/.{1,24}/gs) ?? [args];
    for (const chunk of chunks) {
      if (active.cancelled || this.out.closed) break;
      item.arguments += chunk;
      this.out.emit({ type: 'response.function_call_arguments.delta', ...ids, delta: chunk });
      await afterDelta();
    }
    if (this.out.closed) return;
    item.status = active.cancelled ? 'incomplete' : 'completed';
    if (!active.cancelled) this.out.emit({ type: 'response.function_call_arguments.done', ...ids, name, arguments: item.arguments });
    this.finishItem(response, ids.output_index, item);
  }

  /** An output item is complete (or cut short): the response and the conversation each say so. */
  private finishItem(response: ActiveResponse['response'], outputIndex: number, item: ConversationItem): void {
    this.out.emit({ type: 'response.output_item.done', response_id: response.id, output_index: outputIndex, item: snapshot(item) });
    this.out.emit({ type: 'conversation.item.done', item: snapshot(item), previous_item_id: this.conversation.previousId(item) });
  }
}

/** Items and responses keep changing after an event is sent, so each event carries a copy. */
function snapshot<T>(value: T): T {
  return structuredClone(value);
}
