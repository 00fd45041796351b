import { ipcMain, type BrowserWindow, type WebFrameMain } from 'electron';
import { channels } from '../../../src-shared/contract';
import { WorkbenchError } from '../../../src-shared/errors';
import type { Dispatch } from '../../ipc/dispatcher';
import type { PushHub } from '../../ipc/pushHub';
import { ELECTRON_APP_ORIGIN, isAppUrl } from '../../security/trustedOrigin';

function isTrustedFrame(frame: WebFrameMain | null, window: BrowserWindow): boolean {
  return frame !== null && frame === window.webContents.mainFrame && isAppUrl(frame.url, ELECTRON_APP_ORIGIN);
}

/** Registers exactly the contract's channels; a message from any frame but the app's own is refused. */
export function registerIpc(window: BrowserWindow, dispatch: Dispatch, push: PushHub): () => void {
  for (const { name } of channels) {
    ipcMain.handle(name, (event, request: unknown) => {
      if (!isTrustedFrame(event.senderFrame, window)) {
        return {
          ok: false,
          error: new WorkbenchError('forbidden_sender', `${name} refused a call from ${event.senderFrame?.url ?? 'an unknown frame'}.`).toData(),
        };
      }
      return dispatch(name, request);
    });
  }
  const disconnect = push.connect((channel, payload) => {
    if (!window.isDestroyed()) window.webContents.send(channel, payload);
  });
  return () => {
    disconnect();
    for (const { name } of channels) ipcMain.removeHandler(name);
  };
}
