import { emptyCost, dollarsForModels, reduceCost, type BilledResponse } from '../cost';
import { emptyLatency, reduceLatency, type TurnLatency } from '../latency';
import type { PricingTable } from '../pricing';
import type { SessionEvent } from '../sessionEvent';
import { addTokens, noTokens, type TokenCounts } from '../tokenCounts';
import { emptyTranscript, type GuardrailVerdict, type TranscriptEntry } from '../transcript/transcriptModel';
import { reduceTranscript } from '../transcript/transcriptReducer';

/** A tool call as a turn made it: its arguments parsed where they are JSON, and who ran it. */
export interface ObservedToolCall {
  readonly name: string;
  /** The arguments as JSON when they parse, else the raw text. */
  readonly arguments: unknown;
  readonly argumentsText: string;
  readonly output: string | undefined;
  readonly agent: string | undefined;
  /** A supervisor or escalation model answered it in main. */
  readonly via: 'supervisor' | 'escalation' | undefined;
}

export interface ObservedReply {
  readonly agent: string | undefined;
  readonly text: string;
  readonly interrupted: boolean;
  /** `pass`, the category it failed on, `error`, or undefined when no guardrail ran. */
  readonly guardrail: string | undefined;
  readonly guardrailRationale: string | undefined;
}

/** The milestones of a turn, in ms after the user finished (the names of a test's `latencyMs` budgets). */
export interface TurnMilestones {
  readonly committed: number | undefined;
  readonly created: number | undefined;
  readonly firstText: number | undefined;
  readonly firstAudio: number | undefined;
  readonly done: number | undefined;
}

export interface TurnCost {
  readonly tokensByModel: ReadonlyMap<string, TokenCounts>;
  /** Undefined without a pricing table, or when nothing in the turn could be priced. */
  readonly dollars: number | undefined;
  readonly unpriced: readonly string[];
}

/**
 * One user turn and everything the assistant did in answer, up to the next user turn: what a scenario test
 * checks and what a comparison lines up. Derived from the event stream by the same reducers the views use.
 */
export interface ObservedTurn {
  /** 1 for the first user turn. */
  readonly index: number;
  readonly user: string;
  /** The agent that was active when the user spoke. */
  readonly agent: string | undefined;
  readonly replies: readonly ObservedReply[];
  /** Every reply of the turn, joined by a newline. */
  readonly replyText: string;
  readonly toolCalls: readonly ObservedToolCall[];
  readonly handoffs: readonly { readonly from: string | undefined; readonly to: string }[];
  readonly notices: readonly { readonly level: 'info' | 'error'; readonly text: string }[];
  readonly latency: TurnMilestones;
  /** What the log did not say for this turn's latency (its figures are partial). */
  readonly latencyMissing: readonly string[];
  readonly cost: TurnCost;
  /** The session clock (ms) when the user finished, when known. */
  readonly t: number | undefined;
}

export interface ObservedSession {
  /** What the assistant did before the user's first turn (a greeting), as a turn with no user text. */
  readonly opening: ObservedTurn | undefined;
  readonly turns: readonly ObservedTurn[];
}

function parsedArguments(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function guardrailWord(verdict: GuardrailVerdict | undefined): string | undefined {
  if (!verdict || verdict.status === 'pending') return undefined;
  if (verdict.status === 'error') return 'error';
  return verdict.status === 'pass' ? 'pass' : verdict.category;
}

function milestones(latency: TurnLatency | undefined): TurnMilestones {
  return {
    committed: latency?.committedMs,
    created: latency?.responseCreatedMs,
    firstText: latency?.firstTextMs,
    firstAudio: latency?.firstAudioMs,
    done: latency?.doneMs,
  };
}

function costOf(billed: readonly BilledResponse[], pricing: PricingTable | undefined): TurnCost {
  const tokensByModel = new Map<string, TokenCounts>();
  for (const response of billed) tokensByModel.set(response.model, addTokens(tokensByModel.get(response.model) ?? noTokens, response.tokens));
  if (!pricing) return { tokensByModel, dollars: undefined, unpriced: [] };
  const { dollars, unpriced } = dollarsForModels(pricing, tokensByModel);
  return { tokensByModel, dollars, unpriced };
}

interface TurnDraft {
  user: string | undefined;
  agent: string | undefined;
  entries: TranscriptEntry[];
}

function finish(
  draft: TurnDraft,
  index: number,
  latency: TurnLatency | undefined,
  billed: readonly BilledResponse[],
  pricing?: PricingTable,
): ObservedTurn {
  const replies: ObservedReply[] = [];
  const toolCalls: ObservedToolCall[] = [];
  const handoffs: { from: string | undefined; to: string }[] = [];
  const notices: { level: 'info' | 'error'; text: string }[] = [];
  for (const entry of draft.entries) {
    if (entry.kind === 'message' && entry.role === 'assistant')
      replies.push({
        agent: entry.agent,
        text: entry.text,
        interrupted: entry.status === 'interrupted',
        guardrail: guardrailWord(entry.guardrail),
        guardrailRationale: entry.guardrail && 'rationale' in entry.guardrail ? entry.guardrail.rationale : undefined,
      });
    else if (entry.kind === 'tool')
      toolCalls.push({
        name: entry.name,
        arguments: parsedArguments(entry.arguments),
        argumentsText: entry.arguments,
        output: entry.output,
        agent: entry.agent,
        via: entry.backend?.kind,
      });
    else if (entry.kind === 'handoff') handoffs.push({ from: entry.from, to: entry.to });
    else if (entry.kind === 'notice') notices.push({ level: entry.level, text: entry.text });
  }
  return {
    index,
    user: draft.user ?? '',
    agent: draft.agent,
    replies,
    replyText: replies.map((reply) => reply.text).join('\n'),
    toolCalls,
    handoffs,
    notices,
    latency: milestones(latency),
    latencyMissing: latency?.missing ?? [],
    cost: costOf(billed, pricing),
    t: latency?.startT,
  };
}

/**
 * Splits a session into its user turns: each user message opens a turn holding the replies, tool calls,
 * handoffs and notices that follow it, with the turn's latency milestones and cost. The i-th user message
 * pairs with the i-th turn of the latency reducer; cost is split at the times those turns began.
 */
export function observeSession(events: readonly SessionEvent[], pricing?: PricingTable): ObservedSession {
  const entries = reduceTranscript(emptyTranscript(), events).entries.toArray();
  const latencies = reduceLatency(emptyLatency, events).turns.toArray();
  const billed = reduceCost(emptyCost, events).responses.toArray();
  const drafts: TurnDraft[] = [];
  let current: TurnDraft = { user: undefined, agent: undefined, entries: [] };
  let agent: string | undefined;
  for (const entry of entries) {
    if (entry.kind === 'message' && entry.role === 'user') {
      drafts.push(current);
      current = { user: entry.text, agent, entries: [] };
      continue;
    }
    if (entry.kind === 'message' || entry.kind === 'tool') agent = entry.agent ?? agent;
    if (entry.kind === 'handoff') agent = entry.to;
    current.entries.push(entry);
  }
  drafts.push(current);
  const [openingDraft, ...turnDrafts] = drafts;
  const starts = latencies.map((latency) => latency.startT);
  const billedIn = (index: number) =>
    billed.filter((response) => {
      const from = index === 0 ? -Infinity : (starts[index - 1] ?? Infinity);
      const to = starts[index] ?? Infinity;
      return response.t >= from && response.t < to;
    });
  const opening = openingDraft && openingDraft.entries.length > 0 ? finish(openingDraft, 0, undefined, billedIn(0), pricing) : undefined;
  return {
    opening,
    turns: turnDrafts.map((draft, at) => finish(draft, at + 1, latencies[at], billedIn(at + 1), pricing)),
  };
}
