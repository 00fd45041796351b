// Records resources/sample-session/customer-service-retail.jsonl (and .wav), the session a first run opens: the app
// itself, driven in Chromium against the fake OpenAI server, through the customerServiceRetail scenario.
// Run after `npm run build`: npx tsx scripts/record-sample-session.ts
import { copyFile, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { startFakeOpenAI } from '../e2e/fake-openai/server';
import { launchChromium } from '../e2e/support/chromium';
import { silenceWav } from '../e2e/support/speechFiles';
import { startBuiltWebHost } from '../e2e/support/webHostProcess';

const target = 'resources/sample-session/customer-service-retail.jsonl';
const fake = await startFakeOpenAI({ port: 0 });
const host = await startBuiltWebHost({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
const browser = await launchChromium([`--use-file-for-fake-audio-capture=${silenceWav()}`]);
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 860 } });
  await page.goto(host.url);
  await page.getByLabel('Scenario', { exact: true }).selectOption('customerServiceRetail');
  await page.getByRole('button', { name: 'Connect' }).click();
  await page.getByTestId('session-phase').getByText('Connected').waitFor({ timeout: 30_000 });
  const say = async (text: string) => {
    await page.getByLabel('Message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
  };
  await say('Hi, I bought a snowboard last week and I want to send it back.');
  await page.getByTestId('message-assistant').first().waitFor();
  await page.waitForTimeout(4_000);
  await say('My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.');
  await page.getByTestId('tool-call').filter({ hasText: 'lookupOrders' }).getByText('done').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(4_000);
  await say('Yes, I want to return it.');
  await page.getByTestId('tool-call').filter({ hasText: 'checkEligibilityAndPossiblyInitiateReturn' }).getByText('done').waitFor({ timeout: 30_000 });
  await page.waitForTimeout(6_000);
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await page.getByTestId('session-phase').getByText('Not connected').waitFor();
  await page.waitForTimeout(500);
  const folder = join(host.dataDir, 'sessions');
  const [log] = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
  if (!log) throw new Error(`No session log was written to ${folder}.`);
  await mkdir('resources/sample-session', { recursive: true });
  await copyFile(join(folder, log), target);
  // The recorded audio sits beside the log under the same name.
  await copyFile(join(folder, log.replace(/\.jsonl$/, '.wav')), target.replace(/\.jsonl$/, '.wav'));
  console.log(`Recorded ${target} and its audio`);
} finally {
  await browser.close();
  await host.stop();
  await fake.close();
}
