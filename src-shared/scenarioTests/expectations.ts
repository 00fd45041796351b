import type { ObservedToolCall, ObservedTurn } from './observedTurns';
import { milestoneNames, type Expectations } from './testsFile';

/** What a judge model said of a turn against its `judge` criterion (the runner makes the call). */
export interface JudgedTurn {
  readonly verdict: 'pass' | 'fail';
  readonly reason: string;
}

/** One expectation of a turn, checked: what was expected and, in plain words, what was seen. */
export interface ExpectationResult {
  /** The expectation's field: `toolCalls`, `handoffTo`, …, `latencyMs.firstAudio`. */
  readonly kind: string;
  readonly ok: boolean;
  readonly expected: string;
  readonly seen: string;
}

type ExpectedCall = NonNullable<Expectations['toolCalls']>[number];
interface SeenCall {
  readonly name: string;
  readonly arguments: unknown;
}

const HANDOFF_PREFIX = 'transfer_to_';
const REPLY_SHOWN = 200;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Whether `actual` holds `expected`: objects need only the fields given (deeply), lists match item by item. */
function holds(actual: unknown, expected: unknown): boolean {
  if (Array.isArray(expected))
    return Array.isArray(actual) && actual.length === expected.length && expected.every((item, index) => holds(actual[index], item));
  if (isRecord(expected))
    return isRecord(actual) && Object.entries(expected).every(([key, value]) => Object.hasOwn(actual, key) && holds(actual[key], value));
  return Object.is(actual, expected);
}

const callMatches = (seen: SeenCall, expected: ExpectedCall): boolean =>
  seen.name === expected.name && (expected.arguments === undefined || holds(seen.arguments, expected.arguments));

const argumentsWords = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

function callWords(call: SeenCall | ExpectedCall): string {
  return call.arguments === undefined ? call.name : `${call.name} with ${argumentsWords(call.arguments)}`;
}

const callsWords = (calls: readonly (SeenCall | ExpectedCall)[], none: string): string =>
  calls.length === 0 ? none : calls.map(callWords).join(', ');

const handoffCalls = (turn: ObservedTurn): SeenCall[] => turn.handoffs.map((handoff) => ({ name: `${HANDOFF_PREFIX}${handoff.to}`, arguments: {} }));

/** Each expected call paired with a different seen call, trying every pairing (an early loose match must not take a later one's call). */
function allFound(expected: readonly ExpectedCall[], seen: readonly SeenCall[]): boolean {
  const [first, ...rest] = expected;
  if (!first) return true;
  return seen.some(
    (call, index) =>
      callMatches(call, first) &&
      allFound(
        rest,
        seen.filter((_, other) => other !== index),
      ),
  );
}

const sameInOrder = (expected: readonly ExpectedCall[], seen: readonly SeenCall[]): boolean =>
  expected.length === seen.length && expected.every((call, index) => callMatches(seen[index]!, call));

function checkToolCalls(expected: readonly ExpectedCall[], exactly: boolean, turn: ObservedTurn): ExpectationResult {
  const calls: SeenCall[] = turn.toolCalls.map((call: ObservedToolCall) => ({ name: call.name, arguments: call.arguments }));
  const listedHandoffs = expected.filter((call) => call.name.startsWith(HANDOFF_PREFIX));
  const seen = listedHandoffs.length > 0 ? [...calls, ...handoffCalls(turn)] : calls;
  const ok = exactly
    ? sameInOrder(
        expected.filter((call) => !call.name.startsWith(HANDOFF_PREFIX)),
        calls,
      ) &&
      (listedHandoffs.length === 0 || sameInOrder(listedHandoffs, handoffCalls(turn)))
    : allFound(expected, seen);
  return {
    kind: 'toolCalls',
    ok,
    expected: `${exactly ? 'exactly, in order: ' : ''}${callsWords(expected, 'no tool calls')}`,
    seen: callsWords(seen, 'no tool calls'),
  };
}

function handoffWords(turn: ObservedTurn): string {
  return turn.handoffs.length === 0 ? 'no handoff' : `a handoff to ${turn.handoffs.map((handoff) => handoff.to).join(', then ')}`;
}

function replyWords(turn: ObservedTurn): string {
  if (turn.replyText === '') return 'no reply';
  const shown = turn.replyText.length > REPLY_SHOWN ? `${turn.replyText.slice(0, REPLY_SHOWN)}…` : turn.replyText;
  return `the reply ${JSON.stringify(shown)}`;
}

function checkReplyIncludes(phrases: readonly string[], turn: ObservedTurn): ExpectationResult {
  const reply = turn.replyText.toLowerCase();
  const missing = phrases.filter((phrase) => !reply.includes(phrase.toLowerCase()));
  return {
    kind: 'replyIncludes',
    ok: missing.length === 0,
    expected: phrases.map((phrase) => JSON.stringify(phrase)).join(' and '),
    seen: missing.length === 0 ? replyWords(turn) : `no ${missing.map((phrase) => JSON.stringify(phrase)).join(' or ')} in ${replyWords(turn)}`,
  };
}

function checkGuardrail(expected: string, turn: ObservedTurn): ExpectationResult {
  const verdicts = turn.replies.flatMap((reply) => (reply.guardrail === undefined ? [] : [reply.guardrail]));
  const ok = expected === 'pass' ? verdicts.length > 0 && verdicts.every((verdict) => verdict === 'pass') : verdicts.includes(expected);
  return {
    kind: 'guardrail',
    ok,
    expected: expected === 'pass' ? 'every reply passes' : `a reply flagged ${expected}`,
    seen: verdicts.length === 0 ? 'no guardrail verdict in the log' : `verdicts ${verdicts.join(', ')}`,
  };
}

function checkJudge(criterion: string, judged: JudgedTurn | undefined): ExpectationResult {
  return {
    kind: 'judge',
    ok: judged?.verdict === 'pass',
    expected: criterion,
    seen: judged ? `${judged.verdict}: ${judged.reason}` : 'not judged: the run gave no judge verdict for this turn',
  };
}

function checkLatency(budgets: NonNullable<Expectations['latencyMs']>, turn: ObservedTurn): ExpectationResult[] {
  return milestoneNames.flatMap((name) => {
    const budget = budgets[name];
    if (budget === undefined) return [];
    const took = turn.latency[name];
    const why = turn.latencyMissing.length > 0 ? ` (${turn.latencyMissing.join('; ')})` : '';
    return [
      {
        kind: `latencyMs.${name}`,
        ok: took !== undefined && took <= budget,
        expected: `at most ${budget} ms`,
        seen: took === undefined ? `the log did not have ${name} for this turn${why}` : `${Math.round(took)} ms`,
      },
    ];
  });
}

/**
 * Checks one turn against its expectations: one result per expectation (one per latency budget), in the
 * order of the format. `judged` is the judge model's verdict when the turn has a `judge` criterion.
 */
export function checkTurn(expect: Expectations | undefined, turn: ObservedTurn, judged?: JudgedTurn): ExpectationResult[] {
  if (!expect) return [];
  const results: ExpectationResult[] = [];
  if (expect.toolCalls) results.push(checkToolCalls(expect.toolCalls, expect.toolCallsExactly === true, turn));
  if (expect.noToolCalls)
    results.push({
      kind: 'noToolCalls',
      ok: turn.toolCalls.length === 0,
      expected: 'no tool calls',
      seen: callsWords(turn.toolCalls, 'no tool calls'),
    });
  if (expect.handoffTo !== undefined)
    results.push({
      kind: 'handoffTo',
      ok: turn.handoffs.some((handoff) => handoff.to === expect.handoffTo),
      expected: expect.handoffTo,
      seen: handoffWords(turn),
    });
  if (expect.replyIncludes !== undefined)
    results.push(checkReplyIncludes(typeof expect.replyIncludes === 'string' ? [expect.replyIncludes] : expect.replyIncludes, turn));
  if (expect.replyMatches !== undefined)
    results.push({
      kind: 'replyMatches',
      ok: new RegExp(expect.replyMatches, 'i').test(turn.replyText),
      expected: `/${expect.replyMatches}/i`,
      seen: replyWords(turn),
    });
  if (expect.judge !== undefined) results.push(checkJudge(expect.judge, judged));
  if (expect.guardrail !== undefined) results.push(checkGuardrail(expect.guardrail, turn));
  if (expect.latencyMs) results.push(...checkLatency(expect.latencyMs, turn));
  return results;
}

/** A result as one line: `handoffTo: expected returns; seen no handoff`. */
export function describeResult(result: ExpectationResult): string {
  return `${result.kind}: expected ${result.expected}; seen ${result.seen}`;
}
