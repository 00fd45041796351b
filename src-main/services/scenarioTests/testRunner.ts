import { createHash } from 'node:crypto';
import type { Scenario } from '../../../src-shared/scenario';
import type { ScenarioTest } from '../../../src-shared/scenarioTests/testsFile';
import { passRate, testPassed } from '../../../src-shared/scenarioTests/testRuns';
import { historyLineOf, type HistoryLine } from '../../../src-shared/scenarioTests/testHistory';
import type { Settings } from '../../../src-shared/settings';
import type { UpstreamClientFactory } from '../openaiClient';
import { runTestOnce, type RunOutcome, type TestPort } from '../../../src-shared/scenarioTests/testRun';
import type { HeadlessSessionOptions } from './headlessSession';
import { nodeTestPort } from './nodeTestPort';

/** A tests file read and checked, with its scenario. */
export interface LoadedTests {
  /** The file as the user named it. */
  readonly file: string;
  /** The folder its relative paths (audio) are read from. */
  readonly baseDir: string;
  readonly scenario: Scenario;
  readonly tests: readonly ScenarioTest[];
}

export interface TestOutcome {
  readonly file: string;
  readonly test: ScenarioTest;
  readonly scenario: Scenario;
  readonly scenarioHash: string;
  readonly runs: readonly RunOutcome[];
  readonly minPassRate: number;
  readonly passRate: number;
  readonly passed: boolean;
}

export interface RunnerOptions {
  readonly services: HeadlessSessionOptions['services'];
  readonly upstream: UpstreamClientFactory;
  readonly settings: () => Settings;
  /** Runs per test, over what each test says. */
  readonly runs?: number;
  /** Tests run side by side (each run is its own session). */
  readonly concurrency: number;
  readonly signal: AbortSignal;
  readonly timeouts?: HeadlessSessionOptions['timeouts'];
  readonly costOf?: TestPort['costOf'];
  /** Told as each run starts and ends, for progress. */
  readonly onRun?: (event: {
    readonly phase: 'start' | 'end';
    readonly file: string;
    readonly test: string;
    readonly run: number;
    readonly outcome?: RunOutcome;
  }) => void;
  /** Each run's line for `test-results.jsonl`, as it finishes. */
  readonly onHistory?: (line: HistoryLine) => Promise<void> | void;
}

/** A hash of the scenario as it runs: any change to a prompt, tool, handoff or guardrail makes a new version. */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex').slice(0, 16);
}

/** Runs jobs with at most `limit` at a time, in order of start; resolves when all are done. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(jobs.length);
  let next = 0;
  const worker = async () => {
    while (next < jobs.length) {
      const at = next;
      next += 1;
      results[at] = await jobs[at]!();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, jobs.length)) }, worker));
  return results;
}

/**
 * Runs every test of every file (each `runs` times), at most `concurrency` runs at once. A run that fails
 * to finish (lost connection, a 429 that persists, a time limit) fails its test with the reason and the
 * others go on; each run is saved as a session and appended to the history as it finishes.
 */
export async function runScenarioTests(files: readonly LoadedTests[], options: RunnerOptions): Promise<TestOutcome[]> {
  const plans = files.flatMap((loaded) => {
    const hash = scenarioHash(loaded.scenario);
    return loaded.tests.map((test) => ({ loaded, test, hash, runs: options.runs ?? test.runs ?? 1 }));
  });
  const jobs = plans.flatMap((plan) =>
    Array.from({ length: plan.runs }, (_, index) => async () => {
      const run = index + 1;
      const port = nodeTestPort({
        services: options.services,
        upstream: options.upstream,
        settings: options.settings,
        scenario: plan.loaded.scenario,
        baseDir: plan.loaded.baseDir,
        signal: options.signal,
        ...(options.timeouts ? { timeouts: options.timeouts } : {}),
        ...(options.costOf ? { costOf: options.costOf } : {}),
      });
      options.onRun?.({ phase: 'start', file: plan.loaded.file, test: plan.test.name, run });
      const outcome = options.signal.aborted
        ? { run, passed: false, error: 'Cancelled before it started.', turns: [], logId: undefined, durationMs: 0, dollars: undefined }
        : await runTestOnce(plan.test, run, plan.loaded.file, port);
      await options.onHistory?.(
        historyLineOf(
          { file: plan.loaded.file, test: plan.test, scenarioId: plan.loaded.scenario.id, scenarioHash: plan.hash },
          options.settings(),
          outcome,
        ),
      );
      options.onRun?.({ phase: 'end', file: plan.loaded.file, test: plan.test.name, run, outcome });
      return { plan, outcome };
    }),
  );
  const done = await pool(jobs, options.concurrency);
  return plans.map((plan) => {
    const runs = done.filter((job) => job.plan === plan).map((job) => job.outcome);
    const minPassRate = plan.test.minPassRate ?? 1;
    const results = runs.map((run) => ({ ok: run.passed }));
    return {
      file: plan.loaded.file,
      test: plan.test,
      scenario: plan.loaded.scenario,
      scenarioHash: plan.hash,
      runs,
      minPassRate,
      passRate: passRate(results),
      passed: testPassed(results, minPassRate),
    };
  });
}
