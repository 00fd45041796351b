import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppDriver } from '../support/appDriver';
import { expect, test as base } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';
import { startBuiltWebHost } from '../support/webHostProcess';
import { startVirtualDisplay, type VirtualDisplay } from '../support/xvfb';

/** Types of the app events in the one saved session log. */
async function savedAppEvents(dataDir: string): Promise<string[]> {
  const folder = join(dataDir, 'sessions');
  const [file, ...more] = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
  expect(more).toEqual([]);
  const lines = (await readFile(join(folder, file!), 'utf8')).split('\n').filter((line) => line.trim() !== '');
  return lines
    .map((line) => JSON.parse(line) as { direction?: string; type?: string; payload?: { source?: string } })
    .filter((event) => event.direction === 'app')
    .map((event) => (event.type!.startsWith('ptt.') ? `${event.type!} by ${event.payload?.source}` : event.type!));
}

/** The web host with an X display (Xvfb, started inside the test's network namespace) for its keyboard hook. */
const test = base.extend<{ xDisplay: VirtualDisplay }>({
  xDisplay: async ({}, use) => {
    const xDisplay = await startVirtualDisplay();
    await use(xDisplay);
    await xDisplay.stop();
  },
  webHost: async ({ fake, apiKey, xDisplay }, use) => {
    const host = await startBuiltWebHost({ OPENAI_API_KEY: apiKey, OPENAI_BASE_URL: `${fake.baseUrl}/v1`, DISPLAY: xDisplay.display });
    await use(host);
    await host.stop();
  },
});

test.describe('the global push-to-talk hotkey', () => {
  test.use({ micFile: speechWav('hello-ptt', 'Hello there, this is push to talk.', 1) });

  test('F9 held on the X display while the page has no focus talks: one commit per hold, PTT down/up in the saved log', async ({
    app,
    fake,
    xDisplay,
    webHost,
  }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    // The keys go to the X display, not to the page: headless Chromium has no X window. Focus sits in a text
    // field (where the page's own push-to-talk key is ignored) and the page counts every key event it gets.
    await app.getByLabel('Message', { exact: true }).focus();
    await driver.countKeys();

    const commits = () => fake.received.clientEvents('input_audio_buffer.commit').length;
    for (let hold = 1; hold <= 2; hold += 1) {
      await xDisplay.xdo('keydown', 'F9');
      await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
      // Longer than the X server's auto-repeat delay: the hook sees repeated key-downs while it is held.
      await app.waitForTimeout(2000);
      expect(commits()).toBe(hold - 1);
      await xDisplay.xdo('keyup', 'F9');
      await fake.received.waitFor(`commit ${hold}`, () => commits() === hold);
      await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    }
    await expect(driver.userMessage('Hello there')).toHaveCount(2);
    await app.waitForTimeout(500);
    expect(commits()).toBe(2);

    expect(await driver.keysCounted()).toBe(0);
    await driver.openSettings();
    await expect(app.getByTestId('hotkey-mode')).toContainText('Global, hold to talk (F9): the keyboard hook is running: hold F9 anywhere');
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(async () => {
      const pttEvents = (await savedAppEvents(webHost.dataDir)).filter((type) => type.startsWith('ptt.'));
      expect(pttEvents).toEqual(['ptt.down by global-hotkey', 'ptt.up by global-hotkey', 'ptt.down by global-hotkey', 'ptt.up by global-hotkey']);
    }).toPass();
  });
});

base.describe('where the keyboard hook cannot run', () => {
  base.use({ micFile: speechWav('hello-ptt', 'Hello there, this is push to talk.', 1) });

  base('with no X display the hotkey works in the window only, says why, and the same key talks there', async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    await driver.transcript.click();
    await app.keyboard.down('F9');
    await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
    await app.waitForTimeout(2000);
    await app.keyboard.up('F9');
    await fake.received.waitFor('the commit', () => fake.received.clientEvents('input_audio_buffer.commit').length === 1);
    await expect(driver.userMessage('Hello there')).toBeVisible();
    await driver.openSettings();
    await expect(app.getByTestId('hotkey-mode')).toHaveText(
      'In this window only (F9): the keyboard hook needs an X display, and DISPLAY is not set; the key works only while the window has focus.',
    );
  });

  base('an accelerator it cannot read is refused by name in Settings, and a good one is taken', async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.openSettings();
    const field = app.getByRole('textbox', { name: 'Push-to-talk hotkey' });
    await field.fill('Ctrl+Foo');
    await app.getByRole('button', { name: 'Set hotkey' }).click();
    await expect(app.getByRole('status', { name: 'Hotkey state' })).toContainText('pttHotkey: unknown key "Foo" in "Ctrl+Foo"');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('Ctrl+Shift+Space');
    await app.getByRole('button', { name: 'Set hotkey' }).click();
    await expect(app.getByRole('status', { name: 'Hotkey state' })).toHaveText('Saved.');
    await expect(app.getByTestId('hotkey-mode')).toContainText('In this window only (Ctrl+Shift+Space)');
    await expect(field).toHaveValue('Ctrl+Shift+Space');
  });
});
