// Startup to interactive: from starting the browser-mode host (services and web server, in this process) until
// Chromium shows an enabled Connect button, for each built renderer folder named. Prints the medians in ms as JSON.
// Usage: tsx bench/startupChild.ts RENDERER_DIR...
// A process of its own because something in the services still holds the event loop after close(); it exits when done.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser } from '@playwright/test';
import { launchChromium } from '../e2e/support/chromium';
import { fileSecretBackend } from '../src-main/services/keyStore';
import { createMainServices } from '../src-main/services/mainServices';
import { startWebHost } from '../src-main/hosts/web/webHost';

/** One start with a fresh data folder (a first run: the sample session opens), in a fresh page; in ms. */
async function startOnce(browser: Browser, rendererDir: string): Promise<number> {
  const dataDir = mkdtempSync(join(tmpdir(), 'workbench-bench-startup-'));
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    const started = performance.now();
    const services = await createMainServices({
      dataDir,
      host: 'web',
      version: 'bench',
      keyBackend: fileSecretBackend(join(dataDir, 'api-key')),
      env: {},
      log: () => undefined,
      builtinScenarioDir: 'agent-configs',
      watchScenarios: false,
      sampleSession: 'resources/sample-session/customer-service-retail.jsonl',
      bundledPricing: 'resources/pricing.json',
    });
    const host = await startWebHost({
      port: 0,
      rendererDir,
      dispatch: services.dispatch,
      push: services.push,
      connectOrigins: services.connectOrigins,
    });
    try {
      await page.goto(host.url);
      await page.locator('button:enabled', { hasText: /^Connect$/ }).waitFor({ timeout: 30_000 });
      return performance.now() - started;
    } finally {
      await page.close();
      await Promise.all([host.close(), services.close()]);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The median of `runs` starts of each renderer, taken in turns after one warm-up start of each. */
async function timeStartups(browser: Browser, rendererDirs: readonly string[], runs = 5): Promise<number[]> {
  const times = rendererDirs.map((): number[] => []);
  for (let run = 0; run <= runs; run += 1) {
    for (const [index, dir] of rendererDirs.entries()) {
      const ms = await startOnce(browser, dir);
      if (run > 0) times[index]!.push(ms);
    }
  }
  return times.map((list) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)]!);
}

const browser = await launchChromium();
try {
  console.log(JSON.stringify(await timeStartups(browser, process.argv.slice(2))));
} finally {
  await browser.close();
}
process.exit(0);
