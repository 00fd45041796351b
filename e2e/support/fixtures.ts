import { test as base, type Browser, type Page } from '@playwright/test';
import type { FakeScript } from '../fake-openai/script';
import { startFakeOpenAI, type FakeOpenAI } from '../fake-openai/server';
import { launchChromium } from './chromium';
import { silenceWav } from './speechFiles';
import { startBuiltWebHost, type RunningWebHost } from './webHostProcess';

export const TEST_API_KEY = 'sk-test';

interface WorkbenchFixtures {
  /** The WAV Chromium's fake microphone plays (looped); silence unless a test sets it. */
  micFile: string | undefined;
  /** The key the web host starts with, as OPENAI_API_KEY. */
  apiKey: string;
  /** What the fake model does; the default script when unset. */
  script: FakeScript | undefined;
  /** The fake's pause between streamed deltas (its default when unset). */
  deltaIntervalMs: number | undefined;
  fake: FakeOpenAI;
  webHost: RunningWebHost;
  workbenchBrowser: Browser;
  app: Page;
}

/**
 * Each test gets its own fake OpenAI server, its own web host (data folder, key, base URL pointed at
 * the fake) and its own Chromium with a file for a microphone.
 */
export const test = base.extend<WorkbenchFixtures>({
  micFile: [undefined, { option: true }],
  apiKey: [TEST_API_KEY, { option: true }],
  script: [undefined, { option: true }],
  deltaIntervalMs: [undefined, { option: true }],
  fake: async ({ script, deltaIntervalMs }, use) => {
    const fake = await startFakeOpenAI({
      port: 0,
      apiKeys: [TEST_API_KEY],
      ...(script ? { script } : {}),
      ...(deltaIntervalMs !== undefined ? { deltaIntervalMs } : {}),
    });
    await use(fake);
    await fake.close();
  },
  webHost: async ({ fake, apiKey }, use) => {
    const host = await startBuiltWebHost({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
    await use(host);
    await host.stop();
  },
  workbenchBrowser: async ({ micFile }, use) => {
    const browser = await launchChromium([`--use-file-for-fake-audio-capture=${micFile ?? silenceWav()}`]);
    await use(browser);
    await browser.close();
  },
  app: async ({ workbenchBrowser, webHost }, use) => {
    const context = await workbenchBrowser.newContext({ viewport: { width: 1400, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const page = await context.newPage();
    await page.goto(webHost.url);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
