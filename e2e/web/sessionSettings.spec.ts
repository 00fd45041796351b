import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

async function saveSessionSettings(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Save session settings' }).click();
}

test('an idle timeout set in Settings → Session reaches the server, and its timeout_triggered shows in the transcript and the inspector in words', async ({
  app,
  fake,
}) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByLabel('Idle timeout in ms').fill('5000');
  await saveSessionSettings(app);
  await expect(app.getByRole('status', { name: 'Session settings state' })).toHaveText('Saved.');

  await app.getByRole('tab', { name: 'Transcript' }).click();
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  const connectUpdate = fake.received.clientEvents('session.update').at(0)?.event as { session: { audio: { input: { turn_detection: unknown } } } };
  expect(connectUpdate.session.audio.input.turn_detection).toMatchObject({ type: 'server_vad', idle_timeout_ms: 5000 });

  await driver.say('Hi');
  await expect(driver.assistantMessage(/./).first()).toBeVisible();
  // The microphone plays silence: once the reply has played, the server's idle timeout runs out.
  const notice = driver.transcript.getByText(/^No speech for [\d.]+ m?s: the idle timeout ran out, so the assistant was asked to go on\.$/);
  await expect(notice.first()).toBeVisible({ timeout: 20_000 });
  await expect(driver.userMessage('(no speech)').first()).toBeVisible();
  expect(fake.received.sentEvents('input_audio_buffer.timeout_triggered').length).toBeGreaterThan(0);
  await driver.transcript.screenshot({ path: test.info().outputPath('idle-timeout-transcript.png') });

  const rows = await driver.filterEvents('timeout_triggered');
  await expect(rows.filter({ hasText: /no speech for [\d.]+ m?s: idle timeout, the assistant is asked to go on/ }).first()).toBeVisible();
  const settingsRows = await driver.filterEvents('session.settings');
  await expect(settingsRows.filter({ hasText: 'at connect · idle_timeout_ms 5000' })).toHaveCount(1);
});

test('Settings → Session refuses a value out of its range, naming the field, and keeps the saved one', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByLabel('Speech speed').fill('3');
  await saveSessionSettings(app);
  const state = app.getByRole('status', { name: 'Session settings state' });
  await expect(state).toContainText('session.speed');
  await expect(state).toContainText('must be a number from 0.25 to 1.5');
  await expect(app.getByLabel('Speech speed')).toHaveClass(/input-invalid/);

  await app.getByLabel('Speech speed').fill('1.2');
  await app.getByLabel('Reasoning effort').selectOption('low');
  await app.getByLabel('Truncation').selectOption('retention_ratio');
  await app.getByLabel('Retention ratio').fill('0.6');
  await app.getByLabel('Transcription languages').fill('en, de');
  await app.getByRole('switch', { name: 'Send traces to the OpenAI dashboard' }).check();
  await saveSessionSettings(app);
  await expect(state).toHaveText('Saved.');
  for (const theme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: theme });
    await app.getByRole('region', { name: 'Session', exact: true }).screenshot({ path: test.info().outputPath(`session-settings-${theme}.png`) });
  }
});
