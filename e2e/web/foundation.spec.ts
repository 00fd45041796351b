import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import packageJson from '../../package.json' with { type: 'json' };

const { version } = packageJson;

test('opens the built app and shows its version', async ({ app }) => {
  await expect(app.getByTestId('app-version')).toHaveText(`v${version} · browser mode`);
});

test('round-trips a setting through the contract and keeps it after a reload', async ({ app }) => {
  await new AppDriver(app).openSettings();
  const model = app.getByLabel('Realtime model', { exact: true });
  await expect(model).toHaveValue('gpt-realtime-2.1');
  await model.fill('gpt-realtime-2.1-mini');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await app.reload();
  await new AppDriver(app).openSettings();
  await expect(app.getByLabel('Realtime model', { exact: true })).toHaveValue('gpt-realtime-2.1-mini');
});

test('shows a refused setting with the field at fault and keeps the old value', async ({ app }) => {
  await new AppDriver(app).openSettings();
  await app.getByLabel('API base URL').fill('not a url');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'baseUrl' })).toContainText('must be an http(s) URL');
  await app.reload();
  await new AppDriver(app).openSettings();
  await expect(app.getByLabel('API base URL')).toHaveValue('https://api.openai.com/v1');
});

test('says plainly where the key is kept in browser mode, and never shows it back', async ({ app }) => {
  await new AppDriver(app).openSettings();
  await expect(app.getByText(/No OS keychain in browser mode/)).toBeVisible();
  await app.getByRole('textbox', { name: 'API key' }).fill('sk-test-e2e-secret-123456');
  await app.getByRole('button', { name: 'Save key' }).click();
  await expect(app.getByTestId('key-status')).toHaveText('A key is stored.');
  await expect(app.locator('body')).not.toContainText('sk-test-e2e-secret-123456');
  await expect(app.getByRole('textbox', { name: 'API key' })).toHaveValue('');
});

test('a page opened without the token is refused', async ({ workbenchBrowser, webHost }) => {
  const page = await workbenchBrowser.newPage();
  const response = await page.goto(webHost.url.replace(/\?token=.*/, ''));
  expect(response?.status()).toBe(403);
  await expect(page.locator('body')).toContainText('missing or wrong access token');
  await page.close();
});
