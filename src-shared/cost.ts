import { ListDraft, PersistentList } from './persistentList';
import { priceOf, type PricingTable } from './pricing';
import type { SessionEvent } from './sessionEvent';

/** Tokens of one response or one model, split as they are priced. Cached input is counted apart from the rest. */
export interface TokenCounts {
  readonly textInput: number;
  readonly cachedTextInput: number;
  readonly audioInput: number;
  readonly cachedAudioInput: number;
  readonly textOutput: number;
  readonly audioOutput: number;
}

export const noTokens: TokenCounts = { textInput: 0, cachedTextInput: 0, audioInput: 0, cachedAudioInput: 0, textOutput: 0, audioOutput: 0 };

/** One billed response: a realtime `response.done`, or a supervisor, escalation or guardrail call. */
export interface BilledResponse {
  readonly seq: number;
  readonly t: number;
  readonly model: string;
  readonly source: 'realtime' | 'supervisor' | 'escalation' | 'guardrail';
  readonly tokens: TokenCounts;
}

export interface CostState {
  /** The realtime model, as the session said (undefined until it does). */
  readonly realtimeModel: string | undefined;
  readonly responses: PersistentList<BilledResponse>;
  /** Tokens by model over the session. */
  readonly byModel: ReadonlyMap<string, TokenCounts>;
}

export const emptyCost: CostState = { realtimeModel: undefined, responses: PersistentList.empty(), byModel: new Map() };

type Payload = Record<string, unknown>;
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0);
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function add(a: TokenCounts, b: TokenCounts): TokenCounts {
  return {
    textInput: a.textInput + b.textInput,
    cachedTextInput: a.cachedTextInput + b.cachedTextInput,
    audioInput: a.audioInput + b.audioInput,
    cachedAudioInput: a.cachedAudioInput + b.cachedAudioInput,
    textOutput: a.textOutput + b.textOutput,
    audioOutput: a.audioOutput + b.audioOutput,
  };
}

/** A realtime `response.done`'s usage, split; a usage without details counts as text. */
export function realtimeTokens(usage: Payload | undefined): TokenCounts {
  const input = usage?.['input_token_details'] as Payload | undefined;
  const output = usage?.['output_token_details'] as Payload | undefined;
  const cached = input?.['cached_tokens_details'] as Payload | undefined;
  const inputText = input ? num(input['text_tokens']) : num(usage?.['input_tokens']);
  const inputAudio = num(input?.['audio_tokens']);
  const cachedText = Math.min(inputText, cached ? num(cached['text_tokens']) : num(input?.['cached_tokens']));
  const cachedAudio = Math.min(inputAudio, num(cached?.['audio_tokens']));
  return {
    textInput: inputText - cachedText,
    cachedTextInput: cachedText,
    audioInput: inputAudio - cachedAudio,
    cachedAudioInput: cachedAudio,
    textOutput: output ? num(output['text_tokens']) : num(usage?.['output_tokens']),
    audioOutput: num(output?.['audio_tokens']),
  };
}

/** A backend call's usage as main reports it (`inputTokens`, `outputTokens`, optional `cachedInputTokens`). */
function backendTokens(usage: Payload): TokenCounts {
  const input = num(usage['inputTokens']);
  const cached = Math.min(input, num(usage['cachedInputTokens']));
  return { ...noTokens, textInput: input - cached, cachedTextInput: cached, textOutput: num(usage['outputTokens']) };
}

const backendSources: Record<string, BilledResponse['source']> = {
  'supervisor.response': 'supervisor',
  'escalation.response': 'escalation',
  'guardrail.verdict': 'guardrail',
};

/**
 * Folds events into token usage per response and per model: realtime `response.done` usage split into
 * text, audio and cached input and text and audio output; supervisor, escalation and guardrail calls as
 * main reported them. Pure and O(batch); a response seen twice (same seq) is counted once.
 */
export function reduceCost(state: CostState, events: readonly SessionEvent[]): CostState {
  let realtimeModel = state.realtimeModel;
  const responses = new ListDraft(state.responses);
  let byModel: Map<string, TokenCounts> | undefined;
  let lastSeq = state.responses.length > 0 ? state.responses.at(state.responses.length - 1)!.seq : -1;
  for (const event of events) {
    const payload = event.payload;
    if (event.direction === 'app' && (event.type === 'session.started' || event.type === 'session.minted')) {
      realtimeModel = str(payload['model']) ?? realtimeModel;
      continue;
    }
    if (event.direction === 'server' && event.type === 'session.created' && realtimeModel === undefined) {
      realtimeModel = str((payload['session'] as Payload | undefined)?.['model']);
      continue;
    }
    let billed: BilledResponse | undefined;
    if (event.direction === 'server' && event.type === 'response.done') {
      const usage = (payload['response'] as Payload | undefined)?.['usage'] as Payload | undefined;
      if (usage)
        billed = {
          seq: event.seq,
          t: event.t,
          model: realtimeModel ?? 'realtime (model not in the log)',
          source: 'realtime',
          tokens: realtimeTokens(usage),
        };
    } else if (event.direction === 'app' && backendSources[event.type] && typeof payload['usage'] === 'object' && payload['usage'] !== null) {
      billed = {
        seq: event.seq,
        t: event.t,
        model: str(payload['model']) ?? 'unknown model',
        source: backendSources[event.type]!,
        tokens: backendTokens(payload['usage'] as Payload),
      };
    }
    if (!billed || billed.seq <= lastSeq) continue;
    responses.push(billed);
    lastSeq = billed.seq;
    byModel ??= new Map(state.byModel);
    byModel.set(billed.model, add(byModel.get(billed.model) ?? noTokens, billed.tokens));
  }
  if (!byModel && realtimeModel === state.realtimeModel) return state;
  return { realtimeModel, responses: responses.freeze(), byModel: byModel ?? state.byModel };
}

/** Dollars for some tokens of one model; token kinds the table has no price for are named, not guessed. */
export function dollarsFor(table: PricingTable, model: string, tokens: TokenCounts): { dollars: number | undefined; unpriced: string[] } {
  const found = priceOf(table, model);
  if (!found) return { dollars: undefined, unpriced: [`no price for ${model}`] };
  const { price } = found;
  const unpriced: string[] = [];
  const part = (count: number, perMillion: number | undefined, fallback: number | undefined, what: string) => {
    if (count === 0) return 0;
    const rate = perMillion ?? fallback;
    if (rate === undefined) {
      unpriced.push(`${what} for ${model}`);
      return 0;
    }
    return (count * rate) / 1_000_000;
  };
  const dollars =
    part(tokens.textInput, price.textInput, undefined, 'text input') +
    part(tokens.cachedTextInput, price.cachedTextInput, price.textInput, 'cached text input') +
    part(tokens.audioInput, price.audioInput, undefined, 'audio input') +
    part(tokens.cachedAudioInput, price.cachedAudioInput, price.audioInput, 'cached audio input') +
    part(tokens.textOutput, price.textOutput, undefined, 'text output') +
    part(tokens.audioOutput, price.audioOutput, undefined, 'audio output');
  return { dollars, unpriced };
}

export interface SessionCost {
  readonly byModel: readonly { readonly model: string; readonly tokens: TokenCounts; readonly dollars: number | undefined }[];
  readonly total: number;
  /** What could not be priced; the total leaves it out and says so. */
  readonly unpriced: readonly string[];
  readonly takenOn: string;
}

/** The session's cost by model and in total, with the date the prices were taken. */
export function sessionCost(state: CostState, table: PricingTable): SessionCost {
  const unpriced: string[] = [];
  let total = 0;
  const byModel = [...state.byModel].map(([model, tokens]) => {
    const priced = dollarsFor(table, model, tokens);
    unpriced.push(...priced.unpriced);
    total += priced.dollars ?? 0;
    return { model, tokens, dollars: priced.dollars };
  });
  return { byModel, total, unpriced, takenOn: table.takenOn };
}

/** `$0.0123` below a dollar, `$1.23` above: small sessions cost fractions of a cent. */
export function formatDollars(dollars: number): string {
  return dollars < 1 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(2)}`;
}
