import { z } from 'zod';
import { historyLineSchema } from './scenarioTests/testHistory';
import { testSchema } from './scenarioTests/testsFile';
import { usageSchema } from './usage';

/**
 * The `tests` domain of the contract: the scenario tests the Tests panel lists and runs in the page, and the
 * calls a run makes to main (the judge, the simulated caller, the audio it plays into the test's microphone, the results history).
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

/** The rate and shape of the audio the page plays into a test's microphone: PCM16 mono at 24 kHz, as a headless session sends it. */
export const TEST_AUDIO_SAMPLE_RATE = 24_000;
/** The longest turn audio or spoken caller line one call carries (about 5.8 MB of PCM). */
export const MAX_TEST_AUDIO_SECONDS = 120;
const MAX_TEST_AUDIO_BYTES = MAX_TEST_AUDIO_SECONDS * TEST_AUDIO_SAMPLE_RATE * 2;

export const testAudioSchema = z.object({
  /** PCM16 mono at 24 kHz, little-endian, base64. */
  pcm: z
    .string()
    .max(Math.ceil(MAX_TEST_AUDIO_BYTES / 3) * 4, { error: `must hold at most ${MAX_TEST_AUDIO_SECONDS} s of audio` })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, { error: 'must be base64' }),
});

export const readAudioRequestSchema = z.strictObject({
  /** The listed tests file whose turn it is; `audio` is relative to its folder. */
  testsFile: z.string().min(1).max(4_096),
  audio: z.string().min(1).max(4_096),
});

export const speakRequestSchema = z.strictObject({ text: z.string().min(1).max(4_096) });

export const testsChannels = {
  list: { request: z.strictObject({ scenarioId: z.string().min(1) }), response: testsListSchema },
  judge: { request: judgeRequestSchema, response: judgementSchema },
  callerLine: { request: callerLineRequestSchema, response: callerLineSchema },
  /** Appends a run to `test-results.jsonl` and answers the test's stability with it. */
  record: { request: historyLineSchema.strict(), response: testStabilitySchema },
  /** An `audio` turn's WAV file, read and decoded in main, for the page to play into the test's microphone. */
  readAudio: { request: readAudioRequestSchema, response: testAudioSchema },
  /** A voice caller's line spoken with the Speech API, for the page to play into the test's microphone. */
  speak: { request: speakRequestSchema, response: testAudioSchema },
} as const;
