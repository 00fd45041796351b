import { useEffect } from 'react';
import type { ScenarioTest } from '../../../../src-shared/scenarioTests/testsFile';
import type { ListedStability, ListedTestsFile } from '../../../../src-shared/testsContract';
import { totalCost } from '../../../../src-shared/scenarioTests/runCost';
import { listTests, runTests, stopTests } from '../../state/testsActions';
import { testsScenarioWords, useTestsScenario } from '../../state/testsScenario';
import { resultKey, useTestsStore, type TestProgress, type TestsBatch } from '../../state/testsStore';
import { costWords } from './costWords';
import { TestRunResults } from './TestRunResults';
import './tests.css';

const fileName = (path: string): string => path.split(/[\\/]/).at(-1) ?? path;

function progressText(progress: TestProgress): string {
  const runs = progress.runs > 1 ? ` (run ${progress.run} of ${progress.runs})` : '';
  if (progress.turn === 0) return `Connecting “${progress.test}”${runs}…`;
  return `Running turn ${progress.turn} of ${progress.turns} of “${progress.test}”${runs}…`;
}

function shape(test: ScenarioTest): string {
  const runs = (test.runs ?? 1) > 1 ? ` · ${test.runs} runs` : '';
  if (test.caller) return `simulated caller, at most ${test.caller.maxTurns ?? 8} turns${runs}`;
  const turns = test.turns?.length ?? 0;
  return `${turns} ${turns === 1 ? 'turn' : 'turns'}${runs}`;
}

/** The test's history over its recent runs on this version of the scenario, with its flaky or regressed badge. */
function History({ stability }: { stability: ListedStability }) {
  if (stability.runs === 0) return <span className="muted test-history">never run</span>;
  return (
    <span className="test-history" data-testid="test-history">
      {stability.passed} of {stability.runs} recent runs passed
      {stability.flaky && <span className="badge badge-warn">flaky</span>}
      {stability.regressed && <span className="badge badge-fail">regressed</span>}
    </span>
  );
}

function TestRow({ file, test, stability, busy }: { file: string; test: ScenarioTest; stability: ListedStability; busy: boolean }) {
  const key = resultKey(file, test.name);
  const results = useTestsStore((state) => state.results[key]);
  const recorded = useTestsStore((state) => state.stability[key]);
  return (
    <li className="test-row" data-testid="test-row" aria-label={test.name}>
      <div className="test-row-head">
        <div className="test-row-info">
          <span className="test-name">{test.name}</span>
          <span className="muted test-shape">{shape(test)}</span>
          <History stability={recorded ?? stability} />
        </div>
        <button type="button" className="button button-small" disabled={busy} onClick={() => void runTests(file, [test])}>
          Run
        </button>
      </div>
      {results && <TestRunResults results={results} testName={test.name} />}
    </li>
  );
}

function TestsFileSection({ listed, busy }: { listed: ListedTestsFile; busy: boolean }) {
  const origin = listed.origin === 'builtin' ? 'shipped' : 'yours';
  return (
    <section className="tests-file" aria-label={fileName(listed.path)}>
      <header className="tests-file-head">
        <span className="tests-file-name" title={listed.path}>
          {fileName(listed.path)}
        </span>
        <span className="badge">{origin}</span>
        {listed.ok && (
          <button
            type="button"
            className="button button-small"
            disabled={busy}
            onClick={() =>
              void runTests(
                listed.path,
                listed.tests.map((entry) => entry.test),
              )
            }
          >
            Run all
          </button>
        )}
      </header>
      {listed.ok ? (
        <ul className="test-list">
          {listed.tests.map(({ test, stability }) => (
            <TestRow key={test.name} file={listed.path} test={test} stability={stability} busy={busy} />
          ))}
        </ul>
      ) : (
        <div className="tests-file-faults" role="group" aria-label={`Faults of ${fileName(listed.path)}`}>
          <p className="state-line state-error">This file cannot run until these are fixed:</p>
          <ul>
            {listed.faults.map((fault, at) => (
              <li key={at} data-testid="tests-file-fault">
                <span className="test-kind">
                  line {fault.line}
                  {fault.field ? ` · ${fault.field}` : ''}:
                </span>{' '}
                {fault.message.replace(/^[^:]*:\d+: (?:[^:]+: )?/, '')}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/** The last Run or Run all in words: tests, runs and their total cost. */
function BatchTotal({ batch }: { batch: TestsBatch }) {
  const runs = batch.costs.length;
  const tests = `${batch.tests} ${batch.tests === 1 ? 'test' : 'tests'}`;
  return (
    <p className="tests-total" data-testid="tests-total">
      {batch.finished ? 'Last run' : 'This run so far'} ({fileName(batch.file)}): {tests}, {runs} {runs === 1 ? 'run' : 'runs'},{' '}
      {costWords(totalCost(batch.costs))}
    </p>
  );
}

/** The tests of the scenario in view (see `useTestsScenario`): run one or all in the page, each as a live session, and read what came out. */
export function TestsPanel() {
  const { id: scenarioId, name, reason } = useTestsScenario();
  const { files, listError, progress, stopping, notice, lastBatch } = useTestsStore();
  useEffect(() => {
    if (scenarioId) void listTests(scenarioId);
  }, [scenarioId]);
  const busy = progress !== undefined;

  return (
    <div className="tests-panel panel-root">
      <div className="panel-toolbar">
        <span className="panel-toolbar-title" data-testid="tests-scenario">
          {scenarioId ? (
            <>
              Tests of <strong>{name}</strong>
              <span className="muted">, {testsScenarioWords[reason]}</span>
            </>
          ) : (
            'Tests'
          )}
        </span>
        {progress && (
          <span className="tests-progress" role="status">
            {stopping ? 'Stopping…' : progressText(progress)}
          </span>
        )}
        {busy ? (
          <button type="button" className="button button-small button-danger" disabled={stopping} onClick={() => stopTests()}>
            Stop
          </button>
        ) : (
          <button type="button" className="button button-small" disabled={!scenarioId} onClick={() => scenarioId && void listTests(scenarioId)}>
            Refresh
          </button>
        )}
      </div>
      {notice && (
        <p className="state-line state-warn tests-notice" role="alert">
          {notice}
        </p>
      )}
      {listError && (
        <p className="state-line state-error tests-notice" role="alert">
          {listError}
        </p>
      )}
      {lastBatch && files?.some((listed) => listed.path === lastBatch.file) && <BatchTotal batch={lastBatch} />}
      <div className="tests-body">
        {!scenarioId && <p className="empty-state">Pick a scenario to see its tests.</p>}
        {scenarioId && !files && !listError && <p className="empty-state">Reading the tests files…</p>}
        {scenarioId && files?.length === 0 && (
          <p className="empty-state">
            No tests for {name} yet. Put a <code>*.tests.json</code> file naming it in the scenario folder, or save a session as a test.
          </p>
        )}
        {files?.map((listed) => (
          <TestsFileSection key={listed.path} listed={listed} busy={busy} />
        ))}
      </div>
    </div>
  );
}
