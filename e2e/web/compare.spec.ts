import AxeBuilder from '@axe-core/playwright';
import { spawn } from 'node:child_process';
import { copyFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { parseScript } from '../fake-openai/script';
import { AppDriver } from '../support/appDriver';
import { TEST_API_KEY, expect, test } from '../support/fixtures';

const QUESTION = 'What is my account balance?';
const PIRATE = ' Always talk like a pirate.';

/** Runs a command as a user types it, without blocking this process (the fake it talks to runs here). */
function run(command: string, args: readonly string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

/** Connects in a scenario, says each line and waits for its answer, then disconnects: one saved session. */
async function recordSession(app: Page, scenario: string, turns: readonly (readonly [said: string, answer: string | RegExp])[]): Promise<void> {
  const driver = new AppDriver(app);
  await driver.pickScenario(scenario);
  await driver.connect();
  for (const [said, answer] of turns) {
    await driver.say(said);
    await expect(driver.assistantMessage(answer)).toBeVisible();
  }
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');
}

/** The Compare view and the Sessions panel pass axe-core with nothing worse than a minor finding. */
async function expectAccessible(app: Page): Promise<void> {
  const results = await new AxeBuilder({ page: app }).include('.compare-panel').include('.sessions-panel').analyze();
  expect(
    results.violations
      .filter((violation) => violation.impact !== 'minor')
      .map((violation) => `${violation.id}: ${violation.nodes.map((node) => `${node.target.join(' ')} ${node.failureSummary ?? ''}`).join(' | ')}`),
  ).toEqual([]);
}

/** Sets the theme the way a user does, in Settings. */
async function chooseTheme(app: Page, theme: 'light' | 'dark'): Promise<void> {
  await new AppDriver(app).openSettings();
  await app.getByLabel('Theme', { exact: true }).selectOption(theme);
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
}

test('Save as test writes a test of a recorded session into the scenario folder, and npm run scenario-test passes it', async ({
  app,
  fake,
  webHost,
}) => {
  test.setTimeout(180_000);
  await recordSession(app, 'chatSupervisor', [[QUESTION, SUPERVISOR_BILL_ANSWER]]);
  await new AppDriver(app).openSessions();
  const row = app.getByTestId('session-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('complete');
  await row.getByRole('button', { name: 'Save as test' }).click();
  const saved = row.getByRole('status').filter({ hasText: 'Saved as a test' });
  await expect(saved).toHaveText(
    /^Saved as a test: chatSupervisor-\d{4}-\d\d-\d\d-\d{4}\.tests\.json \(1 turn\) in .*agent-configs\. Run it with: npm run scenario-test -- ".*"$/,
  );
  const path = /npm run scenario-test -- "(.*)"$/.exec((await saved.textContent()) ?? '')![1]!;
  expect(path.startsWith(`${webHost.dataDir}/agent-configs/chatSupervisor-`)).toBe(true);

  // Saved again, the first file stays and the second gets -2.
  await row.getByRole('button', { name: 'Save as test' }).click();
  await expect(row.getByRole('status').filter({ hasText: 'Saved as a test' })).toContainText(path.replace('.tests.json', '-2.tests.json'));

  const result = await run('npm', ['run', 'scenario-test', '--', path], {
    OPENAI_BASE_URL: `${fake.baseUrl}/v1`,
    OPENAI_API_KEY: TEST_API_KEY,
    WORKBENCH_DATA_DIR: webHost.dataDir,
  });
  expect(result.output).toContain('scenario tests: 1 passed, 0 failed');
  expect(result.code).toBe(0);
});

/** The fake answers "hello" one way, and another once the greeter's instructions say "like a pirate". */
const pirateScript = parseScript({
  agents: { pirate: { instructionsInclude: 'like a pirate' } },
  realtime: [
    { name: 'pirate greeting', agent: 'pirate', userSaid: 'hello', say: 'Ahoy matey, welcome aboard the poetry studio!' },
    { name: 'plain greeting', userSaid: 'hello', say: 'Welcome to the poetry studio. Would you like a haiku?' },
  ],
  responses: [
    { name: 'guardrail passes', schemaHasProperty: 'moderationCategory', json: { moderationRationale: 'Fine.', moderationCategory: 'NONE' } },
  ],
});

test.describe('re-run against an edited prompt', () => {
  test.use({ script: pirateScript });

  test('Re-run plays the session again against the saved prompt edit and the Compare view shows the two replies side by side', async ({ app }) => {
    test.setTimeout(120_000);
    await recordSession(app, 'simpleHandoff', [['hello', 'Welcome to the poetry studio. Would you like a haiku?']]);

    // The prompt edit is saved to the scenario (a user override), as a prompt engineer would after trying it.
    await app.getByRole('tab', { name: 'Agent & prompt' }).click();
    await app.getByTestId('agent-node-greeter').click();
    const instructions = app.getByRole('textbox', { name: 'Instructions of greeter' });
    await instructions.click();
    await app.keyboard.press('Control+End');
    await app.keyboard.type(PIRATE);
    await app.getByRole('button', { name: 'Save to scenario file' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Saved as a user override' })).toBeVisible();

    await new AppDriver(app).openSessions();
    const row = app.getByTestId('session-row');
    await row.getByRole('button', { name: 'Re-run' }).click();
    const compare = app.locator('.compare-panel');
    await expect(app.getByRole('tab', { name: 'Compare' })).toBeVisible({ timeout: 60_000 });
    await expect(compare.getByTestId('compare-summary')).toHaveText('Same tool calls and handoffs in every turn. Both have 1 user turn.');
    const turn = compare.getByRole('region', { name: 'Turn 1: same tool calls and handoffs' });
    await expect(turn.getByTestId('compare-reply-a')).toHaveText('Welcome to the poetry studio. Would you like a haiku?');
    await expect(turn.getByTestId('compare-reply-b')).toHaveText('Ahoy matey, welcome aboard the poetry studio!');
    await expect(turn.getByTestId('compare-reply-a').locator('del').first()).toBeVisible();
    await expect(turn.getByTestId('compare-reply-b').locator('ins', { hasText: 'Ahoy' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Re-run' }).first()).toBeEnabled();
    // The re-run is a saved session like any other.
    await expect(row).toHaveCount(2);

    await expectAccessible(app);
    await compare.screenshot({ path: test.info().outputPath('compare-light.png') });
    await copyFile(test.info().outputPath('compare-light.png'), '/tmp/compare-light.png');
    await chooseTheme(app, 'dark');
    await app.getByRole('tab', { name: 'Compare' }).click();
    await expectAccessible(app);
    await compare.screenshot({ path: test.info().outputPath('compare-dark.png') });
    await copyFile(test.info().outputPath('compare-dark.png'), '/tmp/compare-dark.png');
  });
});

test('Compare of two picked sessions shows where their turns differ, handoffs included', async ({ app }) => {
  test.setTimeout(120_000);
  await recordSession(app, 'simpleHandoff', [['hello', 'Welcome to the poetry studio! Would you like a haiku?']]);
  await app.getByRole('button', { name: 'New conversation' }).click();
  await recordSession(app, 'simpleHandoff', [['A haiku please', 'the pond holds the moon.']]);

  await new AppDriver(app).openSessions();
  const compareButton = app.getByRole('button', { name: 'Compare', exact: true });
  await expect(compareButton).toBeDisabled();
  const rows = app.getByTestId('session-row');
  await expect(rows).toHaveCount(2);
  await rows.nth(0).getByRole('checkbox').check();
  await expect(compareButton).toBeDisabled();
  await rows.nth(1).getByRole('checkbox').check();
  await compareButton.click();

  const compare = app.locator('.compare-panel');
  await expect(compare.getByTestId('compare-summary')).toHaveText('1 turn differs in tool calls or handoffs. Both have 1 user turn.');
  const turn = compare.getByRole('region', { name: /^Turn 1: differs in / });
  await expect(turn).toContainText('hello');
  await expect(turn).toContainText('A haiku please');
  await expect(turn).toContainText('greeter → haikuWriter');
  await expect(turn.getByTestId('compare-reply-b').locator('ins').first()).toBeVisible();
});

test('Re-run says which turn it is playing, and says in words why it failed', async ({ app, fake }) => {
  test.setTimeout(150_000);
  await recordSession(app, 'simpleHandoff', [
    ['hello', 'Welcome to the poetry studio! Would you like a haiku?'],
    ['A haiku please', 'the pond holds the moon.'],
  ]);
  await new AppDriver(app).openSessions();
  const rows = app.getByTestId('session-row');
  await expect(rows).toHaveCount(1);
  // Newest first: the recorded session stays last as re-runs are saved.
  const original = rows.last();

  // The connection drops in the middle of the first answer: the row says where the re-run stopped and why.
  fake.faults.set([{ route: 'realtime', dropMidResponse: true }]);
  await original.getByRole('button', { name: 'Re-run' }).click();
  await expect(original.getByTestId('rerun-failure')).toContainText('Re-run failed. The re-run stopped at turn 1 of 2 (“hello”):', {
    timeout: 60_000,
  });
  await expect(original.getByTestId('rerun-failure')).toContainText('What was played so far is saved as a new session.');
  await expect(original.getByRole('button', { name: 'Re-run' })).toBeEnabled();
  await app.locator('.sessions-panel').screenshot({ path: test.info().outputPath('sessions-rerun-failed.png') });

  // Slowed down, each turn is named as it is played, then the comparison opens.
  fake.faults.clear();
  fake.faults.set([{ route: 'realtime', latencyMs: 1500 }]);
  await expect(rows).toHaveCount(2);
  await original.getByRole('button', { name: 'Re-run' }).click();
  await expect(original.getByTestId('rerun-progress')).toHaveText('Turn 1 of 2… Re-running against the scenario as it is now.', { timeout: 30_000 });
  await expect(original.getByTestId('rerun-progress')).toHaveText('Turn 2 of 2… Re-running against the scenario as it is now.', { timeout: 30_000 });
  await expect(app.locator('.compare-panel').getByTestId('compare-summary')).toHaveText(
    'Same tool calls and handoffs in every turn. Both have 2 user turns.',
    { timeout: 60_000 },
  );
  await expect(original.getByTestId('rerun-failure')).toHaveCount(0);
});
