import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

test('picking another agent mid-session switches inside the same session and keeps the conversation', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('customerServiceRetail');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.assistantMessage('phone number')).toBeVisible();
  await app.getByLabel('Agent', { exact: true }).selectOption('sales');
  await expect(app.getByTestId('handoff')).toHaveText('authentication → sales');
  await driver.say('What deals do you have?');
  await expect(driver.assistantMessage('on sale this week')).toContainText('sales');
  await expect(driver.userMessage('Hello')).toBeVisible();
  expect(fake.received.http.filter((request) => request.path === '/v1/realtime/calls')).toHaveLength(1);
  expect(fake.received.http.filter((request) => request.path === '/v1/realtime/client_secrets')).toHaveLength(1);
});

test('audio playback off never mutes the microphone, and mute is its own control', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
  await app.getByLabel('Audio playback').uncheck();
  await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
  expect(await app.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-role="assistant-audio"]')?.muted)).toBe(true);
  await app.getByLabel('Mute').check();
  await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
  await app.getByLabel('Audio playback').check();
  await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
});

test('an optional cap on session length closes the session and says why', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await app.getByLabel('Session length cap in minutes').fill('0.05');
  await driver.connect();
  await expect(driver.phase).toHaveText('The session reached its length cap of 0.05 min and was closed.', { timeout: 15_000 });
  await expect(app.getByRole('button', { name: 'Connect' })).toBeEnabled();
});

test('no client secret ever appears in the event stream, though the SDK and the server carry one', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await driver.say('Hi');
  await expect(driver.assistantMessage('haiku')).toBeVisible();
  await app.getByRole('button', { name: 'Copy as NDJSON' }).click();
  const ndjson = await app.evaluate(() => navigator.clipboard.readText());
  const events = ndjson.split('\n').map((line) => JSON.parse(line) as { type: string });
  expect(events.map((event) => event.type)).toEqual(
    expect.arrayContaining(['session.started', 'session.update', 'session.created', 'conversation.item.create', 'response.done']),
  );
  const minted = fake.received.http.filter((request) => request.path === '/v1/realtime/client_secrets');
  expect(minted.length).toBeGreaterThan(0);
  expect(ndjson).not.toMatch(/ek_[A-Za-z0-9_-]{6,}/);
  expect(ndjson).not.toContain('sk-test');
});

test('the agent picked before connecting is the one the session starts with, and the transcript copies as text', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('customerServiceRetail');
  await app.getByLabel('Agent', { exact: true }).selectOption('sales');
  await driver.connect();
  await driver.say('Hi, what deals do you have?');
  await expect(driver.assistantMessage('on sale this week')).toContainText('sales');
  await app.getByRole('button', { name: 'Copy as text' }).click();
  const text = await app.evaluate(() => navigator.clipboard.readText());
  expect(text).toContain('User: Hi, what deals do you have?');
  expect(text).toMatch(/sales: The Ridgeline Carve 158 is on sale this week/);
});
