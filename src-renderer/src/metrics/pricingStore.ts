import { useEffect } from 'react';
import { create } from 'zustand';
import type { PricingTable } from '../../../src-shared/pricing';
import { requireApi } from '../app/workbenchStore';

export interface PricingState {
  readonly table: PricingTable | undefined;
  /** Why the table (or the user's override of it) could not be used, in words. */
  readonly problem: string | undefined;
  readonly loaded: boolean;
}

export const usePricingStore = create<PricingState>(() => ({ table: undefined, problem: undefined, loaded: false }));

let loading: Promise<PricingState> | undefined;

/** The pricing table from main, read once per run of the app (until a read succeeds) and shared by the cost panel and the budget. */
export function loadPricing(): Promise<PricingState> {
  loading ??= requireApi()
    .pricing.get()
    .then(
      (loaded) => ({ table: loaded.table, problem: loaded.problem, loaded: true }),
      (error: unknown) => ({
        table: undefined,
        problem: `The pricing table could not be read: ${error instanceof Error ? error.message : String(error)}`,
        loaded: true,
      }),
    )
    .then((state) => {
      usePricingStore.setState(state);
      // A read that failed (the host was away) is tried again by the next caller.
      if (!state.table) loading = undefined;
      return state;
    });
  return loading;
}

/** The table for a view: starts the one read if nobody has yet. */
export function usePricing(): PricingState {
  useEffect(() => {
    void loadPricing();
  }, []);
  return usePricingStore();
}
