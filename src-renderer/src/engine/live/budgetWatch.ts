import { budgetLevel, crossing, type BudgetLevel } from '../../../../src-shared/budget';
import { datesInWords, formatDollars, sessionCost } from '../../../../src-shared/cost';
import type { PricingTable } from '../../../../src-shared/pricing';
import type { SessionStream } from '../events/sessionStream';

export type BudgetEventType = 'budget.set' | 'budget.warning' | 'budget.exceeded';

export interface BudgetWatchOptions {
  readonly stream: SessionStream;
  readonly pricing: PricingTable;
  /** The budget the user has set now, in dollars; 0 for none. */
  readonly budgetUsd: () => number;
  /** Calls back when the user changes the budget. */
  readonly onBudgetChange: (listener: () => void) => () => void;
  /** Records an app event in the session's stream and log. */
  readonly note: (type: BudgetEventType, payload: Record<string, unknown>) => void;
  /** Ends the session with this message; the transcript and log stay. */
  readonly end: (message: string) => void;
}

/**
 * Watches a live session's cost against its budget: records the budget as set, a warning once 80 % of it
 * is spent, and at 100 % records that and ends the session. Returns the function that stops watching.
 */
export function watchBudget(options: BudgetWatchOptions): () => void {
  const { stream, pricing, note } = options;
  let budget = 0;
  let level: BudgetLevel | undefined;
  let ended = false;

  const check = () => {
    if (ended) return;
    const now = options.budgetUsd();
    if (now !== budget) {
      budget = now;
      level = undefined;
      note('budget.set', { budgetUsd: now > 0 ? now : 0 });
    }
    const cost = sessionCost(stream.store.getState().cost, pricing);
    const next = budgetLevel(cost.total, budget);
    const crossed = crossing(level, next);
    level = next;
    if (!crossed) return;
    const pricesOf = datesInWords(cost.takenOn);
    note(crossed, { budgetUsd: budget, spentUsd: cost.total, pricesOf, unpriced: cost.unpriced });
    if (crossed !== 'budget.exceeded') return;
    ended = true;
    options.end(
      `The session reached its budget: it cost ${formatDollars(cost.total)} against ${formatDollars(budget)} (prices of ${pricesOf}), so it was ended. ` +
        'The transcript and log are kept; raise the budget and Connect to carry on.',
    );
  };

  check();
  const stopCost = stream.store.subscribe((state, previous) => {
    if (state.cost !== previous.cost) check();
  });
  const stopBudget = options.onBudgetChange(check);
  return () => {
    ended = true;
    stopCost();
    stopBudget();
  };
}
