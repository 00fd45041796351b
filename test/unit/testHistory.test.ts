import { describe, expect, it, vi } from 'vitest';
import { defaultSettings } from '../../src-shared/settings';
import type { RunOutcome, TurnOutcome } from '../../src-shared/scenarioTests/testRun';
import { historyLineOf, historyLineSchema, parseHistory, stabilityOf, type HistoryLine } from '../../src-shared/scenarioTests/testHistory';

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

  it('judges a regression by the latest runs of the version before, too', () => {
    const before = [line('v0', false), ...Array.from({ length: 10 }, () => line('v0', true))];
    expect(stabilityOf([...before, line('v1', false)], 'v1').regressed).toBe(true);
  });

  it('has no regression to report before this version ran at all', () => {
    expect(stabilityOf([line('v0', true)], 'v1')).toEqual({ runs: 0, passed: 0, passRate: undefined, flaky: false, regressed: false });
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

  it('reads a line stamped in any time zone, and counts one missing a field or with a bad expectation', async () => {
    // A fresh import: the line's schema is a module-level value, built here rather than before a mutation-testing run switches a change on.
    vi.resetModules();
    const fresh = await import('../../src-shared/scenarioTests/testHistory');
    const good = { ...line('v1', true), at: '2026-12-03T13:00:00+01:00' };
    const { run: _run, ...noRun } = line('v1', true);
    const badExpectation = { ...line('v1', true), expectations: [{ turn: 1, kind: 'handoffTo' }] };
    const badLatency = { ...line('v1', true), latency: [{ done: 'late' }] };
    const text = [good, noRun, badExpectation, badLatency].map((entry) => JSON.stringify(entry)).join('\n');
    expect(fresh.parseHistory(text)).toEqual({ lines: [good], skipped: 3 });
  });

  it('passes over lines of blanks only, as it does empty ones', () => {
    const good = line('v1', true);
    expect(parseHistory(`  \n${JSON.stringify(good)}\n\t \r\n`)).toEqual({ lines: [good], skipped: 0 });
  });
});

describe('one run’s line in the results file', () => {
  const turn = (index: number, latency: TurnOutcome['latency'], oks: boolean[]): TurnOutcome => ({
    index,
    user: `turn ${index}`,
    reply: 'ok',
    toolCalls: [],
    handoffs: [],
    latency,
    judge: undefined,
    expectations: oks.map((ok, at) => ({ kind: at === 0 ? 'handoffTo' : 'replyIncludes', ok, expected: '', seen: '' })),
  });
  const outcome: RunOutcome = {
    run: 2,
    passed: false,
    error: undefined,
    turns: [
      turn(1, { committed: undefined, created: 40, firstText: 90, firstAudio: undefined, done: 700 }, [true, false]),
      turn(2, { committed: 5, created: undefined, firstText: undefined, firstAudio: undefined, done: undefined }, [true]),
    ],
    logId: undefined,
    durationMs: 4000,
    dollars: undefined,
  };
  const scripted = {
    file: 'retail.tests.json',
    test: { name: 'returns a board', runs: 1, minPassRate: 1, turns: [{ user: 'Hi' }] },
    scenarioId: 'retail',
    scenarioHash: 'abc',
  };
  const at = new Date(Date.UTC(2026, 11, 3, 12, 0));

  it('names the test, the scenario version and the models it ran with, and each expectation per turn', () => {
    const history = historyLineOf(scripted, defaultSettings, outcome, at);
    expect(history).toEqual({
      at: '2026-12-03T12:00:00.000Z',
      file: 'retail.tests.json',
      test: 'returns a board',
      scenario: 'retail',
      scenarioHash: 'abc',
      models: {
        realtime: defaultSettings.realtimeModel,
        supervisor: defaultSettings.supervisorModel,
        escalation: defaultSettings.escalationModel,
        guardrail: defaultSettings.guardrailModel,
        judge: defaultSettings.judgeModel,
      },
      run: 2,
      passed: false,
      expectations: [
        { turn: 1, kind: 'handoffTo', ok: true },
        { turn: 1, kind: 'replyIncludes', ok: false },
        { turn: 2, kind: 'handoffTo', ok: true },
      ],
      latency: [{ created: 40, firstText: 90, done: 700 }, { committed: 5 }],
    });
    expect(historyLineSchema.safeParse(history).success).toBe(true);
  });

  it('adds the caller’s model for a simulated caller, and the cost, log and error when there are any', () => {
    const caller = {
      ...scripted,
      test: { ...scripted.test, turns: undefined, caller: { persona: 'impatient', goal: 'a refund', success: 'refunded', maxTurns: 4 } },
    };
    const history = historyLineOf(
      caller,
      { ...defaultSettings, callerModel: 'gpt-caller' },
      { ...outcome, dollars: 0, logId: 'log-1', error: 'The connection dropped.' },
      at,
    );
    expect(history.models['caller']).toBe('gpt-caller');
    expect(history).toMatchObject({ dollars: 0, logId: 'log-1', error: 'The connection dropped.' });
    const plain = historyLineOf(scripted, defaultSettings, { ...outcome, logId: '', error: '' }, at);
    expect(plain).not.toHaveProperty('dollars');
    expect(plain).not.toHaveProperty('logId');
    expect(plain).not.toHaveProperty('error');
    expect(plain.models).not.toHaveProperty('caller');
  });
});
