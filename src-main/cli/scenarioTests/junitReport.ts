import junit from 'junit-report-builder';
import type { TestOutcome } from '../../services/scenarioTests/testRunner';
import { failureLines } from './testReport';

/**
 * JUnit XML for any CI: a suite per tests file, a testcase per test (time: its runs together), and for a failed
 * test a failure whose message is the first expectation that failed and whose body lists them all.
 */
export function junitXml(outcomes: readonly TestOutcome[]): string {
  const builder = junit.newBuilder().name('scenario tests');
  const files = [...new Set(outcomes.map((outcome) => outcome.file))];
  for (const file of files) {
    const suite = builder.testSuite().name(file);
    for (const outcome of outcomes.filter((candidate) => candidate.file === file)) {
      const testCase = suite
        .testCase()
        .className(`${outcome.scenario.id}`)
        .name(outcome.test.name)
        .time(outcome.runs.reduce((sum, run) => sum + run.durationMs, 0) / 1000);
      const passedRuns = outcome.runs.filter((run) => run.passed).length;
      testCase.standardOutput(
        `${passedRuns} of ${outcome.runs.length} runs passed; sessions ${outcome.runs.map((run) => run.logId ?? '(not saved)').join(', ')}`,
      );
      if (!outcome.passed) {
        const lines = failureLines(outcome);
        testCase.failure(lines[0] ?? `${passedRuns} of ${outcome.runs.length} runs passed`, 'expectation');
        testCase.standardError(lines.join('\n'));
      }
    }
  }
  return builder.build();
}
