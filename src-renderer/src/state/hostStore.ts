import { create } from 'zustand';
import type { AppInfo, KeyStatus, WorkbenchApi } from '../../../src-shared/contract';
import type { Settings } from '../../../src-shared/settings';
import type { BridgeStatus } from '../platform/bridge/workbenchClient';

export type ConnectionState =
  { status: 'connecting' } | { status: 'ready'; api: WorkbenchApi; info: AppInfo } | { status: 'failed'; message: string };

interface HostState {
  connection: ConnectionState;
  settings: Settings | null;
  keyStatus: KeyStatus | null;
  bridge: BridgeStatus;
  /** Asks the bridge to try reaching the host again now. */
  retryBridge: (() => void) | undefined;
}

/** The bridge to main and what main last told us about settings and the key. */
export const useHostStore = create<HostState>(() => ({
  connection: { status: 'connecting' },
  settings: null,
  keyStatus: null,
  bridge: { state: 'connected' },
  retryBridge: undefined,
}));

export function requireApi(): WorkbenchApi {
  const { connection } = useHostStore.getState();
  if (connection.status !== 'ready') throw new Error('The workbench bridge is not connected yet.');
  return connection.api;
}
