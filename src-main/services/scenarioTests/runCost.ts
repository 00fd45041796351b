import type { Usage } from '../../../src-shared/contract';
import { dollarsForModels, emptyCost, reduceCost } from '../../../src-shared/cost';
import type { PricingTable } from '../../../src-shared/pricing';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { addTokens, backendTokens, noTokens, type TokenCounts } from '../../../src-shared/tokenCounts';

/**
 * What a test run cost: the session's own calls (realtime, supervisor, escalation, guardrail, as the log
 * bills them) plus the judge's and the simulated caller's. Undefined when nothing could be priced.
 */
export function runDollars(
  events: readonly SessionEvent[],
  extra: readonly { model: string; usage: Usage }[],
  table: PricingTable,
): number | undefined {
  const byModel = new Map<string, TokenCounts>(reduceCost(emptyCost, events).byModel);
  for (const call of extra) byModel.set(call.model, addTokens(byModel.get(call.model) ?? noTokens, backendTokens(call.usage)));
  return dollarsForModels(table, byModel).dollars;
}
