import { test as base, type Browser, type Page } from '@playwright/test';
import { launchChromium } from './chromium';
import { startBuiltWebHost, type RunningWebHost } from './webHostProcess';

interface WorkbenchFixtures {
  webHost: RunningWebHost;
  app: Page;
}

interface WorkerFixtures {
  debianChromium: Browser;
}

/** Each test gets its own web host and data folder, and a page on the built renderer it serves. */
export const test = base.extend<WorkbenchFixtures, WorkerFixtures>({
  debianChromium: [
    async ({}, use) => {
      const browser = await launchChromium();
      await use(browser);
      await browser.close();
    },
    { scope: 'worker' },
  ],
  webHost: async ({}, use) => {
    const host = await startBuiltWebHost();
    await use(host);
    await host.stop();
  },
  app: async ({ debianChromium, webHost }, use) => {
    const context = await debianChromium.newContext();
    const page = await context.newPage();
    await page.goto(webHost.url);
    await use(page);
    await context.close();
  },
});

export { expect } from '@playwright/test';
