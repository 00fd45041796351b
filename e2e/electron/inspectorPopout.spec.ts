import type { Page } from '@playwright/test';
import type { BrowserWindow } from 'electron';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { electronMissing, expect, test } from '../support/electronApp';

test.skip(electronMissing !== undefined, electronMissing ?? '');

const eventCount = async (page: Page): Promise<number> =>
  Number(/^(\d+) events$/.exec((await page.getByTestId('event-count').textContent()) ?? '')?.[1]);

test('the inspector pops out into its own OS window that receives events live, and docks back', async ({ desktop }) => {
  const { app, page, driver } = desktop;
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say('What is my account balance?');
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();

  await page.getByRole('button', { name: 'Panels' }).click();
  const [popout] = await Promise.all([app.waitForEvent('window'), page.getByRole('menuitem', { name: 'Pop out the inspector' }).click()]);
  await popout.waitForLoadState();
  expect(popout.url()).toBe('app://workbench/popout.html');

  // A second, shown BrowserWindow of its own, whose page has neither the contract nor Node.
  const popoutWindow = await app.browserWindow(popout);
  expect(await popoutWindow.evaluate((browserWindow: BrowserWindow) => browserWindow.isVisible())).toBe(true);
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(2);
  expect(await popout.evaluate(() => ['workbench', 'require', 'process'].filter((name) => name in window))).toEqual([]);

  await expect(popout.locator('.inspector-list .event-row').first()).toBeVisible();
  await expect(page.locator('.dv-grid-view .inspector-list')).toHaveCount(0);
  const before = await eventCount(popout);
  expect(before).toBeGreaterThan(0);

  // New events reach the popped-out inspector while the user types in the main window.
  await driver.say('And my last payment?');
  await expect(driver.userMessage('And my last payment?')).toBeVisible();
  await expect.poll(() => eventCount(popout)).toBeGreaterThan(before);
  await popout.getByLabel('Filter events').fill('And my last payment');
  await expect(popout.locator('.inspector-list .event-row').first()).toContainText('conversation.item.create');

  await page.getByRole('button', { name: 'Panels' }).click();
  await page.getByRole('menuitem', { name: 'Dock the inspector back' }).click();
  await expect(page.locator('.dv-grid-view .inspector-list')).toBeVisible();
  await expect.poll(() => popout.isClosed()).toBe(true);
  await expect.poll(() => app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // The same panel came back, its filter kept.
  await expect(page.locator('.inspector-list .event-row').first()).toContainText('conversation.item.create');
});
