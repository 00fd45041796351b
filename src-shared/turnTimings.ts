import { ListDraft, PersistentList } from './persistentList';
import type { SessionEvent } from './sessionEvent';

/** One user turn and how long the assistant took, in ms from the turn's start; undefined where the log does not say. */
export interface TurnTiming {
  readonly index: number;
  /** When the user finished: typed message sent, speech stopped, or push-to-talk released. */
  readonly startT: number;
  readonly responseCreatedMs: number | undefined;
  readonly firstTextMs: number | undefined;
  readonly firstAudioMs: number | undefined;
  readonly doneMs: number | undefined;
  readonly inputTokens: number;
  readonly outputTokens: number;
}

interface Draft {
  index: number;
  startT: number;
  responseCreatedMs?: number;
  firstTextMs?: number;
  firstAudioMs?: number;
  doneMs?: number;
  inputTokens: number;
  outputTokens: number;
}

export interface TurnState {
  readonly turns: PersistentList<TurnTiming>;
  /** The user's last end-of-speech (or typed send) not yet matched to a user message. */
  readonly pendingStart: number | undefined;
}

export const emptyTurns: TurnState = { turns: PersistentList.empty(), pendingStart: undefined };

function isUserItem(event: SessionEvent): boolean {
  const item = event.payload['item'] as { type?: unknown; role?: unknown } | undefined;
  return item?.type === 'message' && item.role === 'user';
}

function numberAt(value: unknown, key: string): number {
  const found = (value as Record<string, unknown> | undefined)?.[key];
  return typeof found === 'number' ? found : 0;
}

/**
 * Folds events into per-turn timings: a turn starts when the user finished (typed send, VAD speech
 * stopped, push-to-talk up) and collects the first response's milestones and every response's tokens
 * until the next turn. Pure and O(batch): a missing event leaves its figure undefined, never wrong.
 */
export function reduceTurns(state: TurnState, events: readonly SessionEvent[]): TurnState {
  const turns = new ListDraft(state.turns);
  let pendingStart = state.pendingStart;
  let current: Draft | undefined = turns.length > 0 ? { ...turns.at(turns.length - 1)! } : undefined;
  const since = (event: SessionEvent) => Math.max(0, event.t - current!.startT);
  const commit = () => {
    if (current) turns.set(current.index, { ...current } as TurnTiming);
  };
  for (const event of events) {
    const userFinished =
      (event.direction === 'client' && event.type === 'conversation.item.create' && isUserItem(event)) ||
      (event.direction === 'server' && event.type === 'input_audio_buffer.speech_stopped') ||
      (event.direction === 'app' && event.type === 'ptt.up');
    if (userFinished) {
      pendingStart ??= event.t;
      continue;
    }
    if (event.direction === 'server' && event.type === 'conversation.item.added' && isUserItem(event)) {
      commit();
      current = { index: turns.length, startT: pendingStart ?? event.t, inputTokens: 0, outputTokens: 0 };
      turns.push({ ...current } as TurnTiming);
      pendingStart = undefined;
      continue;
    }
    if (!current || event.direction !== 'server') continue;
    if (event.type === 'response.created') current.responseCreatedMs ??= since(event);
    else if (event.type === 'response.output_text.delta' || event.type === 'response.output_audio_transcript.delta')
      current.firstTextMs ??= since(event);
    else if (event.type === 'response.output_audio.delta' || event.type === 'output_audio_buffer.started') current.firstAudioMs ??= since(event);
    else if (event.type === 'response.done') {
      current.doneMs = since(event);
      const usage = (event.payload['response'] as { usage?: unknown } | undefined)?.usage;
      current.inputTokens += numberAt(usage, 'input_tokens');
      current.outputTokens += numberAt(usage, 'output_tokens');
    } else continue;
    commit();
  }
  commit();
  return { turns: turns.freeze(), pendingStart };
}
