import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ReplayState } from '../engine/replay/replayController';
import { useScenarioStore } from './scenarioStore';
import { useSessionControls } from './sessionControlsStore';
import { useShownSessionStore } from './shownSessionStore';
import { useTestsStore } from './testsStore';

/** Why the Tests panel lists this scenario's tests: tests of it are running, a replay of it is open, or it is picked. */
export type TestsScenarioReason = 'running' | 'replay' | 'picked';

export interface TestsScenario {
  readonly id: string | undefined;
  /** The scenario's name, or its id when the library no longer has it (an old replay). */
  readonly name: string | undefined;
  readonly reason: TestsScenarioReason;
}

const noReplay = createStore<Pick<ReplayState, 'header'>>(() => ({ header: undefined }));

/** The words after “Tests of <scenario>”, saying why the panel lists that scenario. */
export const testsScenarioWords: Record<TestsScenarioReason, string> = {
  running: 'the scenario whose tests are running',
  replay: 'the scenario of the replayed session',
  picked: 'the scenario picked in the toolbar',
};

/**
 * The scenario whose tests the Tests panel lists: while tests run, theirs (the list must not change under a
 * run); else, with a replay open, the replayed session's; else the one picked in the toolbar (a live session
 * runs the picked scenario: picking another ends it, and running tests picks theirs first).
 */
export function useTestsScenario(): TestsScenario {
  const running = useTestsStore((state) => (state.progress ? state.scenarioId : undefined));
  const shown = useShownSessionStore((state) => state.shown);
  const replayed = useStore(shown.kind === 'replay' ? shown.replay.state : noReplay, (state) => state.header?.scenario);
  const pickedId = useSessionControls((state) => state.scenarioId);
  const [id, reason]: [string | undefined, TestsScenarioReason] = running
    ? [running, 'running']
    : replayed
      ? [replayed.id, 'replay']
      : [pickedId, 'picked'];
  const listed = useScenarioStore((state) => state.catalog?.scenarios.find((scenario) => scenario.id === id));
  return { id, name: listed?.name ?? (reason === 'replay' ? replayed?.name : undefined) ?? id, reason };
}
