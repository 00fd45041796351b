import { useCallback } from 'react';
import { create } from 'zustand';
import type { SessionList } from '../../../src-shared/sessionLibrary';
import { requireApi } from './hostStore';

interface LibraryState {
  readonly list: SessionList | undefined;
  readonly error: string | undefined;
  readonly query: string;
  /** The newest list request's number: an answer to an older one is dropped. */
  readonly request: number;
}

/** The saved sessions as main last listed them for the current search; refreshed on main's pushes. */
export const useLibraryStore = create<LibraryState>(() => ({ list: undefined, error: undefined, query: '', request: 0 }));

/** Lists again with the current search; an older answer arriving late never replaces a newer one. */
export async function refreshLibrary(): Promise<void> {
  const request = useLibraryStore.getState().request + 1;
  useLibraryStore.setState({ request });
  const latest = () => useLibraryStore.getState().request;
  try {
    const list = await requireApi().sessions.list({ query: useLibraryStore.getState().query });
    if (request === latest()) useLibraryStore.setState({ list, error: undefined });
  } catch (error) {
    if (request === latest())
      useLibraryStore.setState({ error: `The saved sessions could not be listed: ${error instanceof Error ? error.message : String(error)}` });
  }
}

export function useSessionLibrary() {
  const state = useLibraryStore();
  const setQuery = useCallback((query: string) => {
    useLibraryStore.setState({ query });
    void refreshLibrary();
  }, []);
  const refresh = useCallback(() => refreshLibrary(), []);
  return { ...state, setQuery, refresh };
}
