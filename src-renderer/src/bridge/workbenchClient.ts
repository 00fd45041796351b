import { buildRawApi, unwrapApi } from '../../../src-shared/bridge';
import type { RawWorkbenchApi, WorkbenchApi } from '../../../src-shared/contract';
import { connectWebSocketTransport } from './webSocketTransport';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in browser mode. */
    readonly workbench?: RawWorkbenchApi;
  }
}

/** The contract as the renderer sees it, from the Electron preload or, in browser mode, the web host's socket. */
export async function connectWorkbench(): Promise<WorkbenchApi> {
  if (window.workbench) return unwrapApi(window.workbench);
  const url = `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/ipc`;
  return unwrapApi(buildRawApi(await connectWebSocketTransport(url)));
}
