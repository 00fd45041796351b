import { useState } from 'react';
import { BUDGET_WARNING_FRACTION, budgetLevel } from '../../../../src-shared/budget';
import { datesInWords, formatDollars, sessionCost } from '../../../../src-shared/cost';
import { useShownStream } from '../../state/shownSessionStore';
import { usePricing } from '../../state/pricingStore';
import { setBudget } from '../../state/liveActions';
import { useSessionControls } from '../../state/sessionControlsStore';

/**
 * The session budget in dollars. It applies when typed in and left (Enter or Tab), not per keystroke: on the
 * way to typing 0.05 the field holds 0.0, and a running session must not end on a budget half typed.
 */
export function BudgetField() {
  const budgetUsd = useSessionControls((state) => state.budgetUsd);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const commit = () => {
    if (draft === undefined) return;
    setBudget(draft.trim() === '' ? 0 : Number(draft));
    setDraft(undefined);
  };
  return (
    <label className="field">
      <span className="field-label">Budget ($)</span>
      <input
        className="input input-narrow"
        type="number"
        min={0}
        step="any"
        aria-label="Session budget in dollars"
        title="The session ends when its cost reaches this; a warning at 80 %. Applies when you leave the field or press Enter."
        value={draft ?? (budgetUsd > 0 ? String(budgetUsd) : '')}
        placeholder="none"
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit();
          if (event.key === 'Escape') setDraft(undefined);
        }}
      />
    </label>
  );
}

/** How much of the shown session's budget is spent, live or in a replay; a warning from 80 %. */
export function BudgetMeter() {
  const budget = useShownStream((state) => state.budget);
  const cost = useShownStream((state) => state.cost);
  const { table } = usePricing();
  if (budget.budgetUsd === undefined || !table) return null;
  const priced = sessionCost(cost, table);
  const spent = priced.total;
  const fraction = spent / budget.budgetUsd;
  // Exceeded stays exceeded once recorded, even if the prices have changed since.
  const level = budget.crossed === 'budget.exceeded' ? 'exceeded' : budgetLevel(spent, budget.budgetUsd);
  const text = `${formatDollars(spent)} of ${formatDollars(budget.budgetUsd)} (${Math.round(fraction * 100)} %)`;
  return (
    <span
      className={`budget budget-${level}`}
      role="status"
      aria-label="Session budget"
      title={`Prices of ${datesInWords(priced.takenOn)}. A warning at ${BUDGET_WARNING_FRACTION * 100} %; the session ends at 100 %.`}
      data-testid="budget-meter"
    >
      {level === 'exceeded' ? `Budget reached: ${text}` : level === 'warning' ? `Budget warning: ${text}` : text}
    </span>
  );
}
