import type { SessionEvent } from './sessionEvent';

/**
 * A session's optional budget in dollars: a warning once 80 % of it is spent, and the session ended at
 * 100 %. What was set and crossed is recorded as app events (`budget.set`, `budget.warning`,
 * `budget.exceeded`), so a replay and the log summary show the same budget the live session had.
 */

export const BUDGET_WARNING_FRACTION = 0.8;

export type BudgetLevel = 'under' | 'warning' | 'exceeded';

/** Where spending stands against a budget; a budget of 0 or less is no budget. */
export function budgetLevel(spentUsd: number, budgetUsd: number): BudgetLevel | undefined {
  if (!(budgetUsd > 0)) return undefined;
  if (spentUsd >= budgetUsd) return 'exceeded';
  if (spentUsd >= budgetUsd * BUDGET_WARNING_FRACTION) return 'warning';
  return 'under';
}

/** A crossing the watch records: only when the level rises, once per rise (a raised budget can warn again). */
export function crossing(previous: BudgetLevel | undefined, next: BudgetLevel | undefined): 'budget.warning' | 'budget.exceeded' | undefined {
  const rank = (level: BudgetLevel | undefined) => (level === 'exceeded' ? 2 : level === 'warning' ? 1 : 0);
  if (rank(next) <= rank(previous)) return undefined;
  return next === 'exceeded' ? 'budget.exceeded' : 'budget.warning';
}

/** The budget as the stream has recorded it. */
export interface BudgetState {
  /** The budget in force; undefined when none was set. */
  readonly budgetUsd: number | undefined;
  /** The last crossing recorded since the budget was (re)set. */
  readonly crossed: 'budget.warning' | 'budget.exceeded' | undefined;
  /** Spent when that crossing was recorded. */
  readonly spentUsd: number | undefined;
}

export const noBudget: BudgetState = { budgetUsd: undefined, crossed: undefined, spentUsd: undefined };

const dollars = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined);

/** Folds the budget's app events. Pure and O(batch); anything else passes untouched. */
export function reduceBudget(state: BudgetState, events: readonly SessionEvent[]): BudgetState {
  let next = state;
  for (const event of events) {
    if (event.direction !== 'app') continue;
    if (event.type === 'budget.set') {
      const budgetUsd = dollars(event.payload['budgetUsd']);
      next = { budgetUsd: budgetUsd && budgetUsd > 0 ? budgetUsd : undefined, crossed: undefined, spentUsd: undefined };
    } else if (event.type === 'budget.warning' || event.type === 'budget.exceeded') {
      next = {
        budgetUsd: dollars(event.payload['budgetUsd']) ?? next.budgetUsd,
        crossed: event.type,
        spentUsd: dollars(event.payload['spentUsd']),
      };
    }
  }
  return next;
}
