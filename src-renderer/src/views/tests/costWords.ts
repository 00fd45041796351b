import { datesInWords, formatDollars } from '../../../../src-shared/cost';
import type { RunCost } from '../../../../src-shared/scenarioTests/runCost';

/** `$0.0123 (prices of 2026-12-03)`, or why there is no figure. */
export function costWords(cost: RunCost): string {
  const [first, ...later] = cost.takenOn;
  if (cost.dollars === undefined || first === undefined) return 'cost not priced';
  return `${formatDollars(cost.dollars)} (prices of ${datesInWords([first, ...later])})`;
}
