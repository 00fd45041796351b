import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../src-shared/contract';
import { startElectronHost } from '../../../src-main/hosts/electron/electronHost';
import { buildContentSecurityPolicy } from '../../../src-main/security/contentSecurityPolicy';
import type { MainServices } from '../../../src-main/services/mainServices';
import { useTempDirs } from '../../support/tempDir';
import { electronHostPaths } from '../../mocks/electronHostPaths';
import {
  BrowserWindow,
  Menu,
  WebFrameMain,
  app,
  dialog,
  globalShortcut,
  ipcMain,
  protocol,
  resetElectronMock,
  safeStorage,
  session,
  shell,
  utilityProcess,
} from '../../mocks/electron';

vi.mock('electron', () => import('../../mocks/electron'));

const makeDir = useTempDirs();
let services: MainServices | null = null;

beforeEach(async () => {
  resetElectronMock();
  app.userData = await makeDir();
});
afterEach(async () => {
  await services?.close();
  services = null;
});

async function start(openAtStart?: string): Promise<{ window: BrowserWindow; rendererDir: string }> {
  const base = await makeDir();
  const rendererDir = join(base, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wb</title>');
  await writeFile(join(base, 'secret.txt'), 'top secret');
  services = await startElectronHost(electronHostPaths(rendererDir, { openAtStart: openAtStart ?? undefined }));
  expect(BrowserWindow.created).toHaveLength(1);
  return { window: BrowserWindow.created[0]!, rendererDir };
}

function invoke(channel: string, senderFrame: WebFrameMain | null, request?: unknown): Promise<{ ok: boolean; error?: { code: string } }> {
  const handler = ipcMain.handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  return Promise.resolve(handler({ senderFrame }, request)) as Promise<{ ok: boolean; error?: { code: string } }>;
}

describe('the Electron host', () => {
  it('quits without opening a window when another instance holds the lock', async () => {
    app.singleInstanceLock = false;
    expect(
      await startElectronHost({
        rendererDir: '/r',
        preloadPath: '/p',
        builtinScenarioDir: resolve('agent-configs'),
        personasDir: '/personas',
        metapromptDir: '/metaprompt',
        sampleSession: '/s',
        bundledPricing: '/p.json',
        openAtStart: undefined,
        hookEntry: '/h',
      }),
    ).toBeNull();
    expect(app.quit).toHaveBeenCalled();
    expect(app.whenReady).not.toHaveBeenCalled();
    expect(BrowserWindow.created).toHaveLength(0);
  });

  it('focuses the existing window when a second instance starts', async () => {
    const { window } = await start();
    app.emit('second-instance');
    expect(window.focused).toBe(true);
    expect(BrowserWindow.created).toHaveLength(1);
  });

  it('opens a sandboxed, context-isolated window with no Node, no webviews and no auxclick, on app://workbench', async () => {
    const { window } = await start();
    expect(window.options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      disableBlinkFeatures: 'Auxclick',
    });
    expect(window.loadedUrl).toBe('app://workbench/index.html');
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it.each(['will-navigate', 'will-redirect'])('refuses %s to anything but the app itself', async (event) => {
    const { window } = await start();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://evil/index.html', 'http://127.0.0.1:9999/']) {
      expect(window.webContents.emitPreventable(event, url), url).toBe(true);
    }
    expect(window.webContents.emitPreventable(event, 'app://workbench/index.html')).toBe(false);
  });

  it('refuses to attach a webview', async () => {
    const { window } = await start();
    expect(window.webContents.emitPreventable('will-attach-webview', {}, {})).toBe(true);
  });

  it('opens a new window only for a popped-out panel, sandboxed like the main window', async () => {
    const { window } = await start();
    const open = window.webContents.windowOpenHandler! as (details: { url: string }) => {
      action: string;
      overrideBrowserWindowOptions?: { webPreferences: Record<string, unknown> };
    };
    const popout = open({ url: 'app://workbench/popout.html' });
    expect(popout.action).toBe('allow');
    expect(popout.overrideBrowserWindowOptions?.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false });
    expect(popout.overrideBrowserWindowOptions?.webPreferences).not.toHaveProperty('preload');
    for (const url of ['app://evil/popout.html', 'app://workbench/popout.html?x=1', 'https://evil.example/popout.html']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
  });

  it('hands only allow-listed http(s) links to the browser', async () => {
    const { window } = await start();
    const open = window.webContents.windowOpenHandler!;
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://workbench/index.html', 'smb://host/share']) {
      expect(open({ url }), url).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).not.toHaveBeenCalled();
    expect(open({ url: 'https://platform.openai.com/api-keys' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://platform.openai.com/api-keys');
  });

  describe('permissions', () => {
    function request(permission: string, details: Record<string, unknown>, pageUrl = 'app://workbench/index.html'): boolean {
      let granted: boolean | undefined;
      session.defaultSession.requestHandler!(
        { getURL: () => pageUrl } as never,
        permission as never,
        ((allowed: boolean) => (granted = allowed)) as never,
        details as never,
      );
      if (granted === undefined) throw new Error('the permission request handler never answered');
      return granted;
    }
    const check = (permission: string, origin: string, details: Record<string, unknown>) =>
      session.defaultSession.checkHandler!(null as never, permission as never, origin as never, details as never);

    it('grants microphone capture to the app page only', async () => {
      await start();
      expect(request('media', { mediaTypes: ['audio'], requestingUrl: 'app://workbench/index.html' })).toBe(true);
      expect(request('media', { mediaTypes: ['audio'], requestingUrl: 'https://evil.example/' })).toBe(false);
      expect(request('media', { mediaTypes: ['video'], requestingUrl: 'app://workbench/index.html' })).toBe(false);
      expect(request('media', { mediaTypes: ['audio', 'video'], requestingUrl: 'app://workbench/index.html' })).toBe(false);
      expect(request('media', { mediaTypes: [] }, 'app://workbench/index.html')).toBe(false);
    });

    it.each(['notifications', 'geolocation', 'clipboard-read', 'display-capture', 'openExternal'])(
      'refuses %s to the app page, even when it carries audio mediaTypes',
      async (permission) => {
        await start();
        expect(request(permission, { mediaTypes: ['audio'], requestingUrl: 'app://workbench/index.html' })).toBe(false);
        expect(check(permission, 'app://workbench', { mediaType: 'audio' })).toBe(false);
      },
    );

    it('answers permission checks the same way', async () => {
      await start();
      expect(check('media', 'app://workbench', { mediaType: 'audio' })).toBe(true);
      expect(check('media', 'app://workbench', { mediaType: 'video' })).toBe(false);
      expect(check('media', 'app://workbench', {})).toBe(false);
      expect(check('media', 'https://evil.example', { mediaType: 'audio' })).toBe(false);
    });
  });

  describe('the app:// protocol', () => {
    const fetchApp = (url: string) => protocol.handlers.get('app')!(new Request(url));

    it('serves the renderer with the app CSP, whose only remote origin is the API base URL', async () => {
      await start();
      const response = await fetchApp('app://workbench/index.html');
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<title>wb</title>');
      const csp = response.headers.get('Content-Security-Policy');
      expect(csp).toBe(buildContentSecurityPolicy(services!.connectOrigins()));
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("connect-src 'self' https://api.openai.com");
    });

    it.each(['app://workbench/..%2fsecret.txt', 'app://workbench/%2e%2e/secret.txt', 'app://other/index.html', 'app://workbench/missing.js'])(
      'answers 404 for %s',
      async (url) => {
        await start();
        const response = await fetchApp(url);
        expect(response.status).toBe(404);
        expect(await response.text()).not.toContain('top secret');
      },
    );
  });

  describe('IPC', () => {
    it('registers exactly the contract channels and answers the app window', async () => {
      const { window } = await start();
      expect([...ipcMain.handlers.keys()].sort()).toEqual(channels.map((entry) => entry.name).sort());
      expect(await invoke('app:info', window.webContents.mainFrame)).toMatchObject({ ok: true, value: { host: 'electron' } });
    });

    it.each([
      ['a subframe of the app', () => new WebFrameMain('app://workbench/index.html')],
      [
        'the main frame after it navigated elsewhere',
        (window: BrowserWindow) => Object.assign(window.webContents.mainFrame, { url: 'https://evil.example/' }),
      ],
      ['no frame at all', () => null],
    ])('refuses a call from %s', async (_label, frame) => {
      const { window } = await start();
      expect(await invoke('settings:get', frame(window))).toMatchObject({ ok: false, error: { code: 'forbidden_sender' } });
    });

    it('removes its handlers when the window closes', async () => {
      const { window } = await start();
      window.emit('closed');
      expect(ipcMain.handlers.size).toBe(0);
    });
  });

  it('without a keychain (safeStorage unavailable) says so and refuses to store a key', async () => {
    safeStorage.available = false;
    const { window } = await start();
    expect(await invoke('key:status', window.webContents.mainFrame)).toMatchObject({ ok: true, value: { storage: { kind: 'none' } } });
    expect(await invoke('key:set', window.webContents.mainFrame, { apiKey: 'sk-proj-0123456789' })).toMatchObject({
      ok: false,
      error: { code: 'key_storage_unavailable' },
    });
  });

  it('offers the log named on its command line to the page at start, once, and reads it back through the contract', async () => {
    const { window } = await start(resolve('resources/sample-session/customer-service-retail.jsonl'));
    const startup = (await invoke('sessions:startup', window.webContents.mainFrame)) as {
      ok: boolean;
      value?: { open: { grant: string; reason: string } };
    };
    expect(startup).toMatchObject({ ok: true, value: { open: { reason: 'command-line', name: 'customer-service-retail.jsonl' } } });
    const opened = (await invoke('sessions:open', window.webContents.mainFrame, { grant: startup.value!.open.grant })) as {
      ok: boolean;
      value?: { readerId: string };
    };
    const chunk = await invoke('sessions:read', window.webContents.mainFrame, { readerId: opened.value!.readerId });
    expect(chunk).toMatchObject({ ok: true, value: { source: 'session-log', header: { scenario: { id: 'customerServiceRetail' } } } });
    expect(await invoke('sessions:startup', window.webContents.mainFrame)).toMatchObject({ ok: true, value: { open: null } });
  });

  it('File → Open Session Log… hands the page a grant for the picked file, never the path; Reveal shows a saved log in the file manager', async () => {
    await start();
    const template = vi.mocked(Menu.buildFromTemplate).mock.calls.at(-1)![0] as {
      label?: string;
      submenu?: { label?: string; click?: () => void }[];
    }[];
    const openItem = template.find((menu) => menu.label === 'File')!.submenu!.find((item) => item.label === 'Open Session Log…')!;
    const pushed: unknown[] = [];
    // Only what the menu sends: the hotkey's own status pushes arrive on their own schedule.
    services!.push.connect((channel, payload) => channel === 'sessions:open-requested' && pushed.push({ channel, payload }));
    dialog.nextOpen = { canceled: false, filePaths: [resolve('resources/sample-session/customer-service-retail.jsonl')] };
    openItem.click!();
    await vi.waitFor(() => expect(pushed).toHaveLength(1));
    const { payload } = pushed[0] as { payload: { grant: string; name: string } };
    expect(pushed[0]).toMatchObject({ channel: 'sessions:open-requested', payload: { name: 'customer-service-retail.jsonl' } });
    expect(JSON.stringify(payload)).not.toContain('resources/');
    const window = BrowserWindow.created[0]!;
    expect(await invoke('sessions:open', window.webContents.mainFrame, { grant: payload.grant })).toMatchObject({ ok: true });

    const revealed = await invoke('sessions:reveal', window.webContents.mainFrame, { id: '2026-11-29T10-00-00Z_simpleHandoff_abc' });
    expect(revealed).toMatchObject({ ok: true, value: { revealed: true } });
    expect(shell.showItemInFolder).toHaveBeenCalledWith(expect.stringMatching(/sessions\/2026-11-29T10-00-00Z_simpleHandoff_abc\.jsonl$/));
  });
});

describe('the push-to-talk hotkey under Electron', () => {
  it('runs the keyboard hook in a utility process, with the display but not the API key, and holds to talk once it is ready', async () => {
    vi.stubEnv('OPENAI_API_KEY', 'sk-never-in-the-hook');
    vi.stubEnv('DISPLAY', ':5');
    utilityProcess.next = 'ready';
    await start();
    const started = services!;
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    expect(utilityProcess.fork).toHaveBeenCalledWith(
      '/app/out/main/hotkeyHook.js',
      ['--key', 'F9'],
      expect.objectContaining({ stdio: expect.anything() }),
    );
    const env = utilityProcess.forked[0]!.options?.env ?? {};
    expect(env['DISPLAY']).toBe(':5');
    expect(JSON.stringify(env)).not.toContain('sk-never-in-the-hook');
    expect(globalShortcut.register).not.toHaveBeenCalled();
    vi.unstubAllEnvs();
  });

  it('falls back to a press-to-toggle globalShortcut when the hook aborts, and pushes PTT down/up to the page', async () => {
    await start();
    const started = services!;
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-toggle'));
    expect(started.hotkey.status().reason).toMatch(/DISPLAY|could not run/);
    const pushed: unknown[] = [];
    started.push.connect((channel, payload) => channel === 'hotkey:ptt' && pushed.push(payload));
    globalShortcut.registered.get('F9')!();
    expect(pushed).toEqual([{ phase: 'down' }]);
    await started.close();
    services = null;
    expect(pushed).toEqual([{ phase: 'down' }, { phase: 'up' }]);
    expect(globalShortcut.unregister).toHaveBeenCalledWith('F9');
  });

  it('says by name when the accelerator is already taken, and works in the window only', async () => {
    globalShortcut.taken.add('F9');
    await start();
    const started = services!;
    await vi.waitFor(() => expect(started.hotkey.status().reason).toContain('F9 is already taken by another application'));
    expect(started.hotkey.status().mode).toBe('window-only');
  });

  it('restarts the hotkey when the setting changes', async () => {
    utilityProcess.next = 'ready';
    await start();
    const started = services!;
    await vi.waitFor(() => expect(started.hotkey.status().mode).toBe('global-hold'));
    await started.settings.update({ pttHotkey: 'Ctrl+Shift+Space' });
    await vi.waitFor(() => expect(started.hotkey.status()).toMatchObject({ mode: 'global-hold', accelerator: 'Ctrl+Shift+Space' }));
    expect(utilityProcess.forked[0]!.killed).toBe(true);
    expect(utilityProcess.forked[1]!.args).toEqual(['--key', 'Space']);
  });
});
