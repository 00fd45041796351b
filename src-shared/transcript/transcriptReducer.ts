import type { SessionEvent } from '../sessionEvent';
import type { ArgumentsSource, BackendCall, TranscriptEntry, TranscriptState } from './transcriptModel';
import { applyMcpItem, isMcpItem } from './mcpEntries';
import { Draft } from './transcriptDraft';
import { idleTimeoutNotice, transcriptionOutcome } from './transcriptionMarks';
import { imagesOfContent } from './transcriptImages';

type Payload = Record<string, unknown>;
type Item = {
  id?: string;
  type?: string;
  role?: string;
  call_id?: string;
  name?: string;
  arguments?: string;
  output?: string;
  status?: string;
  content?: Payload[];
};

type ToolEntry = Extract<TranscriptEntry, { kind: 'tool' }>;

const HANDOFF_PREFIX = 'transfer_to_';

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function textOfContent(content: Payload[] | undefined): string | undefined {
  if (!content) return undefined;
  const parts = content.map((part) => str(part['text']) ?? str(part['transcript'])).filter((part): part is string => part !== undefined);
  return parts.length > 0 ? parts.join('') : undefined;
}

function applyItem(draft: Draft, item: Item, done: boolean): void {
  if (!item.id && !item.call_id) return;
  if (item.type === 'message' && item.id && (item.role === 'user' || item.role === 'assistant')) {
    const current = draft.message(item.id, item.role);
    const text = textOfContent(item.content);
    const finished = done || item.status === 'completed';
    const status = current.status === 'interrupted' ? 'interrupted' : finished ? 'done' : current.status;
    const guardrail =
      item.role === 'assistant' && finished && draft.guardrailsEnabled && current.guardrail === undefined
        ? { status: 'pending' as const }
        : current.guardrail;
    const images = item.role === 'user' ? imagesOfContent(item.content) : [];
    draft.put({
      ...current,
      text: text && text.length >= current.text.length ? text : current.text,
      status,
      guardrail,
      ...(images.length > 0 ? { images } : {}),
    });
  } else if (item.type === 'function_call' && item.call_id) {
    applyCall(draft, { callId: item.call_id, itemId: item.id, name: item.name, arguments: item.arguments, from: 'item' });
  } else if (item.type === 'function_call_output' && item.call_id) {
    if (draft.find('handoff', item.call_id)) return;
    const current = draft.find('tool', item.call_id);
    if (current) draft.put({ ...current, output: item.output ?? current.output, status: 'done' });
  }
}

/** What one source says about a function call: its item, or the stream's `response.function_call_arguments.done`. */
interface CallFacts {
  readonly callId: string;
  readonly itemId: string | undefined;
  readonly name: string | undefined;
  readonly arguments: string | undefined;
  readonly from: 'item' | 'done';
}

const argumentsRank: Readonly<Record<ArgumentsSource, number>> = { deltas: 0, done: 1, item: 2 };

/** The call's item id, unless the call has one already or the item was given to another call (a malformed log). */
function itemIdFor(draft: Draft, call: ToolEntry, itemId: string | undefined): string | undefined {
  return call.itemId ?? (itemId !== undefined && draft.toolOfItem(itemId) === undefined ? itemId : undefined);
}

function applyCall(draft: Draft, call: CallFacts): void {
  if (draft.find('handoff', call.callId)) return;
  if (call.name?.startsWith(HANDOFF_PREFIX)) {
    draft.put({ kind: 'handoff', id: call.callId, from: draft.activeAgent, to: call.name.slice(HANDOFF_PREFIX.length) });
    return;
  }
  const current = draft.tool(call.callId);
  // An empty `arguments` (an item just added) says nothing yet; otherwise the stronger source wins.
  const replaces = !!call.arguments && (current.argumentsFrom === undefined || argumentsRank[call.from] >= argumentsRank[current.argumentsFrom]);
  draft.put({
    ...current,
    // The item names the call; the done event only fills in a name nothing else gave.
    name: call.from === 'item' ? (call.name ?? current.name) : current.name || (call.name ?? ''),
    itemId: itemIdFor(draft, current, call.itemId),
    ...(replaces ? { arguments: call.arguments!, argumentsFrom: call.from } : {}),
  });
}

/**
 * A piece of a call's arguments as the model writes them. It may name the call by its item only, so it adds to
 * a call the stream already introduced (its item or done event; a call with neither has no name to show), and
 * only to arguments made of deltas: once the done event or the item gave them whole, a piece would repeat them.
 */
function appendArguments(draft: Draft, payload: Payload): void {
  const delta = str(payload['delta']);
  const callId = str(payload['call_id']);
  const itemId = str(payload['item_id']);
  if (!delta) return;
  const current = (callId === undefined ? undefined : draft.find('tool', callId)) ?? (itemId === undefined ? undefined : draft.toolOfItem(itemId));
  if (!current || (current.argumentsFrom ?? 'deltas') !== 'deltas') return;
  draft.put({ ...current, itemId: itemIdFor(draft, current, itemId), arguments: current.arguments + delta, argumentsFrom: 'deltas' });
}

function appendDelta(draft: Draft, payload: Payload): void {
  const id = str(payload['item_id']);
  const delta = str(payload['delta']);
  if (!id || delta === undefined) return;
  const current = draft.message(id, 'assistant');
  draft.put({ ...current, text: current.text + delta });
}

function setText(draft: Draft, id: string | undefined, role: 'user' | 'assistant', text: string | undefined): void {
  if (!id || text === undefined) return;
  draft.put({ ...draft.message(id, role), text });
}

function applyBackend(draft: Draft, kind: BackendCall['kind'], phase: string, payload: Payload): void {
  const callId = str(payload['callId']);
  if (!callId) return;
  const current = draft.tool(callId);
  const previous = current.backend;
  const backend: BackendCall =
    phase === 'request'
      ? { kind, status: 'running', request: payload['request'] }
      : phase === 'response'
        ? {
            kind,
            status: 'done',
            request: previous?.request,
            result: payload['result'],
            model: str(payload['model']),
            durationMs: typeof payload['durationMs'] === 'number' ? payload['durationMs'] : undefined,
            usage: payload['usage'] as BackendCall['usage'],
          }
        : {
            kind,
            status: 'failed',
            request: previous?.request,
            error: str(payload['message']) ?? 'failed',
            durationMs: typeof payload['durationMs'] === 'number' ? payload['durationMs'] : undefined,
          };
  draft.put({ ...current, name: current.name || str(payload['toolName']) || kind, backend });
}

function applyServer(draft: Draft, event: SessionEvent): void {
  const payload = event.payload;
  switch (event.type) {
    case 'conversation.item.added':
    case 'conversation.item.created':
    case 'response.output_item.added':
      if (isMcpItem(payload['item'] as Payload)) applyMcpItem(draft, payload['item'] as Payload, false, event.t);
      else applyItem(draft, payload['item'] as Item, false);
      break;
    case 'conversation.item.done':
    case 'response.output_item.done':
    case 'conversation.item.retrieved':
      if (isMcpItem(payload['item'] as Payload))
        applyMcpItem(draft, payload['item'] as Payload, event.type !== 'conversation.item.retrieved', event.t);
      else applyItem(draft, payload['item'] as Item, event.type !== 'conversation.item.retrieved');
      break;
    case 'response.output_audio_transcript.delta':
    case 'response.output_text.delta':
      appendDelta(draft, payload);
      break;
    case 'response.function_call_arguments.delta':
    case 'response.mcp_call_arguments.delta':
      appendArguments(draft, payload);
      break;
    case 'response.function_call_arguments.done': {
      const itemId = str(payload['item_id']);
      const callId = str(payload['call_id']) ?? (itemId === undefined ? undefined : draft.toolOfItem(itemId)?.id);
      if (callId) applyCall(draft, { callId, itemId, name: str(payload['name']), arguments: str(payload['arguments']), from: 'done' });
      break;
    }
    case 'response.output_audio_transcript.done':
      setText(draft, str(payload['item_id']), 'assistant', str(payload['transcript']));
      break;
    case 'response.output_text.done':
      setText(draft, str(payload['item_id']), 'assistant', str(payload['text']));
      break;
    case 'conversation.item.input_audio_transcription.completed':
    case 'conversation.item.input_audio_transcription.failed': {
      const outcome = transcriptionOutcome(event.type, payload);
      if (outcome) draft.put({ ...draft.message(outcome.itemId, 'user'), ...outcome.fields });
      break;
    }
    case 'input_audio_buffer.timeout_triggered':
      draft.put({ kind: 'notice', id: `idle-${event.seq}`, level: 'info', text: idleTimeoutNotice(payload) });
      break;
    case 'conversation.item.truncated': {
      const id = str(payload['item_id']);
      const current = id ? draft.find('message', id) : undefined;
      if (current) draft.put({ ...current, status: 'interrupted' });
      break;
    }
    case 'response.done': {
      const response = payload['response'] as { status?: string; output?: Item[] } | undefined;
      if (response?.status !== 'cancelled') break;
      for (const item of response.output ?? []) {
        const current = item.id ? draft.find('message', item.id) : undefined;
        if (current) draft.put({ ...current, status: 'interrupted' });
      }
      break;
    }
    case 'error': {
      const error = payload['error'] as Payload | undefined;
      draft.put({
        kind: 'notice',
        id: `error-${event.seq}`,
        level: 'error',
        text: `Realtime API error: ${str(error?.['message']) ?? 'unknown'}${error?.['code'] ? ` (${String(error['code'])})` : ''}`,
      });
      break;
    }
  }
}

function applyApp(draft: Draft, event: SessionEvent): void {
  const payload = event.payload;
  const [domain, phase] = event.type.split('.') as [string, string | undefined];
  if (domain === 'supervisor' || domain === 'escalation') {
    applyBackend(draft, domain, phase ?? '', payload);
    return;
  }
  switch (event.type) {
    case 'session.started':
      draft.activeAgent = str(payload['agent']);
      draft.guardrailsEnabled = payload['guardrails'] === true;
      break;
    case 'agent.changed':
      draft.activeAgent = str(payload['to']);
      if (payload['reason'] === 'user')
        draft.put({ kind: 'handoff', id: `switch-${event.seq}`, from: str(payload['from']), to: str(payload['to']) ?? '?' });
      break;
    case 'guardrail.verdict': {
      const id = str(payload['itemId']);
      const current = id ? draft.find('message', id) : undefined;
      if (current) {
        draft.put({
          ...current,
          guardrail: {
            status: payload['tripped'] === true ? 'fail' : 'pass',
            category: str(payload['category']) ?? '?',
            rationale: str(payload['rationale']) ?? '',
          },
        });
      }
      break;
    }
    case 'guardrail.error': {
      const id = str(payload['itemId']);
      const current = id ? draft.find('message', id) : undefined;
      if (current) draft.put({ ...current, guardrail: { status: 'error', message: str(payload['message']) ?? 'failed' } });
      break;
    }
    case 'session.state':
      // A check still pending when the session ends will never answer; say so instead of waiting forever.
      if (payload['status'] === 'connected' || payload['status'] === 'connecting') break;
      for (const id of [...draft.pendingGuardrails]) {
        const entry = draft.find('message', id);
        if (entry) draft.put({ ...entry, guardrail: { status: 'error', message: 'Not checked: the session ended before the guardrail answered.' } });
      }
      // Likewise a call still waiting for the user's decision.
      for (const id of [...draft.pendingApprovals]) {
        const entry = draft.find('tool', id);
        if (entry) draft.put({ ...entry, approval: 'abandoned' });
      }
      break;
    case 'tool.approval_requested':
    case 'tool.approval': {
      // A supervisor tool's call that asked is marked on the realtime call waiting for the supervisor.
      const parent = str(payload['parentCallId']);
      const callId = parent ?? str(payload['callId']);
      if (!callId) break;
      const current = draft.tool(callId);
      const decision = payload['decision'];
      const approval =
        event.type === 'tool.approval_requested'
          ? 'waiting'
          : decision === 'approved' || decision === 'edited' || decision === 'rejected'
            ? decision
            : undefined;
      if (!approval) break;
      const toolName = str(payload['toolName']) ?? '';
      // A rejected hosted MCP call never runs: nothing else will finish it.
      const over = current.mcp && approval === 'rejected' ? { status: 'done' as const } : {};
      draft.put(parent ? { ...current, approval, approvalOf: toolName } : { ...current, name: current.name || toolName, approval, ...over });
      break;
    }
    case 'session.resumed': {
      // A reconnect: the earlier conversation, given to the new session under these ids, so its echo lands on the same entries.
      const messages = Array.isArray(payload['messages']) ? (payload['messages'] as Payload[]) : [];
      for (const message of messages) {
        const id = str(message['id']);
        const role = message['role'] === 'user' || message['role'] === 'assistant' ? message['role'] : undefined;
        if (!id || !role) continue;
        draft.put({
          kind: 'message',
          id,
          role,
          agent: str(message['agent']),
          text: str(message['text']) ?? '',
          status: 'done',
          guardrail: undefined,
        });
      }
      draft.put({
        kind: 'notice',
        id: `resumed-${event.seq}`,
        level: 'info',
        text: `Reconnected: a new session, given the ${messages.length} earlier message${messages.length === 1 ? '' : 's'} so the agent carries on.`,
      });
      break;
    }
    case 'session.error':
      draft.put({ kind: 'notice', id: `notice-${event.seq}`, level: 'error', text: str(payload['message']) ?? 'The session failed.' });
      break;
  }
}

/** Folds a batch of stream events into the transcript. Pure: the same events always give the same transcript. */
export function reduceTranscript(state: TranscriptState, events: readonly SessionEvent[]): TranscriptState {
  if (events.length === 0) return state;
  const draft = new Draft(state);
  for (const event of events) {
    if (event.direction === 'server') applyServer(draft, event);
    else if (event.direction === 'app') applyApp(draft, event);
    else if (event.type === 'conversation.item.create') applyItem(draft, event.payload['item'] as Item, false);
  }
  return draft.freeze();
}
