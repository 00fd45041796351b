import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

test('New scenario… drafts a scenario from a description, shows it unsaved, and Save makes it the scenario that connects', async ({
  app,
  webHost,
}) => {
  const driver = new AppDriver(app);
  await app.getByRole('tab', { name: 'Scenarios' }).click();
  await app.getByRole('button', { name: 'New scenario…' }).click();
  const region = app.getByRole('region', { name: 'New scenario' });
  const draft = region.getByRole('button', { name: 'Draft' });
  // Too short to draft from.
  await region.getByLabel('Describe the use case').fill('bikes');
  await expect(draft).toBeDisabled();
  await region.getByLabel('Describe the use case').fill('A bike repair shop: callers book a repair for their bike and hear when it is ready.');
  await draft.click();
  // The fake drafts a bike shop: shown with its agents, tools and tests, checked and not saved.
  await expect(region.getByRole('status')).toHaveText('Drafted and checked, not saved yet.');
  const summary = region.getByLabel('Drafted scenario');
  await expect(summary).toContainText('Bike repair shop');
  await expect(summary.getByRole('row', { name: /front_desk \(starts\)/ })).toContainText('book_repair');
  await expect(summary).toContainText('1 test: books a repair.');
  await expect(summary).toContainText('Guardrail: PROMISES_FREE_REPAIR, NONE.');
  await expect(summary).toContainText('metaprompt v1');
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option', { hasText: 'Bike repair shop' })).toHaveCount(0);
  await app.screenshot({ path: test.info().outputPath('new-scenario-drafted.png') });

  await region.getByRole('button', { name: 'Save' }).click();
  const path = join(webHost.dataDir, 'agent-configs', 'bikeRepairShop.json');
  await expect(region.getByRole('status')).toContainText(`Saved Bike repair shop to ${path}`);
  const tests = JSON.parse(await readFile(join(webHost.dataDir, 'agent-configs', 'bikeRepairShop.tests.json'), 'utf8')) as { scenario: string };
  expect(tests.scenario).toBe('./bikeRepairShop.json');
  // The toolbar switched to it, and it connects and answers as its drafted agent.
  await expect(app.getByLabel('Scenario', { exact: true })).toHaveValue('bikeRepairShop');
  await expect(app.getByLabel('Agent', { exact: true })).toHaveValue('front_desk');
  await driver.connect();
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await driver.say('I want to book a repair, my brakes squeak');
  await expect(driver.toolCall('book_repair')).toBeVisible();
  await expect(driver.assistantMessage('Your repair is booked for Tuesday.')).toBeVisible();

  // A second draft of the same scenario is refused at Save, saying why, and keeps the files there.
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await app.getByRole('tab', { name: 'Scenarios' }).click();
  await region.getByRole('button', { name: 'New scenario…' }).click();
  await region.getByLabel('Describe the use case').fill('Another bike repair shop, the same as before, for a second try.');
  await region.getByRole('button', { name: 'Draft' }).click();
  await region.getByRole('button', { name: 'Save' }).click();
  await expect(region.getByRole('alert')).toContainText(`Not saved: A scenario with the id bikeRepairShop already exists (${path})`);
  await region.getByRole('button', { name: 'Discard' }).click();
  await expect(app.getByRole('button', { name: 'New scenario…' })).toBeVisible();
});
