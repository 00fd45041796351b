import { create } from 'zustand';
import type { RunCost } from '../../../src-shared/scenarioTests/runCost';
import type { RunOutcome } from '../../../src-shared/scenarioTests/testRun';
import type { ListedStability, ListedTestsFile } from '../../../src-shared/testsContract';

/** One test's runs in this window: each run as it finished, and whether the test passed once all are in. */
export interface TestResults {
  readonly runs: readonly RunOutcome[];
  /** How many runs the test asks for. */
  readonly planned: number;
  readonly minPassRate: number;
  /** Undefined until every run is in (or the test was stopped). */
  readonly passed: boolean | undefined;
}

/** What runs now: which run of which test, at which turn. */
export interface TestProgress {
  readonly file: string;
  readonly test: string;
  readonly run: number;
  readonly runs: number;
  readonly turn: number;
  /** The test's scripted turns, or a simulated caller's most. */
  readonly turns: number;
}

/** The last Run or Run all: how many tests and runs it made and what each run cost, for the panel's total. */
export interface TestsBatch {
  readonly file: string;
  readonly tests: number;
  readonly costs: readonly RunCost[];
  /** False while it runs. */
  readonly finished: boolean;
}

interface TestsState {
  /** The scenario the files were listed for. */
  readonly scenarioId: string | undefined;
  readonly files: readonly ListedTestsFile[] | undefined;
  readonly listError: string | undefined;
  readonly progress: TestProgress | undefined;
  readonly stopping: boolean;
  /** By `resultKey(file, test)`. */
  readonly results: Readonly<Record<string, TestResults>>;
  /** Stability as `tests:record` last answered it, over the listing's; by `resultKey`. */
  readonly stability: Readonly<Record<string, ListedStability>>;
  /** Plain words about a run that could not start. */
  readonly notice: string | undefined;
  readonly lastBatch: TestsBatch | undefined;
}

/** The Tests panel's tests files for the shown scenario, the runs made in this window, and the run under way. */
export const useTestsStore = create<TestsState>(() => ({
  scenarioId: undefined,
  files: undefined,
  listError: undefined,
  progress: undefined,
  stopping: false,
  results: {},
  stability: {},
  notice: undefined,
  lastBatch: undefined,
}));

export function resultKey(file: string, test: string): string {
  return `${file}\u0000${test}`;
}
