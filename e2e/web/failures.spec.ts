import { defaultScript } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

test.describe('a guardrail trip', () => {
  const script = defaultScript();
  script.realtime.unshift({ name: 'greeter insults', agent: 'greeter', userSaid: 'insult me', say: 'Fine, you idiot, here is your poem.' });
  test.use({ script });

  test('shows the failed verdict on the message it judged, with the category and rationale', async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    await driver.say('Hello');
    await expect(driver.assistantMessage('Would you like a haiku?').getByTestId('guardrail-verdict')).toHaveText('guardrail: pass');
    await driver.say('Please insult me');
    const tripped = driver.assistantMessage('you idiot');
    await expect(tripped.getByTestId('guardrail-verdict')).toHaveText('guardrail tripped: OFFENSIVE');
    await expect(tripped).toHaveClass(/message-tripped/);
    await expect(tripped).toContainText('The text insults the user.');
    expect(await driver.eventTypes()).toEqual(expect.arrayContaining(['guardrail.verdict', 'guardrail.tripped']));
  });
});

for (const fault of [
  { status: 500, shown: /answered 500/ },
  { status: 429, retryAfterSeconds: 1, shown: /Rate limited by http:\/\/127\.0\.0\.1:\d+\/v1: 429.*retry after 1 s/ },
]) {
  test(`a supervisor ${fault.status} is shown clearly while the session carries on`, async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await driver.connect();
    fake.faults.set([
      { route: 'responses', status: fault.status, ...(fault.retryAfterSeconds ? { retryAfterSeconds: fault.retryAfterSeconds } : {}) },
    ]);
    await driver.say('What is my account balance?');
    const call = driver.toolCall('getNextResponseFromSupervisor');
    await expect(call.locator('.badge-fail')).toContainText(fault.shown);
    await expect(driver.phase).toHaveText('Connected');
    fake.faults.clear();
    await driver.say('Thanks, hello again');
    await expect(driver.assistantMessage("you've reached Brightwave Mobile").last()).toBeVisible();
    await expect(driver.phase).toHaveText('Connected');
  });
}

test.describe('a bad key', () => {
  test.use({ apiKey: 'sk-not-a-valid-key-000' });

  test('is refused with a clear message that names the endpoint and never shows the key, and the app stays usable', async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await app.getByRole('button', { name: 'Connect' }).click();
    await expect(driver.phase).toContainText(/The API key was refused by http:\/\/127\.0\.0\.1:\d+\/v1: 401/);
    await expect(app.locator('body')).not.toContainText('sk-not-a-valid-key-000');
    await expect(app.getByRole('button', { name: 'Connect' })).toBeEnabled();
    await driver.pickScenario('chatSupervisor');
    await expect(app.getByLabel('Agent', { exact: true })).toHaveValue('chatAgent');
  });
});

test('a rate-limited connect says so and when to retry, and leaves the app usable', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  fake.faults.set([{ route: 'client_secrets', status: 429, retryAfterSeconds: 1, times: 2 }]);
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toContainText(/Rate limited by http:\/\/127\.0\.0\.1:\d+\/v1: 429.*retry after 1 s/);
  await driver.connect();
});

test('an unreachable API says it could not reach the endpoint', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByLabel('API base URL').fill('http://127.0.0.1:9/v1');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toContainText('could not reach http://127.0.0.1:9/v1');
});

test('a connection dropped mid-response says a reconnect is needed and keeps the transcript', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  fake.faults.set([{ route: 'realtime', dropMidResponse: true }]);
  await driver.say('Hello again');
  await expect(driver.phase).toHaveText('The connection to the Realtime API dropped. Connect again to continue; the transcript is kept.', {
    timeout: 40_000,
  });
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Connect' })).toBeEnabled();
});
