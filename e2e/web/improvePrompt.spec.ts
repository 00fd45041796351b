import type { Page } from '@playwright/test';
import { GREETER_INSTRUCTIONS, GREETER_STATES, GREETER_TONE } from '../fake-openai/improvedPrompt';
import { defaultScriptInput } from '../fake-openai/defaultScript';
import { parseScript } from '../fake-openai/script';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

async function openGreeter(app: Page): Promise<void> {
  await app.getByRole('tab', { name: 'Agent & prompt' }).click();
  await app.getByTestId('agent-node-greeter').click();
  await expect(app.getByTestId('agent-detail').getByRole('heading', { name: 'greeter' })).toBeVisible();
}

/** A line the user adds before asking, which the rewrite keeps: two lines make the rewrite's two additions two separate changes. */
const ADDED = 'Always be kind.';
const withAddedLine = parseScript({
  ...defaultScriptInput,
  responses: [
    {
      name: 'improve the edited greeter',
      schemaHasProperty: 'changes',
      inputIncludes: ADDED,
      json: {
        instructions: `${GREETER_TONE}\n\n${GREETER_INSTRUCTIONS}\n${ADDED}\n\n${GREETER_STATES}`,
        changes: ['Added a personality and tone section.', 'Added numbered states with the handoff to haikuWriter as a transition.'],
      },
    },
    ...(defaultScriptInput.responses ?? []),
  ],
});

test.describe('a rewrite decided change by change', () => {
  test.use({ script: withAddedLine });
  test('Improve this prompt… shows the rewrite as a diff; each change is accepted or rejected, and the result becomes an edit of the prompt', async ({
    app,
    fake,
  }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    // The workbench opens on a replayed sample; a live session shows the picked scenario's agents, editable.
    await driver.connect();
    await openGreeter(app);
    const editor = app.getByRole('textbox', { name: 'Instructions of greeter' });
    await expect(editor).toHaveText(GREETER_INSTRUCTIONS);
    // The editor's text is what gets rewritten, unsaved edits included.
    await editor.click();
    await app.keyboard.press('Control+End');
    await app.keyboard.press('Enter');
    await app.keyboard.type(ADDED);

    await app.getByRole('button', { name: 'Improve this prompt…' }).click();
    // The fake's model keeps the instructions word for word and adds a tone section before them and states after.
    const rewrite = app.getByRole('region', { name: 'Suggested rewrite' });
    await expect(rewrite.getByRole('heading')).toHaveText(/^Suggested rewrite by \S+ \(metaprompt v1\)$/);
    await expect(rewrite.getByRole('list', { name: 'What the model changed' })).toContainText('Added a personality and tone section.');
    const undecided = rewrite.getByTestId('improve-undecided');
    await expect(undecided).toHaveText('2 changes not decided yet; Use the result keeps them.');
    await expect(rewrite.getByRole('button', { name: 'Accept this change' })).toHaveCount(2);
    await rewrite.scrollIntoViewIfNeeded();
    await rewrite.screenshot({ path: test.info().outputPath('improve-prompt-light.png') });
    await app.emulateMedia({ colorScheme: 'dark' });
    await rewrite.screenshot({ path: test.info().outputPath('improve-prompt-dark.png') });
    await app.emulateMedia({ colorScheme: 'light' });
    // The request held the editor's text and named the model's answer format.
    const request = fake.received.http.find(
      (entry) => entry.path.endsWith('/responses') && JSON.stringify(entry.body).includes('improved_instructions'),
    );
    expect(JSON.stringify(request?.body)).toContain(`${GREETER_INSTRUCTIONS}\\n${ADDED}`);

    // Piece by piece: the tone section is rejected, the states accepted.
    await rewrite.getByRole('button', { name: 'Reject this change' }).first().click();
    await expect(undecided).toHaveText('1 change not decided yet; Use the result keeps them.');
    await rewrite.getByRole('button', { name: 'Accept this change' }).click();
    await expect(undecided).toHaveText('Every change decided.');
    await rewrite.getByRole('button', { name: 'Use the result' }).click();
    await expect(rewrite).toHaveCount(0);

    // The editor holds the result as an unsaved edit: the states, not the tone section.
    await expect(editor).toContainText(GREETER_STATES.split('\n')[1]!);
    await expect(editor).toContainText(GREETER_INSTRUCTIONS);
    await expect(editor).toContainText(ADDED);
    await expect(editor).not.toContainText(GREETER_TONE);
    await expect(app.getByRole('button', { name: 'Save to scenario file' })).toBeEnabled();
    await app.getByRole('button', { name: 'Show difference' }).click();
    await expect(app.getByTestId('prompt-diff')).toContainText('haikuWriter');
  });
});

test('Improve this prompt… says in words when the model cannot be reached, and keeps the prompt as it was', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  // The workbench opens on a replayed sample; a live session shows the picked scenario's agents, editable.
  await driver.connect();
  await openGreeter(app);
  fake.faults.set([{ route: 'responses', status: 500 }]);
  await app.getByRole('button', { name: 'Improve this prompt…' }).click();
  const alert = app.getByRole('alert').filter({ hasText: 'Not rewritten:' });
  await expect(alert).toContainText('500');
  await expect(app.getByRole('textbox', { name: 'Instructions of greeter' })).toHaveText(GREETER_INSTRUCTIONS);
  await expect(app.getByRole('button', { name: 'Improve this prompt…' })).toBeEnabled();
});
