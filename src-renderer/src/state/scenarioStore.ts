import { create } from 'zustand';
import type { ScenarioCatalog } from '../../../src-shared/scenario';

interface ScenarioState {
  readonly catalog: ScenarioCatalog | null;
}

/** The scenarios main has loaded, and the files it could not load; kept current by main's pushes. */
export const useScenarioStore = create<ScenarioState>(() => ({ catalog: null }));

export type CatalogScenario = ScenarioCatalog['scenarios'][number];

export function findScenario(id: string | undefined): CatalogScenario | undefined {
  return useScenarioStore.getState().catalog?.scenarios.find((scenario) => scenario.id === id);
}
