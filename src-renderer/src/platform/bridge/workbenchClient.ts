import { buildRawApi, unwrapApi } from '../../../../src-shared/bridge';
import type { RawWorkbenchApi, WorkbenchApi } from '../../../../src-shared/contract';
import { connectWebSocketTransport, type BridgeStatus, type WebSocketTransport } from './webSocketTransport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly workbench?: RawWorkbenchApi;
  }
}

export interface WorkbenchConnection {
  readonly api: WorkbenchApi;
  /** Browser mode only: the host runs in another process that can go away while the page stays. */
  readonly bridge: Pick<WebSocketTransport, 'onStatus' | 'retryNow'> | undefined;
}

export type { BridgeStatus };

/** The contract as the renderer sees it, from the Electron preload or, in browser mode, the web host's socket. */
export async function connectWorkbench(): Promise<WorkbenchConnection> {
  if (window.workbench) return { api: unwrapApi(window.workbench), bridge: undefined };
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ipc`;
  const transport = await connectWebSocketTransport(url);
  return { api: unwrapApi(buildRawApi(transport)), bridge: transport };
}
