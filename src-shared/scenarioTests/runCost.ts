import type { Usage } from '../contract';
import { dollarsForModels, emptyCost, reduceCost } from '../cost';
import type { PricingTable } from '../pricing';
import type { SessionEvent } from '../sessionEvent';
import { addTokens, backendTokens, noTokens, type TokenCounts } from '../tokenCounts';

/** What a test run cost, priced as the Latency & cost panel and `summary` price a session. */
export interface RunCost {
  /** Undefined when nothing could be priced (a figure of $0 would say it was free). */
  readonly dollars: number | undefined;
  /** The dates of the prices used, oldest first; empty when nothing was priced. */
  readonly takenOn: readonly string[];
}

/**
 * What a test run cost: the session's own calls (realtime, supervisor, escalation, guardrail, as the log
 * bills them) plus the judge's and the simulated caller's. The command line and the Tests panel both use it.
 */
export function runCost(events: readonly SessionEvent[], extra: readonly { model: string; usage: Usage }[], table: PricingTable): RunCost {
  const byModel = new Map<string, TokenCounts>(reduceCost(emptyCost, events).byModel);
  for (const call of extra) byModel.set(call.model, addTokens(byModel.get(call.model) ?? noTokens, backendTokens(call.usage)));
  const { dollars, takenOn } = dollarsForModels(table, byModel);
  return { dollars, takenOn };
}

/** Several runs' cost together: dollars over the runs that were priced (undefined when none was), every date used. */
export function totalCost(costs: readonly RunCost[]): RunCost {
  const priced = costs.filter((cost): cost is RunCost & { dollars: number } => cost.dollars !== undefined);
  return {
    dollars: priced.length === 0 ? undefined : priced.reduce((sum, cost) => sum + cost.dollars, 0),
    takenOn: [...new Set(priced.flatMap((cost) => cost.takenOn))].sort(),
  };
}
