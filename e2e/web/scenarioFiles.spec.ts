import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from '../support/fixtures';

test('a broken scenario file is reported with its path, line and field while the others still load', async ({ app, webHost }) => {
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  const broken = join(folder, 'broken.json');
  const scenario = JSON.parse(await readFile('agent-configs/simpleHandoff.json', 'utf8')) as { id: string; agents: { handoffs: string[] }[] };
  scenario.id = 'brokenHandoff';
  scenario.agents[0]!.handoffs = ['nobodyHere'];
  await writeFile(broken, JSON.stringify(scenario, null, 2));

  await app.getByRole('tab', { name: 'Scenarios' }).click();
  const problem = app.getByRole('alert').filter({ hasText: broken });
  await expect(problem).toContainText(/line \d+, agents\[0\]\.handoffs\[0\]: names no agent of this scenario: nobodyHere/);
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option')).toHaveText([
    'Chat + supervisor (phone company)',
    'Customer service (retail)',
    'Simple handoff',
  ]);
});

test('a file with several faults lists each one, with its line and field, under one alert for the file', async ({ app, webHost }) => {
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  const broken = join(folder, 'faulty.json');
  const scenario = JSON.parse(await readFile('agent-configs/simpleHandoff.json', 'utf8')) as Record<string, unknown> & {
    agents: Record<string, unknown>[];
  };
  scenario['id'] = 'faulty';
  scenario['description'] = '';
  scenario.agents[0]!['instructions'] = ['a', 'list'];
  scenario.agents[0]!['colour'] = 'blue';
  await writeFile(broken, JSON.stringify(scenario, null, 2));

  await app.getByRole('tab', { name: 'Scenarios' }).click();
  const faults = app
    .getByRole('alert')
    .filter({ hasText: broken })
    .getByRole('list', { name: `3 problems in ${broken}` })
    .getByRole('listitem');
  await expect(faults).toHaveText([
    /^line \d+, description: should not be empty$/,
    /^line \d+, agents\[0\]\.instructions: should be text, found a list$/,
    /^line \d+, agents\[0\]\.colour: is not a field here/,
  ]);
});

test('editing a scenario file updates the running app', async ({ app, webHost }) => {
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'mine.json');
  const scenario = JSON.parse(await readFile('agent-configs/simpleHandoff.json', 'utf8')) as { id: string; name: string };
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option')).toHaveCount(3);

  await writeFile(file, JSON.stringify({ ...scenario, id: 'myHaiku', name: 'My haiku studio' }, null, 2));
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option', { hasText: 'My haiku studio' })).toHaveCount(1);

  await writeFile(file, JSON.stringify({ ...scenario, id: 'myHaiku', name: 'My renamed studio' }, null, 2));
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option', { hasText: 'My renamed studio' })).toHaveCount(1);
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option', { hasText: 'My haiku studio' })).toHaveCount(0);
});
