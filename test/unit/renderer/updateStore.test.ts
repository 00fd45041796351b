import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppInfo, UpdateStatus, WorkbenchApi } from '../../../src-shared/contract';
import { useHostStore } from '../../../src-renderer/src/state/hostStore';
import { checkForUpdatesNow, followUpdates, restartToUpdate, useUpdateStore } from '../../../src-renderer/src/state/updateStore';

const info: AppInfo = { name: 'Voice Agent Workbench', version: '0.1.0', host: 'electron', platform: 'linux', dataDir: '/data' };

function fakeApi(updates: Partial<WorkbenchApi['updates']>) {
  let push: ((status: UpdateStatus) => void) | undefined;
  const api = {
    updates: { status: vi.fn(), check: vi.fn(), restart: vi.fn(), ...updates },
    events: {
      updateStatusChanged: (listener: (status: UpdateStatus) => void) => {
        push = listener;
        return () => {};
      },
    },
  } as unknown as WorkbenchApi;
  useHostStore.setState({ connection: { status: 'ready', api, info } });
  return { api, push: (status: UpdateStatus) => push?.(status) };
}

beforeEach(() => useUpdateStore.setState({ status: null }));

describe('the page’s update status', () => {
  it('shows what main says, then each state it pushes', async () => {
    const { api, push } = fakeApi({ status: vi.fn(() => Promise.resolve({ state: 'up-to-date' as const, words: 'Up to date' })) });
    await followUpdates(api);
    expect(useUpdateStore.getState().status?.words).toBe('Up to date');
    push({ state: 'downloading', words: 'Downloading 42 %', version: '0.2.0' });
    expect(useUpdateStore.getState().status?.words).toBe('Downloading 42 %');
  });

  it('says in words when a check cannot run', async () => {
    fakeApi({ check: vi.fn(() => Promise.reject(new Error('the host stopped'))) });
    await checkForUpdatesNow();
    expect(useUpdateStore.getState().status).toEqual({
      state: 'error',
      words: 'The update failed',
      detail: 'the check could not run: the host stopped',
    });
  });

  it('asks main to restart only when the user presses Restart to update', async () => {
    const restart = vi.fn(() => Promise.resolve({ restarting: true }));
    fakeApi({ restart });
    expect(restart).not.toHaveBeenCalled();
    await restartToUpdate();
    expect(restart).toHaveBeenCalledOnce();
  });
});
