/**
 * The one stand-in for the `electron` module in unit tests (`vi.mock('electron', () => import(…))`).
 * It records what the host wires up — window options, handlers, protocol, permissions — so tests can
 * drive those handlers the way Electron would. No behaviour of the host itself lives here.
 */
import { EventEmitter } from 'node:events';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { BrowserWindowConstructorOptions } from 'electron';
import { vi } from 'vitest';

type Handler = (...args: never[]) => unknown;

export class WebFrameMain {
  constructor(public url: string) {}
}

class WebContents extends EventEmitter {
  readonly mainFrame = new WebFrameMain('app://workbench/index.html');
  readonly sent: [string, unknown][] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push([channel, payload]);
  }
  getURL(): string {
    return this.mainFrame.url;
  }
  /** Emits an event the way Electron does and answers whether a listener called preventDefault(). */
  emitPreventable(name: string, ...args: unknown[]): boolean {
    let prevented = false;
    this.emit(name, { preventDefault: () => (prevented = true) }, ...args);
    return prevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created.filter((window) => !window.destroyed);
  }
  readonly webContents = new WebContents();
  loadedUrl: string | undefined;
  destroyed = false;
  focused = false;

  constructor(readonly options: BrowserWindowConstructorOptions) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  show(): void {}
  focus(): void {
    this.focused = true;
  }
}

export const app = Object.assign(new EventEmitter(), {
  singleInstanceLock: true,
  userData: '',
  isPackaged: false,
  requestSingleInstanceLock: vi.fn(() => app.singleInstanceLock),
  quit: vi.fn(),
  exit: vi.fn(),
  whenReady: vi.fn(() => Promise.resolve()),
  getPath: vi.fn((name: string) => (name === 'userData' ? app.userData : `/nonexistent/${name}`)),
  getVersion: () => '9.9.9-test',
});

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => protocol.handlers.set(scheme, handler)),
};

export const net = {
  fetch: vi.fn(async (url: string) => new Response(await readFile(fileURLToPath(url)), { status: 200 })),
};

export const session = {
  defaultSession: {
    requestHandler: undefined as Handler | undefined,
    checkHandler: undefined as Handler | undefined,
    setPermissionRequestHandler: vi.fn((handler: Handler) => (session.defaultSession.requestHandler = handler)),
    setPermissionCheckHandler: vi.fn((handler: Handler) => (session.defaultSession.checkHandler = handler)),
  },
};

export const shell = { openExternal: vi.fn(() => Promise.resolve()), showItemInFolder: vi.fn() };

/** The Open dialog answers with whatever a test put in `nextOpen`; a message box with the button index in `nextButton`. */
export const dialog = {
  nextOpen: { canceled: true, filePaths: [] as string[] },
  nextButton: 0,
  showOpenDialog: vi.fn(() => Promise.resolve(dialog.nextOpen)),
  showMessageBox: vi.fn((..._args: unknown[]) => Promise.resolve({ response: dialog.nextButton, checkboxChecked: false })),
};

/** Seals by prefixing, so a test can tell sealed bytes from the clear text. */
export const safeStorage = {
  available: true,
  isEncryptionAvailable: () => safeStorage.available,
  encryptString: (text: string) => Buffer.from(`sealed:${text}`),
  decryptString: (sealed: Buffer) => {
    const text = sealed.toString();
    if (!text.startsWith('sealed:')) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
    return text.slice('sealed:'.length);
  },
};

export const ipcMain = {
  handlers: new Map<string, (event: { senderFrame: WebFrameMain | null }, request: unknown) => unknown>(),
  handle: vi.fn((channel: string, handler: (event: { senderFrame: WebFrameMain | null }, request: unknown) => unknown) =>
    ipcMain.handlers.set(channel, handler),
  ),
  removeHandler: vi.fn((channel: string) => ipcMain.handlers.delete(channel)),
};

export const Menu = {
  buildFromTemplate: vi.fn((template: unknown[]) => ({ template })),
  setApplicationMenu: vi.fn(),
};

/**
 * A utility process that starts and then ends the way `utilityProcess.next` says: `abort` exits with
 * 134 as uiohook does without a display, `ready` sends the hook's "ready" message and keeps running.
 */
export class UtilityProcessChild extends EventEmitter {
  readonly stderr = new EventEmitter();
  killed = false;
  constructor(
    readonly modulePath: string,
    readonly args: string[],
    readonly options: { env?: Record<string, string> } | undefined,
  ) {
    super();
  }
  kill(): boolean {
    this.killed = true;
    queueMicrotask(() => this.emit('exit', 0));
    return true;
  }
}

export const utilityProcess = {
  next: 'abort' as 'abort' | 'ready',
  forked: [] as UtilityProcessChild[],
  fork: vi.fn((modulePath: string, args: string[] = [], options?: { env?: Record<string, string> }) => {
    const child = new UtilityProcessChild(modulePath, args, options);
    utilityProcess.forked.push(child);
    const behaviour = utilityProcess.next;
    setTimeout(() => {
      if (behaviour === 'ready') child.emit('message', { type: 'ready' });
      else {
        child.stderr.emit('data', Buffer.from('XOpenDisplay failure\n'));
        child.emit('exit', 134);
      }
    }, 0);
    return child;
  }),
};

/** Global shortcuts: `taken` lists accelerators another application already holds. */
export const globalShortcut = {
  taken: new Set<string>(),
  registered: new Map<string, () => void>(),
  register: vi.fn((accelerator: string, callback: () => void) => {
    if (globalShortcut.taken.has(accelerator) || globalShortcut.registered.has(accelerator)) return false;
    globalShortcut.registered.set(accelerator, callback);
    return true;
  }),
  unregister: vi.fn((accelerator: string) => globalShortcut.registered.delete(accelerator)),
};

/** macOS's Accessibility permission: `trusted` is what `isTrustedAccessibilityClient` answers. */
export const systemPreferences = {
  trusted: true,
  isTrustedAccessibilityClient: vi.fn((_prompt: boolean) => systemPreferences.trusted),
};

/** Back to a fresh Electron between tests. */
export function resetElectronMock(): void {
  vi.clearAllMocks();
  BrowserWindow.created.length = 0;
  app.removeAllListeners();
  app.singleInstanceLock = true;
  app.userData = '';
  protocol.handlers.clear();
  session.defaultSession.requestHandler = undefined;
  session.defaultSession.checkHandler = undefined;
  safeStorage.available = true;
  dialog.nextOpen = { canceled: true, filePaths: [] };
  dialog.nextButton = 0;
  ipcMain.handlers.clear();
  utilityProcess.next = 'abort';
  utilityProcess.forked.length = 0;
  globalShortcut.taken.clear();
  globalShortcut.registered.clear();
  systemPreferences.trusted = true;
}
