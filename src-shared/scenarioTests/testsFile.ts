import { z } from 'zod';
import { locateFaults, parseJsonFile, zodFaults, type LocatedFault } from '../jsonFileFaults';

/**
 * A tests file (`<anything>.tests.json`, JSONC): scripted turns or a simulated caller run against one scenario,
 * with what each turn is expected to do. `docs/scenario-tests.schema.json` is generated from these schemas.
 */

/** The personas shipped in resources/personas/ (`<name>.md`), which a caller's `persona` may name instead of describing one. */
export const shippedPersonas = ['impatient', 'confused', 'off-topic', 'interrupts'] as const;

/** The latency milestones a turn may be given a budget for, in ms after the user finished speaking. */
export const milestoneNames = ['committed', 'created', 'firstText', 'firstAudio', 'done'] as const;
export type MilestoneName = (typeof milestoneNames)[number];

const text = z.string().min(1);
const milliseconds = z.number().int().positive();

/** Why a pattern is not a regular expression (the engine's words after the pattern), or undefined when it is one. */
export function regexFault(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch (error) {
    const words = (error as Error).message;
    return words.slice(words.lastIndexOf(': ') + 2);
  }
}

const expectedToolCallSchema = z.strictObject({
  name: text.describe('The tool: a tool of any agent of the scenario, or transfer_to_<agent> for a handoff.'),
  arguments: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Arguments the call must have, matched as a subset: deep, so a nested object need only hold the fields given.'),
});

const latencyBudgetsSchema = z
  .strictObject(
    Object.fromEntries(milestoneNames.map((name) => [name, milliseconds.optional()])) as Record<MilestoneName, z.ZodOptional<typeof milliseconds>>,
  )
  .describe('Budgets in ms after the user finished speaking; a milestone the log does not have fails its budget.');

export const expectationsSchema = z
  .strictObject({
    toolCalls: z
      .array(expectedToolCallSchema)
      .min(1)
      .optional()
      .describe('Calls the turn must make, in any order, among any others; with toolCallsExactly, the only calls, in this order.'),
    toolCallsExactly: z
      .literal(true)
      .optional()
      .describe(
        'The turn made the listed tool calls and no others, in this order (arguments still matched as a subset). Handoffs are checked only where transfer_to_<agent> is listed.',
      ),
    noToolCalls: z.literal(true).optional().describe('The turn made no tool call (a handoff is not counted).'),
    handoffTo: text.optional().describe('The agent the turn handed off to.'),
    replyIncludes: z
      .union([text, z.array(text).min(1)])
      .optional()
      .describe('Text every one of which the assistant said in the turn, ignoring case.'),
    replyMatches: text.optional().describe('A regular expression the assistant’s reply matches, ignoring case (JavaScript syntax).'),
    judge: text.optional().describe('A criterion a judge model checks the turn against.'),
    guardrail: text.optional().describe('"pass", or the guardrail category a reply of the turn was flagged with.'),
    latencyMs: latencyBudgetsSchema.optional(),
  })
  .superRefine((expect, context) => {
    if (expect.toolCallsExactly && !expect.toolCalls)
      context.addIssue({ code: 'custom', path: ['toolCallsExactly'], message: 'goes with a toolCalls list, which is missing' });
    if (expect.noToolCalls && expect.toolCalls)
      context.addIssue({ code: 'custom', path: ['noToolCalls'], message: 'contradicts the toolCalls list beside it; keep one' });
    const fault = expect.replyMatches === undefined ? undefined : regexFault(expect.replyMatches);
    if (fault) context.addIssue({ code: 'custom', path: ['replyMatches'], message: `not a valid regular expression: ${fault}` });
  });
export type Expectations = z.infer<typeof expectationsSchema>;

const turnSchema = z
  .strictObject({
    user: text.optional().describe('What the user types.'),
    audio: text.optional().describe('A WAV or speech file the user says, relative to the tests file.'),
    silenceMs: milliseconds.optional().describe('The user says nothing for this long.'),
    interruptAfterMs: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe('On an audio turn: barge in this many ms after the assistant starts speaking.'),
    expect: expectationsSchema.optional(),
  })
  .describe('One user turn: exactly one of user, audio or silenceMs.')
  .superRefine((turn, context) => {
    const given = (['user', 'audio', 'silenceMs'] as const).filter((key) => turn[key] !== undefined);
    if (given.length !== 1)
      context.addIssue({
        code: 'custom',
        path: [],
        message: `needs exactly one of user, audio or silenceMs; ${given.length === 0 ? 'it has none' : `it has ${given.join(' and ')}`}`,
      });
    if (turn.interruptAfterMs !== undefined && turn.audio === undefined)
      context.addIssue({ code: 'custom', path: ['interruptAfterMs'], message: 'belongs on an audio turn' });
  });
export type TestTurn = z.infer<typeof turnSchema>;

/** The shipped persona a caller's `persona` names (a single word), or undefined when it describes one in words. */
export function personaName(persona: string): string | undefined {
  return /^[a-z][a-z-]*$/.test(persona) ? persona : undefined;
}

const callerSchema = z
  .strictObject({
    persona: text
      .refine(
        (persona) => {
          const name = personaName(persona);
          return name === undefined || (shippedPersonas as readonly string[]).includes(name);
        },
        `names no shipped persona (${shippedPersonas.join(', ')}); describe one in a sentence instead`,
      )
      .describe(`Who the caller is, in a few sentences; or one word naming a shipped persona: ${shippedPersonas.join(', ')}.`),
    goal: text.describe('What the caller wants from the call.'),
    success: text.describe('How a judge tells that the call succeeded.'),
    maxTurns: z.number().int().min(1).max(50).default(8).describe('The caller gives up after this many turns.'),
    voice: z.literal(true).optional().describe('The caller speaks (synthesised speech) instead of typing.'),
  })
  .describe('A simulated caller: a model plays the user until the goal is met or maxTurns is reached.');
export type Caller = z.infer<typeof callerSchema>;

export const testSchema = z
  .strictObject({
    name: text.describe('Shown in reports; unique within the file.'),
    startAgent: text.optional().describe('The agent the session starts with; else the scenario’s default agent.'),
    runs: z.number().int().min(1).max(100).default(1).describe('How many times the test is run.'),
    minPassRate: z.number().min(0).max(1).default(1).describe('The share of runs that must pass, from 0 to 1.'),
    turns: z.array(turnSchema).min(1).optional(),
    caller: callerSchema.optional(),
  })
  .describe('One test: scripted turns, or a simulated caller (not both).')
  .superRefine((test, context) => {
    if ((test.turns === undefined) === (test.caller === undefined))
      context.addIssue({
        code: 'custom',
        path: [],
        message: test.turns ? 'has both turns and caller; keep one' : 'needs turns or a caller',
      });
  });
export type ScenarioTest = z.infer<typeof testSchema>;

export const testsFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('For editors: the JSON Schema of this format.'),
    scenario: text.describe('A scenario id (shipped or the user’s), or a scenario file’s path relative to this file.'),
    tests: z.array(testSchema).min(1),
  })
  .superRefine((file, context) => {
    file.tests.forEach((test, index) => {
      if (file.tests.slice(0, index).some((earlier) => earlier.name === test.name))
        context.addIssue({ code: 'custom', path: ['tests', index, 'name'], message: `repeats the test name "${test.name}"` });
    });
  });
export type TestsFile = z.infer<typeof testsFileSchema>;

/** One fault of a tests file; `message` is the whole line a person reads: `file:line: field: words`. */
export interface TestsFileFault {
  readonly file: string;
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** The located faults as tests-file faults of this file. */
export function testsFileFaults(fileName: string, faults: readonly LocatedFault[]): TestsFileFault[] {
  return faults.map(({ line, field, message }) => ({
    file: fileName,
    line,
    field,
    message: field === '' ? `${fileName}:${line}: ${message}` : `${fileName}:${line}: ${field}: ${message}`,
  }));
}

/** Reads a tests file, reporting every fault at once, each with its line and field. */
export function parseTestsFile(source: string, fileName: string): { ok: true; file: TestsFile } | { ok: false; faults: TestsFileFault[] } {
  const parsed = parseJsonFile(source, { comments: true });
  if ('syntax' in parsed) return { ok: false, faults: testsFileFaults(fileName, [parsed.syntax]) };
  const checked = testsFileSchema.safeParse(parsed.input);
  if (checked.success) return { ok: true, file: checked.data };
  return { ok: false, faults: testsFileFaults(fileName, locateFaults(source, parsed.tree, zodFaults(checked.error.issues, parsed.input))) };
}
