import { draftFileText, editDraft } from '../../../src-shared/scenarioDraft/draftEdit';
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

/** An edit of the drafted scenario's text: a valid one becomes the draft Save writes; faults keep Save off (`editDraft`). */
export function editDraftedScenario(text: string): void {
  const state = useNewScenarioStore.getState().state;
  if (state.phase !== 'drafted') return;
  set({ phase: 'drafted', ...editDraft(state.drafted, text) });
}

/** Asks main for a draft of the description; the draft is shown, not saved. */
export async function draftNewScenario(): Promise<void> {
  const { description } = useNewScenarioStore.getState();
  set({ phase: 'drafting', model: useHostStore.getState().settings?.supervisorModel ?? 'the supervisor model' });
  try {
    const drafted = await requireApi().scenarios.draft({ description });
    set({ phase: 'drafted', drafted, edit: { text: draftFileText(drafted), problems: [] } });
  } catch (error) {
    set({ phase: 'describing', problem: `No draft: ${messageOf(error)}` });
  }
}

/** Writes the shown draft to the user scenario folder and switches the toolbar to it. */
export async function saveNewScenario(): Promise<void> {
  const state = useNewScenarioStore.getState().state;
  if (state.phase !== 'drafted' || state.edit.problems.length > 0) return;
  const { drafted, edit } = state;
  set({ phase: 'saving', drafted, edit });
  try {
    const saved = await requireApi().scenarios.create({ scenario: drafted.scenario, tests: drafted.tests });
    set({ phase: 'saved', ...saved, name: drafted.scenario.name });
    useNewScenarioStore.setState({ description: '' });
    selectScenario(drafted.scenario.id);
  } catch (error) {
    set({ phase: 'drafted', drafted, edit, problem: `Not saved: ${messageOf(error)}` });
  }
}
