import { _electron as electron, test as base, type ElectronApplication, type Page, type TestInfo } from '@playwright/test';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server';
import { AppDriver } from './appDriver';
import { silenceWav } from './speechFiles';

const binary = findElectronBinary();

/** Why the desktop app cannot be started on this machine (no Electron binary); undefined where it can. */
export const electronMissing: string | undefined = 'missing' in binary ? binary.missing : undefined;

/** The key the app starts with as OPENAI_API_KEY (the web fixtures' key). */
export const ENV_API_KEY = 'sk-test';
/** A key long enough for Settings to store (8 characters at least), also accepted by the fake. */
export const STORED_API_KEY = 'sk-e2e-stored-key-0123456789abcdef';

/** The desktop app as a test drives it: the Electron application, its window, and where it keeps its data. */
export interface DesktopApp {
  readonly app: ElectronApplication;
  /** The main window's page. */
  readonly page: Page;
  readonly driver: AppDriver;
  /** The userData folder, as main reports it (`app.getPath('userData')`). */
  readonly userData: string;
  /** What the app has written to stdout and stderr so far. */
  output(): string;
}

/**
 * Chromium switches the desktop app is started with: a fake microphone playing silence (so a typed turn never
 * becomes a voice turn, and no OS microphone permission is asked), and loopback ICE candidates, without which
 * WebRTC never reaches the fake server on 127.0.0.1. The app's own permission handler still decides on audio.
 */
function chromiumSwitches(): string[] {
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-audio-capture=${silenceWav()}`, '--allow-loopback-in-peer-connection'];
}

/** The test's environment without any OpenAI setting of the machine's (a real key must never reach a test). */
function appEnv(overrides: Readonly<Record<string, string>>): Record<string, string> {
  const kept = Object.entries(process.env).filter(
    (entry): entry is [string, string] => entry[1] !== undefined && !entry[0].startsWith('OPENAI_') && entry[0] !== 'ELECTRON_RUN_AS_NODE',
  );
  return { ...Object.fromEntries(kept), ...overrides };
}

/**
 * Starts the built desktop app (`npm run build` first) as a user would, with its own userData folder and
 * `env` added to the environment, and waits for its window.
 */
export async function launchDesktopApp(env: Readonly<Record<string, string>>): Promise<DesktopApp & { close(testInfo?: TestInfo): Promise<void> }> {
  if (!('path' in binary)) throw new Error(binary.missing);
  const dataRoot = await mkdtemp(join(tmpdir(), 'workbench-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: ['.', `--user-data-dir=${dataRoot}`, ...chromiumSwitches()],
    env: appEnv(env),
  });
  let output = '';
  app.process().stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  app.process().stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const page = await app.firstWindow();
  const userData = await app.evaluate(({ app: electronApp }) => electronApp.getPath('userData'));
  return {
    app,
    page,
    driver: new AppDriver(page),
    userData,
    output: () => output,
    async close(testInfo) {
      await app.close();
      if (testInfo && testInfo.status !== testInfo.expectedStatus)
        await testInfo.attach('desktop app output', { body: output, contentType: 'text/plain' });
      // Windows may hold a file of the profile a moment after the process is gone.
      await rm(dataRoot, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
    },
  };
}

interface DesktopFixtures {
  /** OPENAI_API_KEY the app starts with; '' starts it with none. */
  envApiKey: string;
  fake: FakeOpenAI;
  desktop: DesktopApp;
}

/**
 * Each test gets its own fake OpenAI server and its own desktop app pointed at it (OPENAI_BASE_URL, as the
 * web fixtures point the web host), with its own userData folder.
 */
export const test = base.extend<DesktopFixtures>({
  envApiKey: [ENV_API_KEY, { option: true }],
  fake: async ({}, use) => {
    const fake = await startFakeOpenAI({ port: 0, apiKeys: [ENV_API_KEY, STORED_API_KEY] });
    await use(fake);
    await fake.close();
  },
  desktop: async ({ fake, envApiKey }, use, testInfo) => {
    const desktop = await launchDesktopApp({ OPENAI_BASE_URL: `${fake.baseUrl}/v1`, ...(envApiKey ? { OPENAI_API_KEY: envApiKey } : {}) });
    await use(desktop);
    await desktop.close(testInfo);
  },
});

export { expect } from '@playwright/test';

/** Clicks an item of the application menu as the user would (`File`, `Open Session Log…`), through main. */
export async function clickMenuItem(app: ElectronApplication, menu: string, item: string): Promise<void> {
  await app.evaluate(
    ({ Menu }, labels) => {
      const entry = Menu.getApplicationMenu()
        ?.items.find((candidate) => candidate.label === labels.menu)
        ?.submenu?.items.find((candidate) => candidate.label === labels.item);
      if (!entry) throw new Error(`The application menu has no ${labels.menu} → ${labels.item}`);
      entry.click();
    },
    { menu, item },
  );
}

/** The files under a folder whose bytes contain `text`, as paths relative to it; files that cannot be read (locks) are passed over. */
export async function filesContaining(folder: string, text: string): Promise<string[]> {
  const needle = Buffer.from(text);
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  const found: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    const bytes = await readFile(path).catch(() => undefined);
    if (bytes?.includes(needle)) found.push(path.slice(folder.length + 1));
  }
  return found;
}
