import { create } from 'zustand';
import type { DraftedScenario } from '../../../src-shared/scenarioDraft/draftContract';
import type { DraftEdit } from '../../../src-shared/scenarioDraft/draftEdit';

export type { DraftEdit };

/** New scenario…: a description, drafted by a text model into a scenario shown before it is saved. */
export type NewScenarioState =
  | { readonly phase: 'closed' }
  | { readonly phase: 'describing'; readonly problem?: string }
  | { readonly phase: 'drafting'; readonly model: string }
  | { readonly phase: 'drafted'; readonly drafted: DraftedScenario; readonly edit: DraftEdit; readonly problem?: string }
  | { readonly phase: 'saving'; readonly drafted: DraftedScenario; readonly edit: DraftEdit }
  | { readonly phase: 'saved'; readonly path: string; readonly testsPath: string; readonly name: string };

export const useNewScenarioStore = create<{ readonly state: NewScenarioState; readonly description: string }>(() => ({
  state: { phase: 'closed' },
  description: '',
}));
