import { useMemo } from 'react';
import { useStore } from 'zustand';
import { withAppliedPrompts } from '../../../src-shared/appliedPrompts';
import { createStore } from 'zustand/vanilla';
import type { Scenario } from '../../../src-shared/scenario';
import type { ReplayState } from '../engine/replay/replayController';
import { useShownStream, useShownSessionStore } from './shownSessionStore';
import { useScenarioStore } from './scenarioStore';
import { useSessionControls } from './sessionControlsStore';

export interface ShownScenario {
  readonly scenario: Scenario | undefined;
  /** Where it comes from, in words: the replayed log, the live session, or the scenario picked for the next one. */
  readonly origin: string;
}

const noReplay = createStore<Pick<ReplayState, 'header'>>(() => ({ header: undefined }));

/**
 * The scenario of what the views show: a replay's from its log header (as it ran, even if the file changed since)
 * with the prompts applied by this point of the replay, a live session's as it was connected (the prompt editor
 * tells connected and applied apart), and otherwise the one picked in the toolbar.
 */
export function useShownScenario(): ShownScenario {
  const shown = useShownSessionStore((state) => state.shown);
  const header = useStore(shown.kind === 'replay' ? shown.replay.state : noReplay, (state) => state.header);
  const pickedId = useSessionControls((state) => state.scenarioId);
  const picked = useScenarioStore((state) => state.catalog?.scenarios.find((scenario) => scenario.id === pickedId));
  const applied = useShownStream((state) => state.prompts);
  const replayed = useMemo(() => (header ? withAppliedPrompts(header.scenario, applied) : undefined), [header, applied]);
  if (shown.kind === 'replay') return { scenario: replayed, origin: 'replayed log' };
  if (shown.kind === 'live') return { scenario: shown.session.scenario, origin: 'live session' };
  return { scenario: picked, origin: 'next session' };
}
