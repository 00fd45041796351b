import { z } from 'zod';
import { historyLineSchema } from './scenarioTests/testHistory';
import { testSchema } from './scenarioTests/testsFile';
import { usageSchema } from './usage';

/**
 * The `tests` domain of the contract: the scenario tests the Tests panel lists and runs in the page, and the
 * calls a run makes to main (the judge, the simulated caller, the results history).
 */

export const testStabilitySchema = z.object({
  runs: z.number().int().nonnegative(),
  passed: z.number().int().nonnegative(),
  passRate: z.number().min(0).max(1).optional(),
  flaky: z.boolean(),
  regressed: z.boolean(),
});

/** `TestStability` as it crosses the contract (a pass rate with no runs is left out). */
export type ListedStability = z.infer<typeof testStabilitySchema>;

const testsFileFaultSchema = z.object({ file: z.string(), line: z.number().int(), field: z.string(), message: z.string() });

/** One tests file for the scenario: its tests with their history, or every fault that keeps it from running. */
export const listedTestsFileSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    path: z.string(),
    origin: z.enum(['builtin', 'user']),
    /** A hash of the scenario as the tests would run it now; a history line carries it. */
    scenarioHash: z.string(),
    tests: z.array(z.object({ test: testSchema, stability: testStabilitySchema })),
  }),
  z.object({
    ok: z.literal(false),
    path: z.string(),
    origin: z.enum(['builtin', 'user']),
    faults: z.array(testsFileFaultSchema).min(1),
  }),
]);
export type ListedTestsFile = z.infer<typeof listedTestsFileSchema>;

export const testsListSchema = z.object({ files: z.array(listedTestsFileSchema) });

const conversation = z.string().max(200_000);

export const judgeRequestSchema = z.strictObject({ criterion: z.string().min(1).max(4_000), conversation });
export const judgementSchema = z.object({ verdict: z.enum(['pass', 'fail']), reason: z.string(), model: z.string(), usage: usageSchema });

export const callerLineRequestSchema = z.strictObject({
  /** A description, or one word naming a shipped persona (main reads its description). */
  persona: z.string().min(1).max(4_000),
  goal: z.string().min(1).max(4_000),
  conversation,
});
export const callerLineSchema = z.object({ message: z.string(), done: z.boolean(), model: z.string(), usage: usageSchema });

export const testsChannels = {
  list: { request: z.strictObject({ scenarioId: z.string().min(1) }), response: testsListSchema },
  judge: { request: judgeRequestSchema, response: judgementSchema },
  callerLine: { request: callerLineRequestSchema, response: callerLineSchema },
  /** Appends a run to `test-results.jsonl` and answers the test's stability with it. */
  record: { request: historyLineSchema.strict(), response: testStabilitySchema },
} as const;
