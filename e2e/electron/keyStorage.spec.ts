import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { STORED_API_KEY, electronMissing, expect, filesContaining, test, type DesktopApp } from '../support/electronApp';

test.skip(electronMissing !== undefined, electronMissing ?? '');

// Started with no OPENAI_API_KEY: whatever key the app uses is the one stored through Settings.
test.use({ envApiKey: '' });

/** Whether main's safeStorage can encrypt here, and (on Linux) with which secret store, as main itself says. */
async function keychainOf(desktop: DesktopApp): Promise<{ available: boolean; backend: string }> {
  return desktop.app.evaluate(({ safeStorage }) => ({
    available: safeStorage.isEncryptionAvailable(),
    backend: process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : process.platform,
  }));
}

/** Everything the page could hand on: the key's status through the contract, the DOM and web storage. */
async function whatThePageHolds(desktop: DesktopApp): Promise<string> {
  return desktop.page.evaluate(async () => {
    const bridge = (window as unknown as { workbench: { key: { status(): Promise<unknown> } } }).workbench;
    return JSON.stringify({
      status: await bridge.key.status(),
      dom: document.documentElement.outerHTML,
      local: Object.entries(localStorage),
      session: Object.entries(sessionStorage),
    });
  });
}

async function saveKeyInSettings(desktop: DesktopApp): Promise<void> {
  await desktop.driver.openSettings();
  await desktop.page.getByRole('textbox', { name: 'API key' }).fill(STORED_API_KEY);
  await desktop.page.getByRole('button', { name: 'Save key' }).click();
}

test('a key saved in Settings is sealed by safeStorage in userData, is what Connect uses, and never reaches the page', async ({ desktop }) => {
  const keychain = await keychainOf(desktop);
  test.skip(
    !keychain.available,
    `safeStorage has no OS keychain here (${keychain.backend}), so the app refuses to store a key; the next test covers that`,
  );
  const { page } = desktop;
  await desktop.driver.openSettings();
  await expect(page.getByTestId('key-status')).toHaveText('No API key yet: add one to connect to OpenAI.');
  await expect(page.getByText('Encrypted with the OS keychain.')).toBeVisible();
  await saveKeyInSettings(desktop);
  await expect(page.getByTestId('key-status')).toHaveText('A key is stored.');
  await expect(page.getByRole('status').filter({ hasText: 'Key saved.' })).toBeVisible();
  await expect(page.getByRole('textbox', { name: 'API key' })).toHaveValue('');

  // On disk: one sealed file, whose bytes are not the key, and which main's safeStorage opens to the key.
  const sealedFile = join(desktop.userData, 'api-key.sealed');
  const sealed = await readFile(sealedFile);
  expect(sealed.includes(Buffer.from(STORED_API_KEY))).toBe(false);
  expect(sealed.toString('latin1')).not.toContain(STORED_API_KEY.slice(3, 19));
  const opened = await desktop.app.evaluate(
    ({ safeStorage }, base64) => safeStorage.decryptString(Buffer.from(base64, 'base64')),
    sealed.toString('base64'),
  );
  expect(opened).toBe(STORED_API_KEY);
  // Nowhere else in userData (Chromium's profile included) is the key in plain text.
  expect(await filesContaining(desktop.userData, STORED_API_KEY)).toEqual([]);

  // The page never holds it: not in the status the contract returns, the DOM, or web storage.
  expect(await whatThePageHolds(desktop)).not.toContain(STORED_API_KEY);

  // And the stored key is the one main uses: the fake accepts it, and no other key was given to the app.
  await page.getByRole('tab', { name: 'Transcript' }).click();
  await desktop.driver.pickScenario('simpleHandoff');
  await desktop.driver.connect();
  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(desktop.driver.phase).toHaveText('Not connected');
  expect(await whatThePageHolds(desktop)).not.toContain(STORED_API_KEY);
});

test('without an OS keychain, Settings says so, refuses to store the key and writes it nowhere', async ({ desktop }) => {
  const keychain = await keychainOf(desktop);
  test.skip(keychain.available, `safeStorage has an OS keychain here (${keychain.backend}); the previous test covers storing the key`);
  const { page } = desktop;
  await desktop.driver.openSettings();
  await expect(
    page.getByText('No OS keychain is available, so a key cannot be stored; start the app with OPENAI_API_KEY set instead.'),
  ).toBeVisible();
  await saveKeyInSettings(desktop);
  await expect(page.getByRole('status').filter({ hasText: 'No OS keychain is available to encrypt the key' })).toBeVisible();
  await expect(page.getByTestId('key-status')).toHaveText('No API key yet: add one to connect to OpenAI.');
  await expect(access(join(desktop.userData, 'api-key.sealed'))).rejects.toMatchObject({ code: 'ENOENT' });
  expect(await filesContaining(desktop.userData, STORED_API_KEY)).toEqual([]);
});
