import type { SessionEvent } from './sessionEvent';

/** What the inspector knows about an event beyond its own payload: where in the session it happened. */
export interface EventAnnotation {
  /** The agent active when the event happened (undefined before the session said which). */
  readonly agent: string | undefined;
  /** The user turn it belongs to: 0 before the user first spoke or typed, then 1, 2, … */
  readonly turn: number;
  /** The conversation item it is about, if any (a message or a function call item). */
  readonly itemId: string | undefined;
  /** The tool call it is about, if any: realtime `call_id`, or the app's `callId` for backend calls. */
  readonly callId: string | undefined;
  /** Streaming deltas of one item share a key, so the inspector can fold them into one row. */
  readonly foldKey: string | undefined;
  /** On a `response.done`: how long the response took since its `response.created`. */
  readonly responseMs: number | undefined;
}

type Payload = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

/** Server and client events that stream one item piece by piece: folded into one row per item by default. */
export const DELTA_TYPES: ReadonlySet<string> = new Set([
  'response.output_audio.delta',
  'response.output_audio_transcript.delta',
  'response.output_text.delta',
  'response.function_call_arguments.delta',
  'response.mcp_call_arguments.delta',
  'conversation.item.input_audio_transcription.delta',
  'input_audio_buffer.append',
]);

function isUserMessage(item: unknown): boolean {
  const record = item as Payload | undefined;
  return record?.['type'] === 'message' && record['role'] === 'user';
}

/** The user started a turn: began speaking, pressed push-to-talk, or sent a typed message. */
function startsUserTurn(event: SessionEvent): boolean {
  return (
    (event.direction === 'server' && event.type === 'input_audio_buffer.speech_started') ||
    // The idle timeout commits the silence as the user's turn.
    (event.direction === 'server' && event.type === 'input_audio_buffer.timeout_triggered') ||
    (event.direction === 'app' && event.type === 'ptt.down') ||
    (event.direction === 'client' && event.type === 'conversation.item.create' && isUserMessage(event.payload['item']))
  );
}

/**
 * Annotates events in stream order. It keeps only the running agent and turn, so annotating a batch
 * costs O(batch); feed it every event once, in order (live, or as a log is read).
 */
export class EventAnnotator {
  private agent: string | undefined;
  private turn = 0;
  /** Whether the assistant has answered since the current turn began; a new user start opens the next turn only then. */
  private answered = true;
  /** When each response still running was created, by response id. */
  private readonly responseStarts = new Map<string, number>();
  /** An approved hosted MCP call's item, by id: the approval request it carries out, which names the call in the transcript. */
  private readonly mcpCalls = new Map<string, string>();

  /**
   * A hosted MCP call has no `call_id`: its approval request's id names it (the `mcp_call` carries it as
   * `approval_request_id`, as does the client's `mcp_approval_response`), else its own item id.
   */
  private mcpCallOf(item: Payload | undefined, itemId: string | undefined): string | undefined {
    const type = item?.['type'];
    const approval = str(item?.['approval_request_id']);
    if (type === 'mcp_call' && itemId) {
      if (approval) this.mcpCalls.set(itemId, approval);
      return approval ?? itemId;
    }
    if (type === 'mcp_approval_request' || type === 'mcp_approval_response') return approval ?? itemId;
    return itemId === undefined ? undefined : this.mcpCalls.get(itemId);
  }

  annotate(event: SessionEvent): EventAnnotation {
    const payload = event.payload;
    if (event.direction === 'app' && (event.type === 'session.started' || event.type === 'agent.changed')) {
      this.agent = str(payload['agent']) ?? str(payload['to']) ?? this.agent;
    }
    if (startsUserTurn(event) && this.answered) {
      this.turn += 1;
      this.answered = false;
    } else if (event.direction === 'server' && event.type === 'response.created') {
      this.answered = true;
    }
    let responseMs: number | undefined;
    if (event.direction === 'server' && (event.type === 'response.created' || event.type === 'response.done')) {
      const id = str((payload['response'] as Payload | undefined)?.['id']);
      if (id !== undefined && event.type === 'response.created') this.responseStarts.set(id, event.t);
      const started = id === undefined ? undefined : this.responseStarts.get(id);
      if (event.type === 'response.done' && started !== undefined) {
        responseMs = Math.max(0, event.t - started);
        this.responseStarts.delete(id!);
      }
    }
    const item = payload['item'] as Payload | undefined;
    const itemId = str(payload['item_id']) ?? str(item?.['id']) ?? str(payload['itemId']);
    const callId = str(payload['call_id']) ?? str(item?.['call_id']) ?? this.mcpCallOf(item, itemId) ?? str(payload['callId']);
    let foldKey: string | undefined;
    if (DELTA_TYPES.has(event.type)) {
      // Microphone audio has no item: its appends fold per turn.
      const owner = itemId ?? `turn ${this.turn}`;
      foldKey = `${event.type}|${owner}|${typeof payload['content_index'] === 'number' ? payload['content_index'] : ''}`;
    }
    return { agent: this.agent, turn: this.turn, itemId, callId, foldKey, responseMs };
  }
}
