import type { Page } from '@playwright/test';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { priceByHand, pricesOfByHand } from '../support/priceByHand';

const REALTIME_DELAY_MS = 700;
const SUPERVISOR_DELAY_MS = 1_200;

async function openMetrics(app: Page): Promise<void> {
  await app.getByRole('tab', { name: 'Latency & cost' }).click();
}

/** The stage of the latest turn with this label, in ms, as the panel lists it. */
async function stageMs(app: Page, label: RegExp): Promise<number> {
  const item = app.getByTestId('latest-turn-stages').getByRole('listitem').filter({ hasText: label }).first();
  const text = (await item.locator('.metrics-stage-ms').textContent()) ?? '';
  const match = /^([\d.]+) (ms|s)$/.exec(text.trim());
  if (!match) throw new Error(`no duration in "${text}"`);
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

test('the waterfall shows injected delays where they happened, and the session cost is the fake’s usage times the pricing table', async ({
  app,
  fake,
}) => {
  const driver = new AppDriver(app);
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  fake.faults.set([
    { route: 'realtime', latencyMs: REALTIME_DELAY_MS },
    { route: 'responses', latencyMs: SUPERVISOR_DELAY_MS },
  ]);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say('What is my account balance?');
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible({ timeout: 30_000 });
  // Every assistant message has been classified: the cost below counts each guardrail call's usage.
  const assistantMessages = await app.getByTestId('message-assistant').count();
  await expect(app.getByTestId('guardrail-verdict').filter({ hasText: 'guardrail: pass' })).toHaveCount(assistantMessages, { timeout: 20_000 });
  await openMetrics(app);

  await expect(app.getByTestId('latency-waterfall').locator('canvas')).toBeVisible();
  await expect(app.getByTestId('latency-summary')).toContainText(/First audio\s*median [\d.]+ (ms|s) · p95/);
  // The realtime delay sits before the response is created; the supervisor's before its answer.
  const created = await stageMs(app, /^response created/);
  expect(created).toBeGreaterThanOrEqual(REALTIME_DELAY_MS);
  expect(created).toBeLessThan(REALTIME_DELAY_MS + 1_500);
  const supervisor = await stageMs(app, /^supervisor getNextResponseFromSupervisor/);
  expect(supervisor).toBeGreaterThanOrEqual(SUPERVISOR_DELAY_MS);
  expect(supervisor).toBeLessThan(SUPERVISOR_DELAY_MS * 2 + 1_500);
  await expect(app.getByTestId('latest-turn-stages').getByText(/model gpt-6\.1-terra/)).toBeVisible();

  // Cost: every billed usage the fake reported, priced by hand from the same table.
  await app.getByRole('tab', { name: 'Events' }).click();
  const events = await driver.events();
  await openMetrics(app);
  const expected = priceByHand(events);
  expect(expected).toBeGreaterThan(0);
  await expect(app.getByTestId('session-cost')).toHaveText(`$${expected.toFixed(4)} (prices of ${pricesOfByHand(events)})`);
});

test('the bundled sample replay shows its turns on the waterfall and its cost', async ({ app }) => {
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  await openMetrics(app);
  await expect(app.getByTestId('latency-waterfall')).toHaveAttribute('aria-label', /^Latency of 3 turns; time to first audio median/);
  await expect(app.getByTestId('session-cost')).toHaveText(
    /^\$0\.\d{4} \(prices of (\d{4}-\d{2}-\d{2}, )*(\d{4}-\d{2}-\d{2} and )?\d{4}-\d{2}-\d{2}\)$/,
  );
  await expect(app.getByRole('cell', { name: 'o4-mini' })).toBeVisible();
});
