import { describe, expect, it } from 'vitest';
import { parseHistory, stabilityOf, type HistoryLine } from '../../src-shared/scenarioTests/testHistory';

let minute = 0;
const line = (scenarioHash: string, passed: boolean): HistoryLine => ({
  at: new Date(Date.UTC(2026, 11, 3, 12, minute++)).toISOString(),
  file: 'retail.tests.json',
  test: 'returns a board',
  scenario: 'customerServiceRetail',
  scenarioHash,
  models: { realtime: 'gpt-realtime-2.1' },
  run: 1,
  passed,
  expectations: [{ turn: 1, kind: 'handoffTo', ok: passed }],
  latency: [{ created: 50, done: 900 }],
});

describe('a test’s stability over its runs', () => {
  it('has no pass rate before any run, and is neither flaky nor regressed', () => {
    expect(stabilityOf([], 'v1')).toEqual({ runs: 0, passed: 0, passRate: undefined, flaky: false, regressed: false });
  });

  it('counts the pass rate over the runs of this version only', () => {
    const history = [line('v0', false), line('v0', false), line('v1', true), line('v1', true), line('v1', false), line('v1', true)];
    expect(stabilityOf(history, 'v1')).toMatchObject({ runs: 4, passed: 3, passRate: 0.75 });
  });

  it('is flaky when the same version both passes and fails, and steady when it always does one or the other', () => {
    expect(stabilityOf([line('v1', true), line('v1', false), line('v1', true)], 'v1').flaky).toBe(true);
    expect(stabilityOf([line('v1', true), line('v1', true)], 'v1').flaky).toBe(false);
    expect(stabilityOf([line('v1', false), line('v1', false)], 'v1').flaky).toBe(false);
  });

  it('looks at the latest runs only, so a test fixed long ago is no longer flaky', () => {
    const history = [line('v1', false), ...Array.from({ length: 10 }, () => line('v1', true))];
    expect(stabilityOf(history, 'v1')).toMatchObject({ runs: 10, passRate: 1, flaky: false });
    expect(stabilityOf(history, 'v1', 11)).toMatchObject({ runs: 11, flaky: true });
  });

  it('is regressed when the previous version always passed and this one fails, and then not called flaky', () => {
    const history = [line('v0', true), line('v0', true), line('v1', true), line('v1', false)];
    expect(stabilityOf(history, 'v1')).toMatchObject({ regressed: true, flaky: false });
  });

  it('is not regressed when the previous version failed too, or when this version’s latest run passed', () => {
    expect(stabilityOf([line('v0', true), line('v0', false), line('v1', false)], 'v1').regressed).toBe(false);
    expect(stabilityOf([line('v0', true), line('v1', false), line('v1', true)], 'v1')).toMatchObject({ regressed: false, flaky: true });
    expect(stabilityOf([line('v1', false)], 'v1').regressed).toBe(false);
  });

  it('compares with the version just before, not an older one', () => {
    const history = [line('v0', true), line('v2', false), line('v1', false)];
    expect(stabilityOf(history, 'v1').regressed).toBe(false);
    expect(stabilityOf([line('v2', false), line('v0', true), line('v1', false)], 'v1').regressed).toBe(true);
  });
});

describe('the results file', () => {
  it('keeps every line that parses and counts the rest (a torn last line, a foreign line)', () => {
    const good = line('v1', true);
    const text = `${JSON.stringify(good)}\n\n{"at":"nope"}\n${JSON.stringify(good).slice(0, 20)}`;
    expect(parseHistory(text)).toEqual({ lines: [good], skipped: 2 });
  });
});
