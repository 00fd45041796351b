import AxeBuilder from '@axe-core/playwright';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseScript } from '../fake-openai/script';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const SHIPPED = 'agent-configs/simpleHandoff.json';
const PIRATE = ' Always talk like a pirate.';

/** The fake answers "hello" one way, and another once the agent's instructions say "like a pirate". */
const pirateScript = parseScript({
  agents: { pirate: { instructionsInclude: 'like a pirate' } },
  realtime: [
    { name: 'pirate greeting', agent: 'pirate', userSaid: 'hello', say: 'Ahoy matey, welcome aboard the poetry studio!' },
    { name: 'plain greeting', userSaid: 'hello', say: 'Welcome to the poetry studio. Would you like a haiku?' },
    { name: 'haiku', userSaid: 'haiku', handoffTo: 'haikuWriter' },
  ],
  // The output guardrail passes every answer, so its retry message never reaches the rules above.
  responses: [
    { name: 'guardrail passes', schemaHasProperty: 'moderationCategory', json: { moderationRationale: 'Fine.', moderationCategory: 'NONE' } },
  ],
});

async function openPromptPanel(app: Page, agent: string): Promise<void> {
  await app.getByRole('tab', { name: 'Agent & prompt' }).click();
  await app.getByTestId(`agent-node-${agent}`).click();
  await expect(app.getByTestId('agent-detail').getByRole('heading', { name: agent })).toBeVisible();
}

/** Types at the end of a CodeMirror editor, as a user would. */
async function appendTo(app: Page, editorName: string, text: string): Promise<void> {
  const editor = app.getByRole('textbox', { name: editorName });
  await editor.click();
  await app.keyboard.press('Control+End');
  await app.keyboard.type(text);
}

type SessionUpdate = { session?: { instructions?: string } };
const sessionUpdates = (fake: { received: { clientEvents: (type: string) => { event: unknown }[] } }) =>
  fake.received.clientEvents('session.update').map((entry) => entry.event as SessionUpdate);

test.describe('live prompt editing', () => {
  test.use({ script: pirateScript });

  test('an edited prompt applied mid-session reaches the server in the next session.update and changes how the model answers', async ({
    app,
    fake,
  }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    await driver.say('hello');
    await expect(driver.assistantMessage('Welcome to the poetry studio')).toBeVisible();

    await openPromptPanel(app, 'greeter');
    const status = app.getByTestId('prompt-status');
    await expect(status).toHaveText('The running session uses the scenario file’s prompt.');
    await appendTo(app, 'Instructions of greeter', PIRATE);
    await expect(status).toHaveText('Edited here, not applied to the running session yet.');

    const before = sessionUpdates(fake).length;
    await app.getByRole('button', { name: 'Apply to session' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Applied to the running session.' })).toBeVisible();
    await app.getByRole('tab', { name: 'Events' }).click();
    const applied = (await driver.events()).filter((event) => event.type === 'prompt.applied');
    expect(applied).toHaveLength(1);
    expect(applied[0]!.payload).toMatchObject({ agent: 'greeter', fields: ['instructions'], active: true });
    await app.getByRole('tab', { name: 'Agent & prompt' }).click();
    await fake.received.waitFor('a session.update after Apply', () => sessionUpdates(fake).length > before);
    const next = sessionUpdates(fake)[before]!;
    expect(next.session?.instructions).toContain('hand off to the haiku writer straight away');
    expect(next.session?.instructions?.endsWith(PIRATE)).toBe(true);
    await expect(status).toHaveText('The running session uses an edited prompt that is not saved.');
    // Replacing the agent by its edited self is no handoff.
    await expect(app.getByTestId('handoffs-taken')).toContainText('No handoff taken yet.');

    await driver.say('hello');
    await expect(driver.assistantMessage('Ahoy matey')).toBeVisible();

    // The replay of this session shows the prompt as applied, folded from its prompt.applied event.
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await driver.openSessions();
    await app.getByTestId('session-row').first().getByRole('button', { name: 'Open' }).click();
    await expect(app.getByTestId('replay-title')).toBeVisible();
    await openPromptPanel(app, 'greeter');
    await expect(app.getByRole('textbox', { name: 'Instructions of greeter' })).toContainText(PIRATE);
    await expect(app.getByRole('list', { name: 'Prompt state' })).toContainText('with the edits applied by then');
  });

  test('an agent edited while another is active is used from the next handoff to it', async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    await openPromptPanel(app, 'haikuWriter');
    await appendTo(app, 'Instructions of haikuWriter', PIRATE);
    const before = sessionUpdates(fake).length;
    await app.getByRole('button', { name: 'Apply to session' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Applied:' })).toHaveText(
      'Applied: the session uses it from the next handoff to this agent.',
    );
    await expect(app.getByTestId('prompt-status')).toHaveText('The running session uses an edited prompt that is not saved.');
    expect(sessionUpdates(fake)).toHaveLength(before);

    await driver.say('I would like a haiku');
    await expect(app.getByTestId('handoffs-taken')).toContainText('greeter → haikuWriter taken ×1');
    await fake.received.waitFor('the handoff’s session.update', () =>
      sessionUpdates(fake).some((update) => update.session?.instructions?.startsWith('You write haiku') === true),
    );
    const handoffUpdate = sessionUpdates(fake).find((update) => update.session?.instructions?.startsWith('You write haiku'));
    expect(handoffUpdate?.session?.instructions?.endsWith(PIRATE)).toBe(true);
  });

  test('connecting again carries an applied, unsaved prompt on with the conversation, and says so in the log', async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    await openPromptPanel(app, 'greeter');
    await appendTo(app, 'Instructions of greeter', PIRATE);
    await app.getByRole('button', { name: 'Apply to session' }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Applied to the running session.' })).toBeVisible();
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(app.getByTestId('prompt-status')).not.toContainText('running session');

    const before = sessionUpdates(fake).length;
    await driver.connect();
    // The new session is configured with the edit from its first session.update, before anything is said.
    await fake.received.waitFor('the new session’s session.update', () => sessionUpdates(fake).length > before);
    expect(sessionUpdates(fake)[before]!.session?.instructions?.endsWith(PIRATE)).toBe(true);
    await expect(app.getByTestId('prompt-status')).toHaveText('The running session uses an edited prompt that is not saved.');
    await driver.say('hello');
    await expect(driver.assistantMessage('Ahoy matey')).toBeVisible();
    await app.getByRole('tab', { name: 'Events' }).click();
    const carried = (await driver.events()).filter((event) => event.type === 'prompt.applied');
    expect(carried.map((event) => event.payload)).toEqual([
      expect.objectContaining({ agent: 'greeter', fields: ['instructions'], active: true, carriedOver: true }),
    ]);
  });
});

test('an edited tool description reaches the server in the session.update, with the tool still answering as before', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('customerServiceRetail');
  await driver.connect();
  await openPromptPanel(app, 'authentication');
  await appendTo(app, 'Description of authenticate_user_information', ' Ask for the card digits one at a time.');
  const before = sessionUpdates(fake).length;
  await app.getByRole('button', { name: 'Apply to session' }).click();
  await fake.received.waitFor('a session.update after Apply', () => sessionUpdates(fake).length > before);
  const tools = (sessionUpdates(fake)[before] as { session?: { tools?: { name: string; description?: string }[] } }).session?.tools ?? [];
  expect(tools.find((tool) => tool.name === 'authenticate_user_information')?.description).toMatch(/Ask for the card digits one at a time\.$/);
  expect(tools.map((tool) => tool.name)).toEqual(expect.arrayContaining(['transfer_to_returns', 'transfer_to_sales', 'transfer_to_simulatedHuman']));

  await driver.say('My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.');
  await expect(driver.toolCall('authenticate_user_information')).toBeVisible();
  await expect(app.getByTestId('handoffs-taken')).toContainText('authentication → returns taken ×1');
});

test('Save writes only the edited value into a user override of the shipped scenario, byte for byte', async ({ app, webHost }) => {
  const driver = new AppDriver(app);
  // The first run opens the bundled sample replay; the panel edits the scenario picked for the next session.
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  await app.getByRole('button', { name: 'Close replay' }).click();
  const shipped = await readFile(SHIPPED, 'utf8');
  const original = (JSON.parse(shipped) as { agents: { instructions: string }[] }).agents[0]!.instructions;
  await driver.pickScenario('simpleHandoff');
  await openPromptPanel(app, 'greeter');
  // A prompt the file cannot hold is refused by field, and Revert brings the file's text back.
  const instructions = app.getByRole('textbox', { name: 'Instructions of greeter' });
  await instructions.click();
  await app.keyboard.press('Control+a');
  await app.keyboard.press('Delete');
  await app.getByRole('button', { name: 'Save to scenario file' }).click();
  await expect(app.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveText(
    /^Not saved: .*simpleHandoff\.json would not load with this edit: agents\[0\]\.instructions should not be empty\.$/,
  );
  await app.getByRole('button', { name: 'Revert' }).click();
  await expect(instructions).toHaveText(original);
  await appendTo(app, 'Instructions of greeter', ' Keep it "short".');
  await expect(app.getByTestId('prompt-status')).toHaveText('Edited here, not saved to the scenario file.');

  await app.getByRole('button', { name: 'Show difference' }).click();
  await expect(app.getByRole('heading', { name: 'Difference from the scenario file' })).toBeVisible();
  await expect(app.getByTestId('prompt-diff').locator('.cm-changedLine')).toContainText('Keep it "short".');
  const axe = await new AxeBuilder({ page: app }).include('[data-testid="agent-detail"]').analyze();
  expect(
    axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id),
  ).toEqual([]);

  await app.getByRole('button', { name: 'Save to scenario file' }).click();
  const override = join(webHost.dataDir, 'agent-configs', 'simpleHandoff.json');
  await expect(app.getByRole('status').filter({ hasText: 'Saved as a user override' })).toContainText(override);
  const written = await readFile(override, 'utf8');
  expect(written).toBe(shipped.replace(JSON.stringify(original), JSON.stringify(`${original} Keep it "short".`)));
  expect(written).not.toBe(shipped);
  expect(await readFile(SHIPPED, 'utf8')).toBe(shipped);
  await expect(app.getByTestId('prompt-status')).toHaveText('Same as the scenario file.');
  await expect(app.getByRole('heading', { name: 'No difference from the scenario file' })).toBeVisible();
});

test('a scenario file edited outside the app reloads in the panel, which says the file and the running session differ, keeping unsaved edits', async ({
  app,
  webHost,
}) => {
  const driver = new AppDriver(app);
  const folder = join(webHost.dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  const file = join(folder, 'simpleHandoff.json');
  const shipped = await readFile(SHIPPED, 'utf8');
  await writeFile(file, shipped);
  const original = (JSON.parse(shipped) as { agents: { instructions: string }[] }).agents[0]!.instructions;
  const editedOutside = `${original} Mention the weather.`;
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await openPromptPanel(app, 'greeter');
  const status = app.getByTestId('prompt-status');
  const instructions = app.getByRole('textbox', { name: 'Instructions of greeter' });
  await expect(status).toHaveText('The running session uses the scenario file’s prompt.');

  await writeFile(file, shipped.replace(JSON.stringify(original), JSON.stringify(editedOutside)));
  await expect(instructions).toContainText('Mention the weather.');
  await expect(status).toHaveText('The file changed on disk since this session started — Apply to use it.');
  await app.getByRole('button', { name: 'Apply to session' }).click();
  await expect(status).toHaveText('The running session uses the scenario file’s prompt.');

  // Unsaved edits survive the next outside change; the panel says so instead of dropping them.
  await appendTo(app, 'Instructions of greeter', ' Unsaved words.');
  await writeFile(file, shipped.replace(JSON.stringify(original), JSON.stringify(`${original} Mention the tides.`)));
  await expect(app.getByRole('status').filter({ hasText: 'The scenario file changed on disk while you were editing' })).toBeVisible();
  await expect(instructions).toContainText('Unsaved words.');
  await expect(status).toContainText('The running session uses an edited prompt that is not saved.');
  await app.getByRole('button', { name: 'Load the file’s version' }).click();
  await expect(instructions).toContainText('Mention the tides.');
  await expect(instructions).not.toContainText('Unsaved words.');
});
