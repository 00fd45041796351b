import { describe, expect, it } from 'vitest';
import { budgetLevel, crossing, noBudget, reduceBudget } from '../../src-shared/budget';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const app = (type: string, payload: Record<string, unknown>): SessionEvent => ({ seq: seq++, t: seq * 10, direction: 'app', type, payload });

describe('budgetLevel', () => {
  it('is under below 80 %, a warning from 80 %, exceeded from 100 %', () => {
    expect(budgetLevel(0, 1)).toBe('under');
    expect(budgetLevel(0.7999, 1)).toBe('under');
    expect(budgetLevel(0.8, 1)).toBe('warning');
    expect(budgetLevel(0.9999, 1)).toBe('warning');
    expect(budgetLevel(1, 1)).toBe('exceeded');
    expect(budgetLevel(3, 1)).toBe('exceeded');
  });

  it('is no level at all without a budget', () => {
    expect(budgetLevel(5, 0)).toBeUndefined();
    expect(budgetLevel(5, -1)).toBeUndefined();
    expect(budgetLevel(5, Number.NaN)).toBeUndefined();
  });
});

describe('crossing', () => {
  it('records a rise once, and never a fall', () => {
    expect(crossing('under', 'warning')).toBe('budget.warning');
    expect(crossing(undefined, 'warning')).toBe('budget.warning');
    expect(crossing('warning', 'warning')).toBeUndefined();
    expect(crossing('warning', 'exceeded')).toBe('budget.exceeded');
    expect(crossing('under', 'exceeded')).toBe('budget.exceeded');
    expect(crossing('exceeded', 'exceeded')).toBeUndefined();
    expect(crossing('exceeded', 'under')).toBeUndefined();
    expect(crossing('warning', 'under')).toBeUndefined();
    expect(crossing(undefined, 'under')).toBeUndefined();
    expect(crossing('under', undefined)).toBeUndefined();
  });
});

describe('reduceBudget', () => {
  it('follows a budget set, warned about, raised and exceeded, fed whole or one event at a time', () => {
    seq = 0;
    const events = [
      app('session.started', {}),
      app('budget.set', { budgetUsd: 0.01 }),
      { seq: seq++, t: 1, direction: 'server', type: 'budget.warning', payload: { budgetUsd: 9 } } as SessionEvent,
      app('budget.warning', { budgetUsd: 0.01, spentUsd: 0.0085 }),
    ];
    const warned = reduceBudget(noBudget, events);
    expect(warned).toEqual({ budgetUsd: 0.01, crossed: 'budget.warning', spentUsd: 0.0085 });
    expect(events.reduce((state, event) => reduceBudget(state, [event]), noBudget)).toEqual(warned);

    const raised = reduceBudget(warned, [app('budget.set', { budgetUsd: 0.02 })]);
    expect(raised).toEqual({ budgetUsd: 0.02, crossed: undefined, spentUsd: undefined });
    const exceeded = reduceBudget(raised, [app('budget.exceeded', { budgetUsd: 0.02, spentUsd: 0.021 })]);
    expect(exceeded).toEqual({ budgetUsd: 0.02, crossed: 'budget.exceeded', spentUsd: 0.021 });
  });

  it('takes a cleared or nonsense budget as none, and keeps what it knew when a crossing lacks figures', () => {
    seq = 0;
    expect(reduceBudget(noBudget, [app('budget.set', { budgetUsd: 0 })]).budgetUsd).toBeUndefined();
    expect(reduceBudget(noBudget, [app('budget.set', { budgetUsd: 'lots' })]).budgetUsd).toBeUndefined();
    const set = reduceBudget(noBudget, [app('budget.set', { budgetUsd: 0.5 })]);
    expect(reduceBudget(set, [app('budget.exceeded', {})])).toEqual({ budgetUsd: 0.5, crossed: 'budget.exceeded', spentUsd: undefined });
    expect(reduceBudget(set, [app('session.state', { status: 'idle' })])).toBe(set);
  });

  it('takes only finite, non-negative dollar figures, zero spent included, and only from app events', () => {
    seq = 0;
    const set = reduceBudget(noBudget, [app('budget.set', { budgetUsd: 1 })]);
    expect(reduceBudget(set, [app('budget.warning', { spentUsd: 0 })]).spentUsd).toBe(0);
    for (const nonsense of [-0.5, Infinity, Number.NaN, '0.9']) {
      expect(reduceBudget(set, [app('budget.warning', { spentUsd: nonsense, budgetUsd: nonsense })])).toEqual({
        budgetUsd: 1,
        crossed: 'budget.warning',
        spentUsd: undefined,
      });
    }
    expect(reduceBudget(noBudget, [app('budget.set', { budgetUsd: Infinity })]).budgetUsd).toBeUndefined();
    const fromServer = { seq: seq++, t: 0, direction: 'server' as const, type: 'budget.set', payload: { budgetUsd: 3 } };
    expect(reduceBudget(set, [fromServer])).toBe(set);
  });

  it('takes the budget a crossing names over the one set before', () => {
    seq = 0;
    const set = reduceBudget(noBudget, [app('budget.set', { budgetUsd: 1 })]);
    expect(reduceBudget(set, [app('budget.exceeded', { budgetUsd: 2, spentUsd: 2.1 })])).toEqual({
      budgetUsd: 2,
      crossed: 'budget.exceeded',
      spentUsd: 2.1,
    });
  });
});
