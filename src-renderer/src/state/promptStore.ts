import { create } from 'zustand';
import type { PromptVersion } from './promptVersion';

/** One agent's prompt in the editor: what the user has typed, and the file's version it was last loaded from. */
export interface PromptDraft {
  readonly draft: PromptVersion;
  /** The scenario file's version when the editor last took it (opened, reverted, saved, or reloaded unedited). */
  readonly loaded: PromptVersion;
}

interface PromptState {
  /** Keyed by draftKey(scenarioId, agent); kept while the user looks at other agents, so no edit is dropped. */
  readonly drafts: Readonly<Record<string, PromptDraft>>;
}

export const usePromptStore = create<PromptState>(() => ({ drafts: {} }));

export function draftKey(scenarioId: string, agent: string): string {
  return `${scenarioId}\u0000${agent}`;
}

export function setDraft(key: string, draft: PromptDraft): void {
  usePromptStore.setState((state) => ({ drafts: { ...state.drafts, [key]: draft } }));
}
