import { BrowserWindow, shell } from 'electron';
import type { Dispatch } from '../../ipc/dispatcher';
import type { PushHub } from '../../ipc/pushHub';
import { isAllowedExternalUrl } from '../../security/externalUrl';
import { ELECTRON_APP_ORIGIN, isAppUrl } from '../../security/trustedOrigin';
import { registerIpc } from './ipcBridge';

export interface MainWindowOptions {
  readonly preloadPath: string;
  readonly dispatch: Dispatch;
  readonly push: PushHub;
}

/** The page a popped-out panel lives in: empty, filled by the main window's own scripts (dockview's popout). */
export const POPOUT_URL = `${ELECTRON_APP_ORIGIN}/popout.html`;

/**
 * The same lockdown as the main window; a popout has no preload, since the opener runs it. Written out at both
 * sites on purpose: electronegativity (npm run lint:security) reads a BrowserWindow's options where it is made
 * and reports a shared, spread constant as missing sandbox and context isolation.
 */
const popoutWebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webviewTag: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  disableBlinkFeatures: 'Auxclick',
  spellcheck: false,
} as const;

/**
 * The app window: sandboxed, isolated, no Node, no webviews, no navigation away. The only new window
 * it may open is a popped-out panel on the app's own popout page; allowed web links open in the browser.
 */
export function createMainWindow({ preloadPath, dispatch, push }: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Voice Agent Workbench',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A middle click would otherwise open a link in a new window without going through the open handler.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, ELECTRON_APP_ORIGIN)) event.preventDefault();
  });
  window.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, ELECTRON_APP_ORIGIN)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url === POPOUT_URL)
      return { action: 'allow', overrideBrowserWindowOptions: { title: 'Voice Agent Workbench', webPreferences: popoutWebPreferences } };
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const unregister = registerIpc(window, dispatch, push);
  window.on('closed', unregister);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${ELECTRON_APP_ORIGIN}/index.html`);
  return window;
}
