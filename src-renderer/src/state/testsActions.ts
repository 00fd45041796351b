import { WorkbenchError } from '../../../src-shared/errors';
import type { PricingTable } from '../../../src-shared/pricing';
import { runCost } from '../../../src-shared/scenarioTests/runCost';
import { historyLineOf } from '../../../src-shared/scenarioTests/testHistory';
import { runTestOnce, type RunOutcome, type TestPort } from '../../../src-shared/scenarioTests/testRun';
import { testPassed } from '../../../src-shared/scenarioTests/testRuns';
import type { ScenarioTest } from '../../../src-shared/scenarioTests/testsFile';
import type { TestRun } from '../../../src-shared/sessionLog';
import { TEST_AUDIO_SAMPLE_RATE } from '../../../src-shared/testsContract';
import { PageTestSession } from '../engine/live/pageTestSession';
import { base64ToPcm16 } from '../platform/audio/pcmPacking';
import { SyntheticMicrophone } from '../platform/audio/syntheticMicrophone';
import { requireApi, useHostStore } from './hostStore';
import { connect, disconnect, selectScenario } from './liveActions';
import { loadPricing } from './pricingStore';
import { useShownSessionStore } from './shownSessionStore';
import { resultKey, useTestsStore, type TestResults } from './testsStore';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Lists the scenario's tests files again (when the shown scenario changes, or the user asks). */
export async function listTests(scenarioId: string): Promise<void> {
  useTestsStore.setState({ scenarioId, listError: undefined, ...(useTestsStore.getState().scenarioId === scenarioId ? {} : { files: undefined }) });
  try {
    const { files } = await requireApi().tests.list({ scenarioId });
    if (useTestsStore.getState().scenarioId === scenarioId) useTestsStore.setState({ files });
  } catch (error) {
    if (useTestsStore.getState().scenarioId === scenarioId)
      useTestsStore.setState({ listError: `The tests could not be listed: ${messageOf(error)}` });
  }
}

/**
 * Opens a test's session with the toolbar's Connect, so it shows live and is saved like any other; it sends the
 * test's own microphone, which plays the test's audio and is silent otherwise.
 */
async function openTestSession(
  scenarioId: string,
  startAgent: string | undefined,
  testRun: TestRun,
  session: PageTestSession,
): Promise<PageTestSession> {
  const microphone = new SyntheticMicrophone();
  const connected = await connect({ scenarioId, startAgent, testRun, onEvent: session.take, microphone: () => microphone.open() });
  if (!connected) {
    microphone.close();
    throw new WorkbenchError('invalid_request', useShownSessionStore.getState().notice ?? 'The test’s session could not start.');
  }
  void connected.saved.finally(() => microphone.close());
  const phase = connected.session.currentPhase;
  session.attach({
    sendText: (text) => connected.session.sendText(text),
    play: (pcm) => microphone.play(pcm, TEST_AUDIO_SAMPLE_RATE),
    get isEnded() {
      const status = connected.session.currentPhase.status;
      return status !== 'connected' && status !== 'connecting';
    },
    close: () => {
      connected.session.close();
      return connected.saved;
    },
  });
  if (phase.status !== 'connected') {
    await session.close().catch(() => undefined);
    throw new WorkbenchError('upstream_unreachable', `The test’s session did not connect: ${'message' in phase ? phase.message : phase.status}.`);
  }
  return session;
}

/**
 * A run in the page: the live session over WebRTC, and main for the judge, the simulated caller and the audio
 * (a turn's WAV file, relative to its tests file, and a voice caller's speech); priced as the command line prices it.
 */
function pagePort(file: string, scenarioId: string, onTurn: (turn: number) => void, pricing: PricingTable | undefined): TestPort {
  const api = requireApi();
  return {
    ...(pricing ? { costOf: (events, extra) => runCost(events, extra, pricing) } : {}),
    openSession: (startAgent, testRun) => openTestSession(scenarioId, startAgent, testRun, new PageTestSession(onTurn)),
    judge: (criterion, conversation) => api.tests.judge({ criterion, conversation }),
    callerLine: ({ persona, goal }, conversation) => api.tests.callerLine({ persona, goal, conversation }),
    readAudio: async (audio) => base64ToPcm16((await api.tests.readAudio({ testsFile: file, audio })).pcm),
    speak: async (text) => base64ToPcm16((await api.tests.speak({ text })).pcm),
  };
}

function setResults(key: string, change: (before: TestResults) => TestResults, before: TestResults): void {
  const results = useTestsStore.getState().results;
  useTestsStore.setState({ results: { ...results, [key]: change(results[key] ?? before) } });
}

async function runTest(file: string, scenarioHash: string, scenarioId: string, test: ScenarioTest, pricing: PricingTable | undefined): Promise<void> {
  const key = resultKey(file, test.name);
  const planned = test.runs ?? 1;
  const minPassRate = test.minPassRate ?? 1;
  const fresh: TestResults = { runs: [], planned, minPassRate, passed: undefined };
  setResults(key, () => fresh, fresh);
  const turns = test.turns?.length ?? test.caller?.maxTurns ?? 8;
  for (let run = 1; run <= planned && !useTestsStore.getState().stopping; run += 1) {
    useTestsStore.setState({ progress: { file, test: test.name, run, runs: planned, turn: 0, turns } });
    const port = pagePort(
      file,
      scenarioId,
      (turn) => {
        const progress = useTestsStore.getState().progress;
        if (progress) useTestsStore.setState({ progress: { ...progress, turn } });
      },
      pricing,
    );
    const ran = await runTestOnce(test, run, file, port);
    const outcome: RunOutcome = useTestsStore.getState().stopping && ran.error ? { ...ran, error: `Stopped: ${ran.error}` } : ran;
    setResults(key, (before) => ({ ...before, runs: [...before.runs, outcome] }), fresh);
    const batch = useTestsStore.getState().lastBatch;
    if (batch)
      useTestsStore.setState({
        lastBatch: { ...batch, costs: [...batch.costs, { dollars: outcome.dollars, takenOn: outcome.pricesTakenOn ?? [] }] },
      });
    const settings = useHostStore.getState().settings;
    if (!settings) continue;
    try {
      const stability = await requireApi().tests.record(historyLineOf({ file, test, scenarioId, scenarioHash }, settings, outcome));
      useTestsStore.setState({ stability: { ...useTestsStore.getState().stability, [key]: stability } });
    } catch (error) {
      useTestsStore.setState({ notice: `The run could not be kept in test-results.jsonl: ${messageOf(error)}` });
    }
  }
  setResults(
    key,
    (before) => ({
      ...before,
      passed: testPassed(
        before.runs.map((each) => ({ ok: each.passed })),
        minPassRate,
      ),
    }),
    fresh,
  );
}

/** Runs tests of one file one after another, each as many times as it asks; Stop ends the run under way and the rest. */
export async function runTests(file: string, tests: readonly ScenarioTest[]): Promise<void> {
  // Awaited first: from the check below to the first progress nothing is awaited, so two quick clicks start one run.
  const { table } = await loadPricing();
  const { files, progress, scenarioId } = useTestsStore.getState();
  const listed = files?.find((each) => each.path === file);
  if (progress || !listed?.ok || !scenarioId) return;
  const live = useShownSessionStore.getState().live?.session.currentPhase.status;
  if (live === 'connected' || live === 'connecting') {
    useTestsStore.setState({ notice: 'A live session is running: disconnect it, then run the tests (each test runs its own session).' });
    return;
  }
  useTestsStore.setState({ notice: undefined, stopping: false, lastBatch: { file, tests: tests.length, costs: [], finished: false } });
  // The toolbar, and so the panel once the run is over, shows the scenario under test (it may be a replay's).
  selectScenario(scenarioId);
  try {
    for (const test of tests) {
      if (useTestsStore.getState().stopping) break;
      await runTest(file, listed.scenarioHash, scenarioId, test, table);
    }
  } finally {
    const batch = useTestsStore.getState().lastBatch;
    useTestsStore.setState({ progress: undefined, stopping: false, ...(batch ? { lastBatch: { ...batch, finished: true } } : {}) });
  }
}

/** Stops the tests: the session under way ends (its run fails as stopped) and no further run starts. */
export function stopTests(): void {
  if (!useTestsStore.getState().progress) return;
  useTestsStore.setState({ stopping: true });
  disconnect();
}
