import { create } from 'zustand';
import type { SessionComparisonData } from '../../../src-shared/sessionComparisonContract';

/** One side of a comparison as the Compare view names it. */
export interface ComparedSession {
  readonly id: string;
  readonly label: string;
  readonly startedAt: string;
}

export interface ShownComparison {
  readonly a: ComparedSession;
  readonly b: ComparedSession;
  /** A re-run of A (B is the new session), or two saved sessions picked in the Sessions panel. */
  readonly origin: 'rerun' | 'picked';
  readonly comparison: SessionComparisonData;
}

interface SessionComparisonState {
  /** The sessions ticked for Compare, in the order they were ticked. */
  readonly picked: readonly string[];
  /** The saved session being played again, while a re-run runs (one at a time). */
  readonly rerunning: string | undefined;
  /** The turn the re-run is at: 0 until the first starts. */
  readonly rerunTurn: { readonly turn: number; readonly of: number };
  /** The last re-run that failed, and why in words; cleared when another starts. */
  readonly rerunFailure: { readonly id: string; readonly message: string } | undefined;
  /** What the Compare view shows. */
  readonly shown: ShownComparison | undefined;
}

/** The Sessions panel's comparison work: which sessions are picked, a re-run under way, and the comparison shown. */
export const useSessionComparisonStore = create<SessionComparisonState>(() => ({
  picked: [],
  rerunning: undefined,
  rerunTurn: { turn: 0, of: 0 },
  rerunFailure: undefined,
  shown: undefined,
}));
