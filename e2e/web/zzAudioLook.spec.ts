import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';

test.use({ micFile: speechWav('hello', 'Hello there, can you hear me?') });
test('look', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await expect(driver.assistantMessage('Brightwave Mobile')).toBeVisible({ timeout: 40_000 });
  await app.waitForTimeout(3000);
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await driver.openSessions();
  await app.getByTestId('session-row').getByRole('button', { name: 'Open' }).click();
  await expect(app.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
  await app.getByRole('button', { name: 'Play', exact: true }).click();
  await app.waitForTimeout(1500);
  await app.locator('.replay-bar').screenshot({ path: '/tmp/audio-look-light.png' });
  await driver.openSettings();
  await app.getByLabel('Theme').selectOption('dark');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await app.waitForTimeout(800);
  await app.locator('.replay-bar').screenshot({ path: '/tmp/audio-look-dark.png' });
});
