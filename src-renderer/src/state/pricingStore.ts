import { useEffect } from 'react';
import { create } from 'zustand';
import type { PricingTable } from '../../../src-shared/pricing';
import { requireApi } from './hostStore';

export interface PricingState {
  readonly table: PricingTable | undefined;
  /** Why the table (or the user's override of it) could not be used, in words. */
  readonly problem: string | undefined;
  readonly loaded: boolean;
  /** The one read of the table in flight or done, shared by every caller; cleared when a read fails. */
  readonly reading: Promise<PricingState> | undefined;
}

export const usePricingStore = create<PricingState>(() => ({ table: undefined, problem: undefined, loaded: false, reading: undefined }));

/** The pricing table from main, read once per run of the app (until a read succeeds) and shared by the cost panel and the budget. */
export function loadPricing(): Promise<PricingState> {
  const reading = usePricingStore.getState().reading;
  if (reading) return reading;
  const read: Promise<PricingState> = requireApi()
    .pricing.get()
    .then(
      (loaded) => ({ table: loaded.table, problem: loaded.problem, loaded: true, reading: read }),
      (error: unknown) => ({
        table: undefined,
        problem: `The pricing table could not be read: ${error instanceof Error ? error.message : String(error)}`,
        loaded: true,
        // A read that failed (the host was away) is tried again by the next caller.
        reading: undefined,
      }),
    )
    .then((state) => {
      usePricingStore.setState(state);
      return state;
    });
  usePricingStore.setState({ reading: read });
  return read;
}

/** The table for a view: starts the one read if nobody has yet. */
export function usePricing(): PricingState {
  useEffect(() => {
    void loadPricing();
  }, []);
  return usePricingStore();
}
