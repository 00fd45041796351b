import { create } from 'zustand';
import type { UpdateStatus, WorkbenchApi } from '../../../src-shared/contract';
import { requireApi } from './hostStore';

/** Where the desktop app's update stands, as main last said. */
export const useUpdateStore = create<{ status: UpdateStatus | null }>(() => ({ status: null }));

function failed(what: string, error: unknown): UpdateStatus {
  return { state: 'error', words: 'The update failed', detail: `${what}: ${error instanceof Error ? error.message : String(error)}` };
}

/** Follows main's update status: its pushes, and what it says now. */
export async function followUpdates(api: WorkbenchApi): Promise<void> {
  api.events.updateStatusChanged((status) => useUpdateStore.setState({ status }));
  const asked = useUpdateStore.getState().status;
  try {
    const status = await api.updates.status();
    // A push that arrived while the answer was on its way is newer.
    if (useUpdateStore.getState().status === asked) useUpdateStore.setState({ status });
  } catch (error) {
    useUpdateStore.setState({ status: failed('the app could not say where updates stand', error) });
  }
}

/** Settings' "Check now": the same check as Help → Check for Updates…. */
export async function checkForUpdatesNow(): Promise<void> {
  try {
    useUpdateStore.setState({ status: await requireApi().updates.check() });
  } catch (error) {
    useUpdateStore.setState({ status: failed('the check could not run', error) });
  }
}

/** The user's consent to install: main restarts the app into the downloaded update. */
export async function restartToUpdate(): Promise<void> {
  try {
    await requireApi().updates.restart();
  } catch (error) {
    useUpdateStore.setState({ status: failed('the restart could not start', error) });
  }
}
