import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BrowserWindow, Menu, app, net, protocol, safeStorage, session, shell } from 'electron';
import { buildContentSecurityPolicy } from '../../security/contentSecurityPolicy';
import { resolveStaticPath } from '../../security/staticPath';
import { ELECTRON_APP_ORIGIN, isAppUrl, isPermissionAllowed } from '../../security/trustedOrigin';
import { createMainServices, type MainServices } from '../../services/mainServices';
import { registerIpc } from './ipcBridge';
import { safeStorageBackend } from './safeStorageBackend';
import { buildAppMenu } from './appMenu';

const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) app.quit();

function serveRenderer(services: MainServices): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'workbench') return new Response('Not found', { status: 404 });
    const resolved = await resolveStaticPath(rendererDir, url.pathname);
    if (!resolved.ok) return new Response(`Not found: ${resolved.reason}.`, { status: 404 });
    const response = await net.fetch(pathToFileURL(resolved.file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', buildContentSecurityPolicy(services.connectOrigins()));
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDownSession(): void {
  const appSession = session.defaultSession;
  appSession.setPermissionRequestHandler((webContents, permission, callback, details) => {
    const mediaTypes = 'mediaTypes' in details ? details.mediaTypes : undefined;
    callback(isPermissionAllowed({ permission, requestingUrl: details.requestingUrl ?? webContents.getURL(), mediaTypes }, ELECTRON_APP_ORIGIN));
  });
  appSession.setPermissionCheckHandler((_webContents, permission, requestingOrigin, details) =>
    isPermissionAllowed(
      { permission, requestingUrl: requestingOrigin, mediaTypes: details.mediaType ? [details.mediaType] : [] },
      ELECTRON_APP_ORIGIN,
    ),
  );
}

function createMainWindow(services: MainServices): BrowserWindow {
  const window = new BrowserWindow({
    width: 1400,
    height: 900,
    minWidth: 900,
    minHeight: 600,
    title: 'Voice Agent Workbench',
    show: false,
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
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
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  const unregister = registerIpc(window, services.dispatch, services.push);
  window.on('closed', unregister);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${ELECTRON_APP_ORIGIN}/index.html`);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  const dataDir = app.getPath('userData');
  const services = await createMainServices({
    dataDir,
    host: 'electron',
    version: app.getVersion(),
    keyBackend: safeStorageBackend(safeStorage, join(dataDir, 'api-key.sealed')),
    env: process.env,
    log: (line) => console.error(line),
    // Packaged apps carry agent-configs as an extra resource; in development it sits in the project.
    builtinScenarioDir: app.isPackaged ? join(process.resourcesPath, 'agent-configs') : join(here, '../../agent-configs'),
  });
  app.on('will-quit', () => void services.close());
  lockDownSession();
  serveRenderer(services);
  Menu.setApplicationMenu(buildAppMenu());
  let window = createMainWindow(services);
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(services);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}

void start();
