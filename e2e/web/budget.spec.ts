import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { sessionLogLines } from '../support/sessionLogFile';
import { priceByHand } from '../support/priceByHand';

const GREETING = 'Welcome to the poetry studio!';

/** Every assistant message so far has its guardrail verdict, so every billed call of the turn is in. */
async function turnSettled(app: Page): Promise<void> {
  const messages = await app.getByTestId('message-assistant').count();
  await expect(app.getByTestId('guardrail-verdict').filter({ hasText: 'guardrail: pass' })).toHaveCount(messages, { timeout: 20_000 });
}

test('a session budget warns at 80 %, and at 100 % ends the session with a message, keeping the transcript and the log', async ({ app, webHost }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await app.getByLabel('Output', { exact: true }).selectOption('text');
  await driver.connect();
  await driver.say('Hello there');
  await expect(driver.assistantMessage(GREETING)).toHaveCount(1);
  await turnSettled(app);
  // No budget yet: nothing to show, nothing recorded.
  await expect(app.getByTestId('budget-meter')).toHaveCount(0);
  const spent = priceByHand(await driver.events());
  expect(spent).toBeGreaterThan(0);

  // A budget that the first turn has already used 90 % of: a warning at once, and the session goes on.
  const budget = Number((spent / 0.9).toFixed(8));
  const field = app.getByLabel('Session budget in dollars');
  await field.fill(String(budget));
  await field.press('Enter');
  const meter = app.getByRole('status', { name: 'Session budget' });
  await expect(meter).toHaveText(/^Budget warning: \$[\d.]+ of \$[\d.]+ \(90 %\)$/);
  await expect(driver.phase).toHaveText('Connected');

  // The next turn costs about as much again: past the budget, so the session ends with a message.
  await driver.say('Hello again');
  await expect(driver.phase).toContainText('The session reached its budget', { timeout: 20_000 });
  await expect(driver.phase).toContainText('The transcript and log are kept');
  await expect(app.getByRole('button', { name: 'Connect' })).toBeVisible();
  await expect(meter).toHaveText(/^Budget reached: /);
  await expect(driver.userMessage('Hello there')).toBeVisible();
  await expect(driver.userMessage('Hello again')).toBeVisible();
  await expect(driver.assistantMessage(GREETING)).toHaveCount(2);

  // The log holds the budget's story and ends as a capped session.
  await expect.poll(async () => (await sessionLogLines(webHost.dataDir)).at(-1)?.record, { timeout: 10_000 }).toBe('footer');
  const lines = await sessionLogLines(webHost.dataDir);
  expect(lines.at(-1)).toMatchObject({ record: 'footer', reason: 'capped' });
  const budgetEvents = lines.filter((line) => line.direction === 'app' && line.type?.startsWith('budget.'));
  expect(budgetEvents.map((line) => line.type)).toEqual(['budget.set', 'budget.warning', 'budget.exceeded']);
  expect(budgetEvents[0]!.payload).toEqual({ budgetUsd: budget });
  const exceeded = budgetEvents[2]!.payload!;
  expect(exceeded['budgetUsd']).toBe(budget);
  expect(exceeded['spentUsd'] as number).toBeGreaterThanOrEqual(budget);
  // What the app said it spent is the fake's usage priced by hand, up to the moment it stopped.
  const untilExceeded = lines.slice(0, lines.indexOf(budgetEvents[2]!)) as Parameters<typeof priceByHand>[0];
  expect(exceeded['spentUsd'] as number).toBeCloseTo(priceByHand(untilExceeded), 9);

  // A replay of the session shows the same budget, reached.
  await driver.openSessions();
  await app.getByTestId('session-row').first().getByRole('button', { name: 'Open' }).click();
  await expect(app.getByTestId('replay-title')).toBeVisible();
  await expect(meter).toHaveText(/^Budget reached: /);
});
