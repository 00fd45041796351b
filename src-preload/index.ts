import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { buildRawApi } from '../src-shared/bridge';

/**
 * Exposes exactly the contract's methods as `window.workbench`. No channel name, ipcRenderer or
 * process.env crosses into the page.
 */
contextBridge.exposeInMainWorld(
  'workbench',
  buildRawApi({
    invoke: (channel, request) => ipcRenderer.invoke(channel, request),
    subscribe(channel, listener) {
      const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
      ipcRenderer.on(channel, forward);
      return () => {
        ipcRenderer.removeListener(channel, forward);
      };
    },
  }),
);
