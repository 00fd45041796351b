import { diffArrays, diffWords } from 'diff';
import microdiff from 'microdiff';
import { noTokens, addTokens, type TokenCounts } from '../tokenCounts';
import type { ObservedSession, ObservedToolCall, ObservedTurn, TurnMilestones } from './observedTurns';

/** Which of the two sessions a turn or a tool call is in. */
export type Side = 'both' | 'a' | 'b';

/** A run of words of the replies: in both, only in b (added) or only in a (removed). */
export interface ReplyPart {
  readonly text: string;
  readonly change: 'same' | 'added' | 'removed';
}

/** One place where the arguments differ; `undefined` on a side where the path is absent. */
export interface ArgumentDifference {
  /** `items[0].sku`; empty when the arguments as a whole differ (one of them is not JSON). */
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

export interface ToolCallComparison {
  readonly name: string;
  readonly side: Side;
  readonly a: ObservedToolCall | undefined;
  readonly b: ObservedToolCall | undefined;
  /** Empty when the call is on both sides with the same arguments. */
  readonly differences: readonly ArgumentDifference[];
}

/** A figure on both sides and `b − a` when both are known. */
export interface FigureDifference {
  readonly a: number | undefined;
  readonly b: number | undefined;
  readonly delta: number | undefined;
}

export type Milestone = keyof TurnMilestones;
export const MILESTONES: readonly Milestone[] = ['committed', 'created', 'firstText', 'firstAudio', 'done'];

export interface TurnComparison {
  /** 0 for what came before the first user turn, then 1, 2, … as in `ObservedTurn`. */
  readonly index: number;
  readonly side: Side;
  readonly user: { readonly a: string | undefined; readonly b: string | undefined };
  readonly reply: { readonly parts: readonly ReplyPart[]; readonly same: boolean };
  readonly toolCalls: readonly ToolCallComparison[];
  readonly toolCallsSame: boolean;
  /** Each handoff as `from → to`. */
  readonly handoffs: { readonly a: readonly string[]; readonly b: readonly string[]; readonly same: boolean };
  /** Each reply's guardrail verdict (`none` where no guardrail ran). */
  readonly guardrail: { readonly a: readonly string[]; readonly b: readonly string[]; readonly same: boolean };
  readonly latency: Readonly<Record<Milestone, FigureDifference>>;
  readonly dollars: FigureDifference;
  /** All tokens of the turn, every model and kind. */
  readonly tokens: FigureDifference;
  /** Same tool calls (names and arguments) and handoffs, and the turn is in both sessions. */
  readonly same: boolean;
}

export interface SessionComparison {
  readonly turnCount: { readonly a: number; readonly b: number };
  readonly turns: readonly TurnComparison[];
  /** The indexes of the turns whose tool calls or handoffs differ, or that only one session has. */
  readonly differing: readonly number[];
  readonly same: boolean;
}

function figure(a: number | undefined, b: number | undefined): FigureDifference {
  return { a, b, delta: a === undefined || b === undefined ? undefined : b - a };
}

const pathText = (path: readonly (string | number)[]) =>
  path.map((key, at) => (typeof key === 'number' ? `[${key}]` : at === 0 ? key : `.${key}`)).join('');

const isStructure = (value: unknown): value is Record<string, unknown> | unknown[] => typeof value === 'object' && value !== null;

/** Where the arguments of a call differ: by path where both are JSON objects or arrays, else as a whole. */
function argumentDifferences(a: unknown, b: unknown): ArgumentDifference[] {
  if (isStructure(a) && isStructure(b) && Array.isArray(a) === Array.isArray(b))
    return microdiff(a, b).map((change) => ({
      path: pathText(change.path),
      a: change.type === 'CREATE' ? undefined : change.oldValue,
      b: change.type === 'REMOVE' ? undefined : change.value,
    }));
  return JSON.stringify(a) === JSON.stringify(b) ? [] : [{ path: '', a, b }];
}

/** Lines the calls up by name in order (a call made on one side only stays alone), then compares arguments. */
function compareToolCalls(a: readonly ObservedToolCall[], b: readonly ObservedToolCall[]): ToolCallComparison[] {
  const compared: ToolCallComparison[] = [];
  let atA = 0;
  let atB = 0;
  for (const run of diffArrays(
    a.map((call) => call.name),
    b.map((call) => call.name),
  ))
    for (const name of run.value) {
      const callA = run.added ? undefined : a[atA++];
      const callB = run.removed ? undefined : b[atB++];
      compared.push({
        name,
        side: run.added ? 'b' : run.removed ? 'a' : 'both',
        a: callA,
        b: callB,
        differences: callA && callB ? argumentDifferences(callA.arguments, callB.arguments) : [],
      });
    }
  return compared;
}

function replyParts(a: string, b: string): ReplyPart[] {
  return diffWords(a, b).map((part) => ({ text: part.value, change: part.added ? 'added' : part.removed ? 'removed' : 'same' }));
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((value, at) => value === b[at]);

const totalTokens = (turn: ObservedTurn) => {
  const all: TokenCounts = [...turn.cost.tokensByModel.values()].reduce(addTokens, noTokens);
  return Object.values(all).reduce((sum, count) => sum + count, 0);
};

function compareTurn(index: number, a: ObservedTurn | undefined, b: ObservedTurn | undefined): TurnComparison {
  const side: Side = a && b ? 'both' : a ? 'a' : 'b';
  const toolCalls = compareToolCalls(a?.toolCalls ?? [], b?.toolCalls ?? []);
  const toolCallsSame = toolCalls.every((call) => call.side === 'both' && call.differences.length === 0);
  const handoffsOf = (turn: ObservedTurn | undefined) => (turn?.handoffs ?? []).map((handoff) => `${handoff.from ?? '?'} → ${handoff.to}`);
  const handoffs = { a: handoffsOf(a), b: handoffsOf(b) };
  const verdictsOf = (turn: ObservedTurn | undefined) => (turn?.replies ?? []).map((reply) => reply.guardrail ?? 'none');
  const guardrail = { a: verdictsOf(a), b: verdictsOf(b) };
  const parts = replyParts(a?.replyText ?? '', b?.replyText ?? '');
  const handoffsSame = sameList(handoffs.a, handoffs.b);
  return {
    index,
    side,
    user: { a: a?.user, b: b?.user },
    reply: { parts, same: parts.every((part) => part.change === 'same') },
    toolCalls,
    toolCallsSame,
    handoffs: { ...handoffs, same: handoffsSame },
    guardrail: { ...guardrail, same: sameList(guardrail.a, guardrail.b) },
    latency: Object.fromEntries(MILESTONES.map((name) => [name, figure(a?.latency[name], b?.latency[name])])) as Record<Milestone, FigureDifference>,
    dollars: figure(a?.cost.dollars, b?.cost.dollars),
    tokens: figure(a && totalTokens(a), b && totalTokens(b)),
    same: side === 'both' && toolCallsSame && handoffsSame,
  };
}

/**
 * Compares two sessions turn by turn, the n-th user turn of one with the n-th of the other (and what came
 * before the first user turn, when either has something there). Replies and latency may differ in a re-run;
 * the sessions are the same when every turn made the same tool calls with the same arguments and the same
 * handoffs. A turn only one session has counts as differing.
 */
export function compareSessions(a: ObservedSession, b: ObservedSession): SessionComparison {
  const turns: TurnComparison[] = [];
  if (a.opening || b.opening) turns.push(compareTurn(0, a.opening, b.opening));
  for (let at = 0; at < Math.max(a.turns.length, b.turns.length); at++) turns.push(compareTurn(at + 1, a.turns[at], b.turns[at]));
  const differing = turns.filter((turn) => !turn.same).map((turn) => turn.index);
  return { turnCount: { a: a.turns.length, b: b.turns.length }, turns, differing, same: differing.length === 0 };
}
