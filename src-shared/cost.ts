import { ListDraft, PersistentList } from './persistentList';
import { priceOf, type PricingTable } from './pricing';
import type { SessionEvent } from './sessionEvent';
import { addTokens, backendTokens, noTokens, realtimeTokens, type TokenCounts } from './tokenCounts';

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
const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

const backendSources: Record<string, BilledResponse['source']> = {
  'supervisor.response': 'supervisor',
  'escalation.response': 'escalation',
  'guardrail.verdict': 'guardrail',
};

/**
 * Folds events into token usage per response and per model: realtime `response.done` usage split into
 * text, audio, image and cached input, text and audio output, and tokens of unknown kind (`realtimeTokens`);
 * supervisor, escalation and guardrail calls as main reported them. Pure and O(batch); a response seen
 * twice (same seq) is counted once.
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
    byModel.set(billed.model, addTokens(byModel.get(billed.model) ?? noTokens, billed.tokens));
  }
  if (!byModel && realtimeModel === state.realtimeModel) return state;
  return { realtimeModel, responses: responses.freeze(), byModel: byModel ?? state.byModel };
}

/** What some tokens of one model cost: dollars for what the table prices, and each part it does not, named. */
export interface PricedTokens {
  /** Undefined when the table has no entry for the model at all. */
  readonly dollars: number | undefined;
  readonly unpriced: readonly string[];
  /** The date of the prices used; undefined with no entry. */
  readonly takenOn: string | undefined;
}

/**
 * Dollars for some tokens of one model. Each kind is billed at its own rate; a kind the table has no rate
 * for (audio on a text model, a cached rate it does not give) is named, not billed at another kind's rate.
 * Tokens of unknown kind are billed only where every kind of that direction the model has a rate for costs
 * the same, since then their kind does not matter; otherwise they are named. Their cached share is unknown
 * too, so where they are billed it is at the full input rate: what they cost if none were cached.
 */
export function dollarsFor(table: PricingTable, model: string, tokens: TokenCounts): PricedTokens {
  const found = priceOf(table, model);
  if (!found) return { dollars: undefined, unpriced: [`no price for ${model}: not in the pricing table`], takenOn: undefined };
  const { price } = found;
  const unpriced: string[] = [];
  const part = (count: number, rate: number | undefined, what: string) => {
    if (count === 0) return 0;
    if (rate === undefined) {
      unpriced.push(`${count} ${what} tokens for ${model}: the pricing table has no rate for them`);
      return 0;
    }
    return (count * rate) / 1_000_000;
  };
  const unknown = (count: number, rates: readonly (number | undefined)[], direction: string) => {
    const billed = rates.filter((rate): rate is number => rate !== undefined);
    const alike = billed.every((rate) => rate === billed[0]);
    if (count > 0 && !alike) {
      unpriced.push(`${count} ${direction} tokens of unknown kind for ${model}: kinds are priced differently`);
      return 0;
    }
    return (count * billed[0]!) / 1_000_000;
  };
  const dollars =
    part(tokens.textInput, price.textInput, 'text input') +
    part(tokens.cachedTextInput, price.cachedTextInput, 'cached text input') +
    part(tokens.audioInput, price.audioInput, 'audio input') +
    part(tokens.cachedAudioInput, price.cachedAudioInput, 'cached audio input') +
    part(tokens.imageInput, price.imageInput, 'image input') +
    part(tokens.cachedImageInput, price.cachedImageInput, 'cached image input') +
    part(tokens.textOutput, price.textOutput, 'text output') +
    part(tokens.audioOutput, price.audioOutput, 'audio output') +
    unknown(tokens.unknownInput, [price.textInput, price.audioInput, price.imageInput], 'input') +
    unknown(tokens.unknownOutput, [price.textOutput, price.audioOutput], 'output');
  return { dollars, unpriced, takenOn: found.takenOn };
}

/**
 * Dollars for tokens of several models together, with what the table cannot price named and the dates of the
 * prices used (oldest first); dollars are undefined when it prices none of them (a figure of $0 would say they
 * were free).
 */
export function dollarsForModels(
  table: PricingTable,
  byModel: ReadonlyMap<string, TokenCounts>,
): { dollars: number | undefined; unpriced: string[]; takenOn: string[] } {
  let dollars: number | undefined;
  const unpriced: string[] = [];
  const dates = new Set<string>();
  for (const [model, tokens] of byModel) {
    const priced = dollarsFor(table, model, tokens);
    if (priced.dollars !== undefined) dollars = (dollars ?? 0) + priced.dollars;
    if (priced.takenOn !== undefined) dates.add(priced.takenOn);
    unpriced.push(...priced.unpriced);
  }
  return { dollars, unpriced, takenOn: [...dates].sort() };
}

/** Dates of prices, oldest first; never none. */
type Dates = readonly [string, ...string[]];

export interface SessionCost {
  readonly byModel: readonly ({ readonly model: string; readonly tokens: TokenCounts } & PricedTokens)[];
  readonly total: number;
  /** What could not be priced; the total leaves it out and says so. */
  readonly unpriced: readonly string[];
  /** The dates of the prices used, oldest first: one per distinct date, the table's own when no model was priced. */
  readonly takenOn: Dates;
}

/** The session's cost by model and in total, with the dates the prices were taken. */
export function sessionCost(state: CostState, table: PricingTable): SessionCost {
  const byModel = [...state.byModel].map(([model, tokens]) => ({ model, tokens, ...dollarsFor(table, model, tokens) }));
  const dates = new Set(byModel.flatMap((model) => (model.takenOn === undefined ? [] : [model.takenOn])));
  const [oldest = table.takenOn, ...later] = [...dates].sort();
  return {
    byModel,
    total: byModel.reduce((sum, model) => sum + (model.dollars ?? 0), 0),
    unpriced: byModel.flatMap((model) => model.unpriced),
    takenOn: [oldest, ...later],
  };
}

/** `2025-08-28 and 2026-12-03`: the dates prices were taken, for `prices of …`. */
export function datesInWords(dates: Dates): string {
  return dates.length === 1 ? dates[0] : `${dates.slice(0, -1).join(', ')} and ${dates.at(-1)}`;
}

/** `$0.0123` below a dollar, `$1.23` above: small sessions cost fractions of a cent. */
export function formatDollars(dollars: number): string {
  return dollars < 1 ? `$${dollars.toFixed(4)}` : `$${dollars.toFixed(2)}`;
}
