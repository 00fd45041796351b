import AxeBuilder from '@axe-core/playwright';
import { copyFile, mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const FAILING = 'greets with a word it never says';
const SHIPPED = 'starting with the haiku writer, writes a haiku at once';
/** A run's cost as the panel says it: dollars and the date of the prices, as the command line prices it. */
const COST = /\$\d+\.\d{2,4} \(prices of \d{4}-\d\d-\d\d( and \d{4}-\d\d-\d\d)?\)/;

/** A user tests file for the shipped simple handoff scenario: one test whose one expectation fails against the fake. */
const userTests = `// Written by the e2e test.
{
  "scenario": "simpleHandoff",
  "tests": [
    { "name": "${FAILING}", "turns": [{ "user": "Hello!", "expect": { "noToolCalls": true, "replyIncludes": "zebra" } }] }
  ]
}
`;

/** A user tests file that names an agent the scenario does not have. */
const brokenTests = `{
  "scenario": "simpleHandoff",
  "tests": [
    { "name": "hands off nowhere", "turns": [{ "user": "Hi", "expect": { "handoffTo": "nobody" } }] }
  ]
}
`;

/** The `testRun` of every saved session's header. */
async function savedTestRuns(dataDir: string): Promise<unknown[]> {
  const folder = join(dataDir, 'sessions');
  const names = (await readdir(folder)).filter((name) => name.endsWith('.jsonl')).sort();
  const headers = await Promise.all(
    names.map(async (name) => JSON.parse((await readFile(join(folder, name), 'utf8')).split('\n')[0]!) as { testRun?: unknown }),
  );
  return headers.map((header) => header.testRun);
}

function testRow(app: Page, name: string) {
  return app.getByTestId('test-row').filter({ has: app.locator('.test-name', { hasText: name }) });
}

async function setTheme(app: Page, driver: AppDriver, theme: 'light' | 'dark'): Promise<void> {
  await driver.openSettings();
  await app.getByLabel('Theme').selectOption(theme);
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await app.getByRole('tab', { name: 'Tests' }).click();
}

test('the Tests panel runs a test as a live session, shows a failing expectation with what was seen, a passing shipped test, and opens a run’s session', async ({
  app,
  webHost,
}) => {
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'mine.tests.json'), userTests);
  await writeFile(join(folder, 'broken.tests.json'), brokenTests);
  const driver = new AppDriver(app);
  // A first run shows the bundled sample replay: the panel lists its scenario's tests, and says why.
  await app.getByRole('tab', { name: 'Tests' }).click();
  const listing = app.getByTestId('tests-scenario');
  await expect(listing).toHaveText('Tests of Customer service (retail), the scenario of the replayed session');
  await expect(testRow(app, 'returns a snowboard after authentication')).toBeVisible();
  await expect(testRow(app, SHIPPED)).toHaveCount(0);
  // Closed, the panel follows the scenario picked in the toolbar.
  await app.getByRole('button', { name: 'Close replay' }).click();
  await driver.pickScenario('simpleHandoff');
  await app.getByRole('tab', { name: 'Tests' }).click();
  await expect(listing).toHaveText('Tests of Simple handoff, the scenario picked in the toolbar');
  await expect(testRow(app, 'returns a snowboard after authentication')).toHaveCount(0);

  // The shipped file and the user's are listed; the broken one says where its fault is.
  await expect(testRow(app, SHIPPED)).toBeVisible();
  await expect(testRow(app, FAILING)).toContainText('never run');
  await expect(app.getByTestId('tests-file-fault')).toContainText(/line 4 · tests\[0\]\.turns\[0\]\.expect\.handoffTo: .*nobody/);

  // Run: the turn shows live in the transcript, then the failed expectation with what the assistant said.
  await testRow(app, FAILING).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.getByRole('button', { name: 'Stop' })).toBeVisible();
  await expect(driver.userMessage('Hello!')).toBeVisible({ timeout: 30_000 });
  const failed = testRow(app, FAILING).getByTestId('test-expectation').filter({ hasText: 'replyIncludes' });
  await expect(failed).toContainText('✘', { timeout: 30_000 });
  await expect(failed).toContainText('no "zebra" in');
  await expect(failed).toContainText('Welcome to the poetry studio');
  await expect(testRow(app, FAILING).getByTestId('test-expectation').filter({ hasText: 'noToolCalls' })).toContainText('✔');
  await expect(testRow(app, FAILING).getByTestId('test-pass-rate')).toContainText('test failed 0 of 1 run passed');
  await expect(testRow(app, FAILING).getByTestId('test-history')).toContainText('0 of 1 recent runs passed');
  await expect(app.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // The run's cost, and the total of the last run of tests.
  await expect(testRow(app, FAILING).getByTestId('test-run-cost')).toHaveText(COST);
  await expect(app.getByTestId('tests-total')).toHaveText(new RegExp(`^Last run \\(mine\\.tests\\.json\\): 1 test, 1 run, ${COST.source}$`));

  // A shipped test passes.
  await testRow(app, SHIPPED).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(testRow(app, SHIPPED).getByTestId('test-pass-rate')).toContainText('test passed 1 of 1 run passed', { timeout: 30_000 });
  await expect(testRow(app, SHIPPED).getByTestId('test-expectation').filter({ hasText: 'replyIncludes' })).toContainText('✔');

  // Both runs are kept in the results history, each with its saved session.
  const history = (await readFile(join(webHost.dataDir, 'test-results.jsonl'), 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { test: string; passed: boolean; logId?: string });
  expect(history.map(({ test: name, passed }) => ({ name, passed }))).toEqual([
    { name: FAILING, passed: false },
    { name: SHIPPED, passed: true },
  ]);
  expect(history.every((line) => typeof line.logId === 'string')).toBe(true);
  expect(await savedTestRuns(webHost.dataDir)).toEqual([
    { file: join(folder, 'mine.tests.json'), test: FAILING, run: 1 },
    { file: expect.stringMatching(/agent-configs[\\/]simpleHandoff\.tests\.json$/), test: SHIPPED, run: 1 },
  ]);
  const axe = await new AxeBuilder({ page: app }).include('.tests-panel').analyze();
  expect(
    axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id),
  ).toEqual([]);

  await app.locator('.tests-panel').screenshot({ path: test.info().outputPath('tests-panel-light.png') });
  await copyFile(test.info().outputPath('tests-panel-light.png'), '/tmp/tests-panel.png');
  await setTheme(app, driver, 'dark');
  await app.locator('.tests-panel').screenshot({ path: test.info().outputPath('tests-panel-dark.png') });
  await setTheme(app, driver, 'light');

  // Open session replays the failing run's saved log: its turn is in the transcript again.
  await testRow(app, FAILING).getByRole('button', { name: 'Open session' }).click();
  await expect(app.locator('.replay-bar')).toContainText(`Replay · ${FAILING} · run 1 · Simple handoff`);
  await app.getByRole('button', { name: 'End', exact: true }).click();
  await expect(driver.userMessage('Hello!')).toBeVisible();
  await expect(driver.assistantMessage('Welcome to the poetry studio')).toBeVisible();
  await expect(driver.userMessage('Something about the moon')).toHaveCount(0);
});

test('a typed simulated caller runs as many times as its test asks, with the pass rate of its runs', async ({ app, webHost }) => {
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  const callerTests = {
    scenario: 'simpleHandoff',
    tests: [
      {
        name: 'a caller gets a haiku',
        runs: 2,
        minPassRate: 0.5,
        caller: { persona: 'impatient', goal: 'Get a haiku about the moon.', success: 'The assistant wrote a haiku.', maxTurns: 3 },
      },
    ],
  };
  await writeFile(join(folder, 'callers.tests.json'), JSON.stringify(callerTests, null, 2));
  const driver = new AppDriver(app);
  await app.getByRole('button', { name: 'Close replay' }).click();
  await driver.pickScenario('simpleHandoff');
  await app.getByRole('tab', { name: 'Tests' }).click();

  await app.getByRole('region', { name: 'callers.tests.json' }).getByRole('button', { name: 'Run all' }).click();
  await expect(app.locator('.tests-panel').getByRole('status')).toContainText(/Running turn \d of 3 of “a caller gets a haiku” \(run \d of 2\)…/);
  await expect(app.getByTestId('tests-scenario')).toHaveText('Tests of Simple handoff, the scenario whose tests are running');
  await expect(app.getByTestId('tests-total')).toContainText('This run so far (callers.tests.json): 1 test');
  const caller = testRow(app, 'a caller gets a haiku');
  await expect(caller.getByTestId('test-pass-rate')).toContainText('test passed 2 of 2 runs passed (needs 50 %)', { timeout: 60_000 });
  await expect(caller.getByTestId('test-run')).toHaveCount(2);
  await expect(caller.getByTestId('test-run').first()).toContainText('the caller was done');
  await expect(caller.getByTestId('test-expectation').filter({ hasText: 'judge' }).first()).toContainText('✔');
  await expect(caller.getByTestId('test-run').first()).toContainText('Could you write me a haiku?');
  await expect(caller.getByTestId('test-run').first()).toContainText('the pond holds the moon');
  await expect(app.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  // Run all's total: the caller's two runs, priced.
  await expect(caller.getByTestId('test-run-cost').first()).toHaveText(COST);
  await expect(app.getByTestId('tests-total')).toHaveText(new RegExp(`^Last run \\(callers\\.tests\\.json\\): 1 test, 2 runs, ${COST.source}$`));
  await app.locator('.tests-panel').screenshot({ path: test.info().outputPath('tests-panel-caller.png') });
});
