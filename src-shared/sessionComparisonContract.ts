import { z } from 'zod';
import type { SessionComparison } from './scenarioTests/compareSessions';
import { sessionIdSchema } from './sessionLibrary';

/**
 * The Sessions panel's channels that work on saved sessions as a whole: draft a scenario test from one, play
 * one again against the scenario as it is now, and compare two turn by turn. Spread into the contract's
 * `sessions` domain.
 */

const figureSchema = z.object({ a: z.number().optional(), b: z.number().optional(), delta: z.number().optional() });
const sideSchema = z.enum(['both', 'a', 'b']);
const pairSchema = z.object({ a: z.array(z.string()), b: z.array(z.string()), same: z.boolean() });

const toolCallSchema = z.object({
  name: z.string(),
  arguments: z.unknown(),
  argumentsText: z.string(),
  output: z.string().optional(),
  agent: z.string().optional(),
  via: z.enum(['supervisor', 'escalation']).optional(),
});

const turnComparisonSchema = z.object({
  index: z.number().int().nonnegative(),
  side: sideSchema,
  user: z.object({ a: z.string().optional(), b: z.string().optional() }),
  reply: z.object({
    parts: z.array(z.object({ text: z.string(), change: z.enum(['same', 'added', 'removed']) })),
    same: z.boolean(),
  }),
  toolCalls: z.array(
    z.object({
      name: z.string(),
      side: sideSchema,
      a: toolCallSchema.optional(),
      b: toolCallSchema.optional(),
      differences: z.array(z.object({ path: z.string(), a: z.unknown(), b: z.unknown() })),
    }),
  ),
  toolCallsSame: z.boolean(),
  handoffs: pairSchema,
  guardrail: pairSchema,
  latency: z.object({ committed: figureSchema, created: figureSchema, firstText: figureSchema, firstAudio: figureSchema, done: figureSchema }),
  dollars: figureSchema,
  tokens: figureSchema,
  same: z.boolean(),
});

/** `compareSessions`' answer as plain JSON (a side's absent value is left out). */
export const sessionComparisonSchema = z.object({
  turnCount: z.object({ a: z.number().int().nonnegative(), b: z.number().int().nonnegative() }),
  turns: z.array(turnComparisonSchema),
  differing: z.array(z.number().int().nonnegative()),
  same: z.boolean(),
});
export type SessionComparisonData = z.infer<typeof sessionComparisonSchema>;

/** A comparison as it crosses the contract: plain JSON, a side's absent value left out (the dispatcher checks it). */
export const comparisonData = (comparison: SessionComparison): SessionComparisonData =>
  JSON.parse(JSON.stringify(comparison)) as SessionComparisonData;

/** Where a re-run in main is, pushed to the page as each turn starts or is done (see `RerunProgress`). */
export const rerunProgressSchema = z.object({
  /** The saved session being played again. */
  id: sessionIdSchema,
  phase: z.enum(['start', 'done', 'skipped']),
  /** 1 for the first user turn. */
  turn: z.number().int().positive(),
  of: z.number().int().positive(),
});
export type RerunProgressPush = z.infer<typeof rerunProgressSchema>;

export const sessionComparisonChannels = {
  /** Drafts a scenario test from the session into the user scenario folder, never over another file. */
  toTest: {
    request: z.strictObject({ id: sessionIdSchema }),
    response: z.object({ path: z.string(), name: z.string(), turns: z.number().int().nonnegative() }),
  },
  /** The two sessions turn by turn: a is the first, b the second. */
  compare: { request: z.strictObject({ a: sessionIdSchema, b: sessionIdSchema }), response: sessionComparisonSchema },
  /** Plays the session's user turns again against the scenario as it is now; saves the new session and compares. */
  rerun: {
    request: z.strictObject({ id: sessionIdSchema }),
    response: z.object({ newId: sessionIdSchema, comparison: sessionComparisonSchema }),
  },
} as const;
