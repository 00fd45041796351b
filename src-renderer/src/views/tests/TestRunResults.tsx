import { describeResult, type ExpectationResult } from '../../../../src-shared/scenarioTests/expectations';
import type { RunOutcome, TurnOutcome } from '../../../../src-shared/scenarioTests/testRun';
import { openReplay } from '../../state/replayActions';
import type { TestResults } from '../../state/testsStore';
import { formatDuration } from '../common/formatting';
import { costWords } from './costWords';

const milestoneLabels: Record<string, string> = {
  committed: 'committed',
  created: 'response',
  firstText: 'first text',
  firstAudio: 'first audio',
  done: 'done',
};

/** The turn's latency milestones in ms after the user finished, in words. */
function latencyLine(turn: TurnOutcome): string {
  const parts = Object.entries(turn.latency)
    .filter((entry): entry is [string, number] => typeof entry[1] === 'number')
    .map(([name, ms]) => `${milestoneLabels[name] ?? name} ${Math.round(ms)} ms`);
  return parts.length > 0 ? parts.join(' · ') : 'no latency measured';
}

function Mark({ ok }: { ok: boolean }) {
  return (
    <span className={ok ? 'test-mark test-mark-pass' : 'test-mark test-mark-fail'} aria-label={ok ? 'passed' : 'failed'} role="img">
      {ok ? '✔' : '✘'}
    </span>
  );
}

/** One expectation; a judge's carries its reason in what was seen, and the row names the judge model. */
function ExpectationRow({ result, judgeModel }: { result: ExpectationResult; judgeModel: string | undefined }) {
  return (
    <tr className={result.ok ? 'test-check' : 'test-check test-check-fail'} data-testid="test-expectation" title={describeResult(result)}>
      <td>
        <Mark ok={result.ok} />
      </td>
      <td className="test-kind">{result.kind}</td>
      <td>{result.expected}</td>
      <td className="test-seen">
        {result.seen}
        {result.kind === 'judge' && judgeModel && <span className="muted"> (judged by {judgeModel})</span>}
      </td>
    </tr>
  );
}

function TurnRows({ turn }: { turn: TurnOutcome }) {
  return (
    <>
      <tr className="test-turn">
        <th colSpan={4} scope="rowgroup">
          <span className="test-turn-index">Turn {turn.index}</span> {turn.user ? `“${turn.user}”` : ''}
          <span className="test-turn-latency">{latencyLine(turn)}</span>
          {turn.reply && <span className="test-turn-reply">→ {turn.reply}</span>}
        </th>
      </tr>
      {turn.expectations.map((result, at) => (
        <ExpectationRow key={at} result={result} judgeModel={turn.judge?.model} />
      ))}
    </>
  );
}

function RunResult({ run, testName }: { run: RunOutcome; testName: string }) {
  const logId = run.logId;
  return (
    <div className="test-run" data-testid="test-run">
      <div className="test-run-head">
        <span className={run.passed ? 'badge badge-pass' : 'badge badge-fail'}>{run.passed ? 'passed' : 'failed'}</span>
        <span className="test-run-title">Run {run.run}</span>
        <span className="muted">{formatDuration(run.durationMs)}</span>
        <span className="muted" data-testid="test-run-cost">
          {costWords({ dollars: run.dollars, takenOn: run.pricesTakenOn ?? [] })}
        </span>
        {run.callerDone !== undefined && <span className="muted">{run.callerDone ? 'the caller was done' : 'the caller gave up'}</span>}
        {logId && (
          <button type="button" className="button button-small" onClick={() => void openReplay({ id: logId }, `${testName} · run ${run.run}`)}>
            Open session
          </button>
        )}
      </div>
      {run.error && (
        <p className="state-line state-error test-run-error" role="alert">
          {run.error}
        </p>
      )}
      {run.turns.length > 0 && (
        <table className="test-table" aria-label={`Run ${run.run} of ${testName}`}>
          <thead>
            <tr>
              <th scope="col" className="test-col-mark">
                <span className="visually-hidden">Result</span>
              </th>
              <th scope="col">Check</th>
              <th scope="col">Expected</th>
              <th scope="col">Seen</th>
            </tr>
          </thead>
          <tbody>
            {run.turns.map((turn) => (
              <TurnRows key={turn.index} turn={turn} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** A test's runs in this window: the pass rate against what the test needs, and each run's table. */
export function TestRunResults({ results, testName }: { results: TestResults; testName: string }) {
  const passed = results.runs.filter((run) => run.passed).length;
  const needs = results.minPassRate < 1 ? ` (needs ${Math.round(results.minPassRate * 100)} %)` : '';
  return (
    <div className="test-results">
      <p className="test-pass-rate" data-testid="test-pass-rate">
        {results.passed !== undefined && (
          <span className={results.passed ? 'badge badge-pass' : 'badge badge-fail'}>{results.passed ? 'test passed' : 'test failed'}</span>
        )}{' '}
        {passed} of {results.runs.length} {results.runs.length === 1 ? 'run' : 'runs'} passed
        {results.runs.length < results.planned ? `, ${results.planned} planned` : ''}
        {needs}
      </p>
      {results.runs.map((run) => (
        <RunResult key={run.run} run={run} testName={testName} />
      ))}
    </div>
  );
}
