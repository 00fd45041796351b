import { z } from 'zod';
import type { Settings } from '../settings';
import type { RunOutcome } from './testRun';
import type { ScenarioTest } from './testsFile';

const milestonesSchema = z.object({
  committed: z.number().optional(),
  created: z.number().optional(),
  firstText: z.number().optional(),
  firstAudio: z.number().optional(),
  done: z.number().optional(),
});

/** One line of `test-results.jsonl` in the data folder: one run of one test. */
export const historyLineSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  file: z.string(),
  test: z.string(),
  scenario: z.string(),
  /** A hash of the scenario as it ran: a change to any prompt, tool or handoff makes a new version. */
  scenarioHash: z.string(),
  models: z.record(z.string(), z.string()),
  run: z.number().int().positive(),
  passed: z.boolean(),
  expectations: z.array(z.object({ turn: z.number().int().nonnegative(), kind: z.string(), ok: z.boolean() })),
  latency: z.array(milestonesSchema),
  dollars: z.number().optional(),
  logId: z.string().optional(),
  error: z.string().optional(),
});
export type HistoryLine = z.infer<typeof historyLineSchema>;

/** How a test has been doing: over its recent runs on this version of the scenario, and against the version before. */
export interface TestStability {
  /** Runs of this version counted (at most the window). */
  readonly runs: number;
  readonly passed: number;
  /** passed / runs; undefined with no runs. */
  readonly passRate: number | undefined;
  /** Neither always passing nor always failing over its recent runs, with no change to the scenario. */
  readonly flaky: boolean;
  /** Every run passed on the previous version of the scenario, and the latest run on this one failed. */
  readonly regressed: boolean;
}

/** How many of a test's latest runs on one version its pass rate and flakiness look at. */
export const HISTORY_WINDOW = 10;

/**
 * A test's stability from its history (oldest first): the latest `window` runs with the current scenario
 * hash give the pass rate and flakiness; the runs of the version just before (the latest other hash) say
 * whether a failure now is a regression. A regressed test is not also called flaky.
 */
export function stabilityOf(history: readonly HistoryLine[], currentHash: string, window = HISTORY_WINDOW): TestStability {
  const current = history.filter((line) => line.scenarioHash === currentHash).slice(-window);
  const passed = current.filter((line) => line.passed).length;
  const previousHash = history.findLast((line) => line.scenarioHash !== currentHash)?.scenarioHash;
  const previous = previousHash === undefined ? [] : history.filter((line) => line.scenarioHash === previousHash).slice(-window);
  const latest = current.at(-1);
  const regressed = previous.length > 0 && previous.every((line) => line.passed) && latest !== undefined && !latest.passed;
  return {
    runs: current.length,
    passed,
    passRate: current.length === 0 ? undefined : passed / current.length,
    flaky: !regressed && passed > 0 && passed < current.length,
    regressed,
  };
}

/** Reads `test-results.jsonl`, keeping every line that parses and counting those that do not (a torn last line after a crash). */
export function parseHistory(text: string): { lines: HistoryLine[]; skipped: number } {
  const lines: HistoryLine[] = [];
  let skipped = 0;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    try {
      const parsed = historyLineSchema.safeParse(JSON.parse(raw));
      if (parsed.success) lines.push(parsed.data);
      else skipped += 1;
    } catch {
      skipped += 1;
    }
  }
  return { lines, skipped };
}

/** What a history line is made of besides the run: which test of which file, on which scenario version. */
export interface RunOf {
  readonly file: string;
  readonly test: ScenarioTest;
  readonly scenarioId: string;
  readonly scenarioHash: string;
}

/** One run's line for `test-results.jsonl`: what passed per turn, the latency milestones, the models it ran with. */
export function historyLineOf(of: RunOf, settings: Settings, outcome: RunOutcome, at = new Date()): HistoryLine {
  return {
    at: at.toISOString(),
    file: of.file,
    test: of.test.name,
    scenario: of.scenarioId,
    scenarioHash: of.scenarioHash,
    models: {
      realtime: settings.realtimeModel,
      supervisor: settings.supervisorModel,
      escalation: settings.escalationModel,
      guardrail: settings.guardrailModel,
      judge: settings.judgeModel,
      ...(of.test.caller ? { caller: settings.callerModel } : {}),
    },
    run: outcome.run,
    passed: outcome.passed,
    expectations: outcome.turns.flatMap((turn) =>
      turn.expectations.map((expectation) => ({ turn: turn.index, kind: expectation.kind, ok: expectation.ok })),
    ),
    latency: outcome.turns.map((turn) => Object.fromEntries(Object.entries(turn.latency).filter(([, value]) => value !== undefined))),
    ...(outcome.dollars !== undefined ? { dollars: outcome.dollars } : {}),
    ...(outcome.logId ? { logId: outcome.logId } : {}),
    ...(outcome.error ? { error: outcome.error } : {}),
  };
}
