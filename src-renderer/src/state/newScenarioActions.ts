import { useHostStore, requireApi } from './hostStore';
import { selectScenario } from './liveActions';
import { useNewScenarioStore, type NewScenarioState } from './newScenarioStore';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const set = (state: NewScenarioState) => useNewScenarioStore.setState({ state });

export function openNewScenario(): void {
  set({ phase: 'describing' });
}

export function closeNewScenario(): void {
  set({ phase: 'closed' });
}

export function describeScenario(description: string): void {
  useNewScenarioStore.setState({ description });
}

/** Asks main for a draft of the description; the draft is shown, not saved. */
export async function draftNewScenario(): Promise<void> {
  const { description } = useNewScenarioStore.getState();
  set({ phase: 'drafting', model: useHostStore.getState().settings?.supervisorModel ?? 'the supervisor model' });
  try {
    const drafted = await requireApi().scenarios.draft({ description });
    set({ phase: 'drafted', drafted });
  } catch (error) {
    set({ phase: 'describing', problem: `No draft: ${messageOf(error)}` });
  }
}

/** Writes the shown draft to the user scenario folder and switches the toolbar to it. */
export async function saveNewScenario(): Promise<void> {
  const state = useNewScenarioStore.getState().state;
  if (state.phase !== 'drafted') return;
  const { drafted } = state;
  set({ phase: 'saving', drafted });
  try {
    const saved = await requireApi().scenarios.create({ scenario: drafted.scenario, tests: drafted.tests });
    set({ phase: 'saved', ...saved, name: drafted.scenario.name });
    useNewScenarioStore.setState({ description: '' });
    selectScenario(drafted.scenario.id);
  } catch (error) {
    set({ phase: 'drafted', drafted, problem: `Not saved: ${messageOf(error)}` });
  }
}
