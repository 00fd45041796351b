import { describeResult } from '../../../src-shared/scenarioTests/expectations';
import type { TestStability } from '../../../src-shared/scenarioTests/testHistory';
import type { TestOutcome } from '../../services/scenarioTests/testRunner';
import type { RunOutcome, TurnOutcome } from '../../../src-shared/scenarioTests/testRun';

const milestoneNames = ['committed', 'created', 'firstText', 'firstAudio', 'done'] as const;

function latencyLine(turn: TurnOutcome): string {
  const parts = milestoneNames.flatMap((name) => (turn.latency[name] === undefined ? [] : [`${name} +${Math.round(turn.latency[name]!)} ms`]));
  return parts.length === 0 ? 'latency: not in the log' : `latency: ${parts.join(' · ')}`;
}

const quote = (text: string, max = 160) => (text.length > max ? `"${text.slice(0, max - 1)}…"` : `"${text}"`);

function turnLines(turn: TurnOutcome): string[] {
  const lines = [`    turn ${turn.index}: user ${turn.user === '' ? '(no words)' : quote(turn.user)}`];
  for (const call of turn.toolCalls) lines.push(`      tool ${call}`);
  for (const handoff of turn.handoffs) lines.push(`      handoff ${handoff}`);
  if (turn.reply !== '') lines.push(`      assistant ${quote(turn.reply)}`);
  for (const expectation of turn.expectations)
    lines.push(`      ${expectation.ok ? `✔ ${expectation.kind}: ${expectation.expected}` : `✘ ${describeResult(expectation)}`}`);
  if (turn.judge) lines.push(`      judge (${turn.judge.model}): ${turn.judge.verdict}: ${turn.judge.reason}`);
  lines.push(`      ${latencyLine(turn)}`);
  return lines;
}

function runLines(run: RunOutcome, many: boolean): string[] {
  const head = many ? [`  run ${run.run}: ${run.passed ? 'passed' : 'failed'}${run.logId ? ` (session ${run.logId})` : ''}`] : [];
  const body = run.turns.flatMap(turnLines);
  const error = run.error ? [`    ✘ did not finish: ${run.error}`] : [];
  const session = !many && run.logId ? [`    session ${run.logId}`] : [];
  return [...head, ...body, ...error, ...session];
}

/** Every failed expectation of a test, in words (the JUnit failure and the report's summary use them). */
export function failureLines(outcome: TestOutcome): string[] {
  return outcome.runs.flatMap((run) => [
    ...(run.error ? [`run ${run.run}: did not finish: ${run.error}`] : []),
    ...run.turns.flatMap((turn) =>
      turn.expectations
        .filter((expectation) => !expectation.ok)
        .map((expectation) => `run ${run.run}, turn ${turn.index}: ${describeResult(expectation)}`),
    ),
  ]);
}

function stabilityWords(stability: TestStability | undefined): string {
  if (!stability || stability.passRate === undefined) return '';
  const rate = `pass rate ${Math.round(stability.passRate * 100)} % over the last ${stability.runs} run${stability.runs === 1 ? '' : 's'}`;
  return ` — ${rate}${stability.regressed ? ', REGRESSED (passed on the previous version of the scenario)' : stability.flaky ? ', FLAKY' : ''}`;
}

/** The report a person reads: each test, each turn with what was said and answered, each expectation ✔/✘, and a last line. */
export function formatReport(outcomes: readonly TestOutcome[], stability: (outcome: TestOutcome) => TestStability | undefined): string {
  const lines: string[] = [];
  for (const outcome of outcomes) {
    const runs = outcome.runs.length;
    const passedRuns = outcome.runs.filter((run) => run.passed).length;
    const verdict = outcome.passed ? '✔' : '✘';
    const rate = runs > 1 ? ` — ${passedRuns} of ${runs} runs passed (needs ${Math.round(outcome.minPassRate * 100)} %)` : '';
    lines.push(`${verdict} ${outcome.file} › ${outcome.test.name}${rate}${stabilityWords(stability(outcome))}`);
    for (const run of outcome.runs) lines.push(...runLines(run, runs > 1));
    lines.push('');
  }
  const passed = outcomes.filter((outcome) => outcome.passed).length;
  lines.push(`scenario tests: ${passed} passed, ${outcomes.length - passed} failed`);
  return `${lines.join('\n')}\n`;
}
