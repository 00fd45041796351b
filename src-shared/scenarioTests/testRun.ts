import type { Usage } from '../contract';
import { WorkbenchError } from '../errors';
import type { SessionEvent } from '../sessionEvent';
import type { TestRun } from '../sessionLog';
import { conversationText } from './conversationText';
import { checkTurn, type ExpectationResult } from './expectations';
import type { RunCost } from './runCost';
import { observeSession, type ObservedTurn } from './observedTurns';
import type { ScenarioTest, TestTurn } from './testsFile';
import { sinceObserved } from './turnSlices';

/** A judge's answer on one criterion. */
export interface Judgement {
  readonly verdict: 'pass' | 'fail';
  readonly reason: string;
  readonly model: string;
  readonly usage: Usage;
}

/** A simulated caller's next line. */
export interface CallerLine {
  readonly message: string;
  readonly done: boolean;
  readonly model: string;
  readonly usage: Usage;
}

/**
 * A realtime session a test drives: Node's headless session over a WebSocket, or the page's live session over
 * WebRTC. Each turn method returns when the turn is over (see `HeadlessSession`).
 */
export interface TestSession {
  readonly events: readonly SessionEvent[];
  /** The index the next event will have. */
  readonly position: number;
  say(text: string): Promise<void>;
  /** Types a message and returns at once (the next turn barges in). */
  sayWithoutWaiting(text: string): void;
  speak(pcm: Int16Array, what: string, options?: { waitForAnswer?: boolean }): Promise<void>;
  whenSpeaking(from: number, afterMs: number, what: string): Promise<void>;
  wait(ms: number): Promise<void>;
  /** Ends and saves the session; safe to call twice. */
  close(): Promise<{ readonly logId: string }>;
}

/** What a test run needs from its host besides the session: the judge, the caller, audio. */
export interface TestPort {
  /** Opens a session of the test's scenario, saved and marked with the test run. */
  openSession(startAgent: string | undefined, testRun: TestRun): Promise<TestSession>;
  judge(criterion: string, conversation: string): Promise<Judgement>;
  callerLine(brief: { readonly persona: string; readonly goal: string }, conversation: string): Promise<CallerLine>;
  /** Reads a turn's `audio` file as PCM16 mono at 24 kHz. */
  readAudio(path: string): Promise<Int16Array>;
  /** Speaks a voice caller's line as PCM16 mono at 24 kHz. */
  speak(text: string): Promise<Int16Array>;
  /** What the run's events plus the judge's and caller's calls cost (`runCost` over the host's pricing table). */
  costOf?(events: readonly SessionEvent[], extra: readonly { model: string; usage: Usage }[]): RunCost;
}

/** What one turn of a run did and how its expectations came out. */
export interface TurnOutcome {
  /** 1 for the test's first turn (silence turns count too). */
  readonly index: number;
  readonly user: string;
  readonly reply: string;
  readonly toolCalls: readonly string[];
  readonly handoffs: readonly string[];
  readonly latency: ObservedTurn['latency'];
  readonly judge: Judgement | undefined;
  readonly expectations: readonly ExpectationResult[];
}

export interface RunOutcome {
  /** 1 for the first run. */
  readonly run: number;
  readonly passed: boolean;
  /** Why the run could not finish (the connection dropped, a 429 that persisted, a time limit), in words. */
  readonly error: string | undefined;
  readonly turns: readonly TurnOutcome[];
  /** The saved session's id, to open it in the app. */
  readonly logId: string | undefined;
  readonly durationMs: number;
  /** Dollars for every priced model call of the run, judge and caller included; undefined without prices. */
  readonly dollars: number | undefined;
  /** The dates of the prices behind `dollars`, oldest first. */
  readonly pricesTakenOn?: readonly string[];
  /** A simulated caller: whether it said it was done within its turns. */
  readonly callerDone?: boolean;
}

function describeTurn(turn: TestTurn): string {
  if (turn.user !== undefined) return `"${turn.user}"`;
  if (turn.audio !== undefined) return `the audio ${turn.audio}`;
  return `${turn.silenceMs} ms of silence`;
}

/** Plays a scripted test's turns into the session; returns, per turn, the event range it covered. */
async function playTurns(session: TestSession, turns: readonly TestTurn[], port: TestPort): Promise<{ from: number; to: number }[]> {
  const ranges: { from: number; to: number }[] = [];
  for (const [at, turn] of turns.entries()) {
    const from = session.position;
    const bargeIn = turns[at + 1]?.interruptAfterMs;
    const what = describeTurn(turn);
    if (turn.user !== undefined) {
      if (bargeIn === undefined) await session.say(turn.user);
      else session.sayWithoutWaiting(turn.user);
    } else if (turn.audio !== undefined) {
      const pcm = await port.readAudio(turn.audio);
      if (turn.interruptAfterMs !== undefined) await session.whenSpeaking(ranges.at(-1)?.from ?? 0, turn.interruptAfterMs, what);
      await session.speak(pcm, what, { waitForAnswer: bargeIn === undefined });
    } else {
      await session.wait(turn.silenceMs ?? 0);
    }
    ranges.push({ from, to: session.position });
  }
  return ranges;
}

/** The observed turn of each scripted turn: user turns in order; a silence turn is what the assistant did during it. */
function observedPerTurn(session: TestSession, turns: readonly TestTurn[], ranges: readonly { from: number; to: number }[]): ObservedTurn[] {
  const all = observeSession(session.events).turns;
  let next = 0;
  return turns.map((turn, at) => {
    if (turn.silenceMs !== undefined) {
      const before = observeSession(session.events.slice(0, ranges[at]!.from)).turns.at(-1);
      const after = observeSession(session.events.slice(0, ranges[at]!.to)).turns.at(-1);
      return sinceObserved(before, after, at + 1);
    }
    const observed = all[next];
    next += 1;
    return observed ?? sinceObserved(undefined, undefined, at + 1);
  });
}

/** The judge's answer on a criterion, if the turn has one; the conversation is put together only then. */
async function judged(port: TestPort, criterion: string | undefined, conversation: () => string): Promise<Judgement | undefined> {
  return criterion === undefined ? undefined : port.judge(criterion, conversation());
}

function outcomeOf(index: number, observed: ObservedTurn, judge: Judgement | undefined, expectations: ExpectationResult[]): TurnOutcome {
  return {
    index,
    user: observed.user,
    reply: observed.replyText,
    toolCalls: observed.toolCalls.map((call) => `${call.name}(${call.argumentsText})`),
    handoffs: observed.handoffs.map((handoff) => `${handoff.from ?? '?'} → ${handoff.to}`),
    latency: observed.latency,
    judge,
    expectations,
  };
}

/** Runs a scripted test once: plays its turns, then judges and checks each turn's expectations. */
interface Played {
  readonly turns: TurnOutcome[];
  readonly callerDone?: boolean;
}

async function scriptedRun(session: TestSession, test: ScenarioTest, port: TestPort, usage: { model: string; usage: Usage }[]): Promise<Played> {
  const turns = test.turns ?? [];
  const ranges = await playTurns(session, turns, port);
  const observed = observedPerTurn(session, turns, ranges);
  const outcomes: TurnOutcome[] = [];
  for (const [at, turn] of turns.entries()) {
    const judge = await judged(port, turn.expect?.judge, () => conversationText(observeSession(session.events.slice(0, ranges[at]!.to)).turns));
    if (judge) usage.push(judge);
    outcomes.push(outcomeOf(at + 1, observed[at]!, judge, turn.expect ? checkTurn(turn.expect, observed[at]!, judge) : []));
  }
  return { turns: outcomes };
}

/** Runs a simulated caller: a text model plays the user until it is done or its turns run out; the judge decides success. */
async function callerRun(session: TestSession, test: ScenarioTest, port: TestPort, usage: { model: string; usage: Usage }[]): Promise<Played> {
  const caller = test.caller!;
  const maxTurns = caller.maxTurns ?? 8;
  let done = false;
  let spoken = 0;
  while (spoken < maxTurns) {
    const { turns, opening } = observeSession(session.events);
    const line = await port.callerLine(caller, conversationText(turns, opening));
    usage.push(line);
    if (line.done) {
      done = true;
      break;
    }
    if (line.message === '')
      throw new WorkbenchError('upstream_bad_output', `The simulated caller said nothing on turn ${spoken + 1} and was not done.`);
    if (caller.voice) await session.speak(await port.speak(line.message), `the caller's line "${line.message}"`);
    else await session.say(line.message);
    spoken += 1;
  }
  const { turns, opening } = observeSession(session.events);
  const judge = await judged(port, caller.success, () => conversationText(turns, opening));
  if (judge) usage.push(judge);
  const outcomes = turns.map((turn) => outcomeOf(turn.index, turn, undefined, []));
  const verdict: ExpectationResult[] = [
    {
      kind: 'caller',
      ok: done,
      expected: `done within ${maxTurns} turns`,
      seen: done ? `done after ${spoken} turn${spoken === 1 ? '' : 's'}` : `gave up: not done after ${maxTurns} turns`,
    },
    ...(judge ? [{ kind: 'judge', ok: judge.verdict === 'pass', expected: caller.success, seen: `${judge.verdict}: ${judge.reason}` }] : []),
  ];
  const last = outcomes.at(-1);
  if (last) outcomes[outcomes.length - 1] = { ...last, judge, expectations: verdict };
  else outcomes.push({ ...outcomeOf(0, sinceObserved(undefined, undefined, 0), judge, verdict) });
  return { turns: outcomes, callerDone: done };
}

function costFields(cost: RunCost | undefined): Pick<RunOutcome, 'dollars' | 'pricesTakenOn'> {
  return cost ? { dollars: cost.dollars, pricesTakenOn: cost.takenOn } : { dollars: undefined };
}

/** One run of one test: a saved session, its turns' outcomes, and whether every expectation held. */
export async function runTestOnce(test: ScenarioTest, run: number, file: string, port: TestPort): Promise<RunOutcome> {
  const started = performance.now();
  const testRun: TestRun = { file, test: test.name, run };
  const usage: { model: string; usage: Usage }[] = [];
  let session: TestSession | undefined;
  try {
    session = await port.openSession(test.startAgent, testRun);
    const result = test.caller ? await callerRun(session, test, port, usage) : await scriptedRun(session, test, port, usage);
    const { logId } = await session.close();
    return {
      run,
      passed: result.turns.every((turn) => turn.expectations.every((expectation) => expectation.ok)),
      error: undefined,
      turns: result.turns,
      logId,
      durationMs: performance.now() - started,
      ...costFields(port.costOf?.(session.events, usage)),
      ...(result.callerDone !== undefined ? { callerDone: result.callerDone } : {}),
    };
  } catch (error) {
    const saved = session ? await session.close().catch(() => undefined) : undefined;
    return {
      run,
      passed: false,
      error: error instanceof Error ? error.message : String(error),
      turns: [],
      logId: saved?.logId,
      durationMs: performance.now() - started,
      ...costFields(session ? port.costOf?.(session.events, usage) : undefined),
    };
  }
}
