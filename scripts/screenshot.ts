// Regenerates docs/screenshot.png: a chatSupervisor session against the fake OpenAI server. Run: npx tsx scripts/screenshot.ts
import { startFakeOpenAI } from '../e2e/fake-openai/server';
import { launchChromium } from '../e2e/support/chromium';
import { silenceWav } from '../e2e/support/speechFiles';
import { startBuiltWebHost } from '../e2e/support/webHostProcess';

const fake = await startFakeOpenAI({ port: 0 });
const host = await startBuiltWebHost({ OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
const browser = await launchChromium([`--use-file-for-fake-audio-capture=${silenceWav()}`]);
try {
  for (const scheme of ['dark', 'light'] as const) {
    const page = await browser.newPage({ viewport: { width: 1440, height: 860 }, colorScheme: scheme });
    await page.goto(host.url);
    await page.getByLabel('Scenario', { exact: true }).selectOption('chatSupervisor');
    await page.getByRole('button', { name: 'Connect' }).click();
    await page.getByTestId('session-phase').getByText('Connected').waitFor();
    for (const text of ['Hi there!', 'What is my account balance?']) {
      await page.getByLabel('Message', { exact: true }).fill(text);
      await page.getByRole('button', { name: 'Send' }).click();
      await page.waitForTimeout(2500);
    }
    await page.getByTestId('tool-call').locator('summary').click();
    await page.getByLabel('Filter events').fill('supervisor');
    await page.locator('.event-row').filter({ hasText: 'supervisor.response' }).first().click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: scheme === 'dark' ? 'docs/screenshot.png' : 'docs/screenshot-light.png' });
    await page.close();
  }
} finally {
  await browser.close();
  await host.stop();
  await fake.close();
}
