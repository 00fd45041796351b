import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { draftToFiles } from '../../src-shared/scenarioDraft/draftFiles';
import type { ScenarioDraft } from '../../src-shared/scenarioDraft/draftSchema';
import { bikeShopDraft } from '../fake-openai/draftedScenario';
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
  await expect(region.getByRole('status').first()).toHaveText('Drafted and checked, not saved yet.');
  const summary = region.getByLabel('Drafted scenario', { exact: true });
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

test('a drafted scenario is edited before it is saved: a fault shows at its line and field and blocks Save; the fixed text is what Save writes', async ({
  app,
  webHost,
}) => {
  await app.getByRole('tab', { name: 'Scenarios' }).click();
  await app.getByRole('button', { name: 'New scenario…' }).click();
  const region = app.getByRole('region', { name: 'New scenario' });
  await region.getByLabel('Describe the use case').fill('A bike repair shop: callers book a repair for their bike and hear when it is ready.');
  await region.getByRole('button', { name: 'Draft' }).click();
  const editor = region.getByRole('textbox', { name: 'Drafted scenario file' });
  await expect(editor).toContainText('"id": "bikeRepairShop"');
  // The fake's draft as the app reads it (the editor shows only the lines in view, so it is not read back from there).
  const files = draftToFiles(bikeShopDraft() as ScenarioDraft);
  if (!files.ok) throw new Error('the fake’s draft is invalid');
  const drafted = files.scenario;

  // An agent the scenario does not have: named with its line and field, and Save is off.
  const broken = JSON.stringify({ ...drafted, defaultAgent: 'reception' }, null, 2);
  await editor.fill(broken);
  const line = broken.split('\n').findIndex((text) => text.includes('"defaultAgent"')) + 1;
  const faults = region.getByRole('alert', { name: 'Faults of the edited draft' });
  await expect(faults).toHaveText(`line ${line}, defaultAgent: names no agent of this scenario (agents: front_desk)`);
  await expect(region.getByRole('button', { name: 'Save' })).toBeDisabled();
  await expect(region.getByRole('status').first()).toHaveText('The edited draft has 1 fault; it cannot be saved until they are fixed.');

  // Fixed, and renamed: the summary follows the edit, and Save writes the edited text.
  await editor.fill(JSON.stringify({ ...drafted, name: 'Spoke and Chain repairs' }, null, 2));
  await expect(faults).toHaveCount(0);
  await expect(region.getByLabel('Drafted scenario', { exact: true })).toContainText('Spoke and Chain repairs');
  await region.getByRole('button', { name: 'Save' }).click();
  const path = join(webHost.dataDir, 'agent-configs', 'bikeRepairShop.json');
  await expect(region.getByRole('status')).toContainText(`Saved Spoke and Chain repairs to ${path}`);
  expect(JSON.parse(await readFile(path, 'utf8'))).toMatchObject({ id: 'bikeRepairShop', name: 'Spoke and Chain repairs' });
});
