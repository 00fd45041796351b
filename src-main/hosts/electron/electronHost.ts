import { join } from 'node:path';
import { basename } from 'node:path';
import { BrowserWindow, Menu, app, dialog, safeStorage, session, shell } from 'electron';
import { createMainServices, type MainServices } from '../../services/mainServices';
import { APP_NAME, describeApp } from './about';
import { buildAppMenu } from './appMenu';
import { updateDialog } from '../../services/updater/updateDialog';
import { electronHotkeyHost } from './hotkeyHost';
import { createMainWindow } from './mainWindow';
import { registerAppScheme, serveRenderer } from './rendererProtocol';
import { safeStorageBackend } from './safeStorageBackend';
import { lockDownSession } from './sessionPolicy';
import { electronUpdaterHost } from './updaterHost';

export interface ElectronHostPaths {
  readonly rendererDir: string;
  readonly preloadPath: string;
  readonly builtinScenarioDir: string;
  /** The shipped personas a scenario test's simulated caller may name. */
  readonly personasDir: string;
  /** The metaprompt New scenario… drafts with. */
  readonly metapromptDir: string;
  /** The bundled sample session a first run opens. */
  readonly sampleSession: string;
  /** The bundled pricing table. */
  readonly bundledPricing: string;
  /** A log named on the command line, opened at start. */
  readonly openAtStart: string | undefined;
  /** The built keyboard-hook entry the push-to-talk hotkey runs in a utility process. */
  readonly hookEntry: string;
}

/**
 * Wires the shared services into Electron: one instance, a locked-down session, the renderer on app://,
 * one window. Resolves with the services once the window exists, or null when another instance runs.
 */
export async function startElectronHost(paths: ElectronHostPaths): Promise<MainServices | null> {
  registerAppScheme();
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return null;
  }
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const services = await createMainServices({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    keyBackend: safeStorageBackend(safeStorage, join(dataDir, 'api-key.sealed')),
    env: process.env,
    log: (line) => console.error(line),
    builtinScenarioDir: paths.builtinScenarioDir,
    personasDir: paths.personasDir,
    metapromptDir: paths.metapromptDir,
    sampleSession: paths.sampleSession,
    bundledPricing: paths.bundledPricing,
    openAtStart: paths.openAtStart,
    reveal: (file) => shell.showItemInFolder(file),
    hotkeyHost: electronHotkeyHost(paths.hookEntry),
    updaterHost: electronUpdaterHost(),
  });
  app.on('will-quit', () => void services.close());
  lockDownSession(session.defaultSession);
  serveRenderer(paths.rendererDir, services.connectOrigins);
  const open = () => createMainWindow({ preloadPath: paths.preloadPath, dispatch: services.dispatch, push: services.push });
  let window = open();
  Menu.setApplicationMenu(
    buildAppMenu({
      openLog: () =>
        void dialog
          .showOpenDialog(window, {
            title: 'Open a session log or a Realtime event log',
            properties: ['openFile'],
            filters: [
              { name: 'Session and event logs', extensions: ['jsonl', 'ndjson', 'json', 'log'] },
              { name: 'All files', extensions: ['*'] },
            ],
          })
          .then(({ canceled, filePaths: [file] }) => {
            // The page never names a path: main hands it a grant for the file the user picked.
            if (!canceled && file) services.push.emit('logOpenRequested', { grant: services.sessionLogs.grant(file), name: basename(file) });
          }),
      checkForUpdates: () =>
        void services.updates.check().then(async (status) => {
          const shown = updateDialog(status, APP_NAME, app.getVersion());
          const { response } = await dialog.showMessageBox(window, {
            type: status.state === 'error' ? 'error' : 'info',
            title: 'Check for Updates',
            message: shown.message,
            detail: shown.detail,
            buttons: [...shown.buttons],
            defaultId: 0,
          });
          // The only place besides Settings that installs: the user pressed "Restart to update".
          if (response === shown.restartButton) services.updates.restart();
        }),
      about: () =>
        void describeApp(paths.bundledPricing).then((text) =>
          dialog.showMessageBox(window, { type: 'info', title: `About ${APP_NAME}`, message: APP_NAME, detail: text, buttons: ['OK'] }),
        ),
    }),
  );
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = open();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  return services;
}
