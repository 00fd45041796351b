import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { sessionLogLines } from '../support/sessionLogFile';

/** A user scenario of one greeter agent, with the voice given (or none of its own), in the data folder. */
async function writeGreeterScenario(dataDir: string, id: string, voice: string | undefined): Promise<void> {
  await mkdir(join(dataDir, 'agent-configs'), { recursive: true });
  const greeter = { name: 'greeter', publicDescription: 'Greets.', instructions: 'You are the front desk of a small poetry studio.' };
  await writeFile(
    join(dataDir, 'agent-configs', `${id}.json`),
    JSON.stringify({
      id,
      name: id,
      description: voice === undefined ? 'One agent with no voice of its own.' : `One agent whose voice is ${voice}.`,
      defaultAgent: 'greeter',
      agents: [voice === undefined ? greeter : { ...greeter, voice }],
    }),
  );
}

test('each model setting offers the known models grouped by kind, retired ones marked, and still takes any id typed', async ({ app, webHost }) => {
  const driver = new AppDriver(app);
  await driver.openSettings();

  const realtime = app.getByRole('combobox', { name: 'Realtime model: known models' });
  await expect(app.getByRole('combobox', { name: 'Realtime model', exact: true })).toHaveValue('gpt-realtime-2.1');
  await expect(realtime).toHaveValue('gpt-realtime-2.1');
  expect(await realtime.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual(['Realtime']);
  await expect(realtime.locator('option')).toContainText([
    'gpt-realtime-2.1',
    'gpt-realtime-2.1-mini',
    'gpt-realtime-2',
    'gpt-realtime — retires 2027-01-20',
  ]);

  const supervisor = app.getByRole('combobox', { name: 'Supervisor model: known models' });
  await expect(supervisor).toHaveValue('gpt-6.1-terra');
  expect(await supervisor.locator('optgroup').evaluateAll((groups) => groups.map((group) => group.getAttribute('label')))).toEqual([
    'Text',
    'Reasoning',
  ]);
  await expect(supervisor.locator('optgroup[label="Reasoning"] option')).toContainText(['gpt-6.1-sol', 'o4-mini — retired 2026-10-23']);
  await expect(app.getByRole('combobox', { name: 'Escalation model: known models' })).toHaveValue('gpt-6.1-sol');
  await expect(app.getByRole('combobox', { name: 'Guardrail model: known models' })).toHaveValue('gpt-6-luna');

  // A retiring model picked from the list says when it goes, and offers its replacement.
  await realtime.selectOption('gpt-realtime');
  await expect(app.getByRole('combobox', { name: 'Realtime model', exact: true })).toHaveValue('gpt-realtime');
  await expect(app.getByTestId('model-lifecycle')).toContainText('retires on 2027-01-20');
  await app.getByRole('button', { name: 'Use gpt-realtime-2.1' }).click();
  await expect(app.getByRole('combobox', { name: 'Realtime model', exact: true })).toHaveValue('gpt-realtime-2.1');

  // Free text still goes through: a model newer than the list is used as typed.
  await app.getByRole('combobox', { name: 'Supervisor model', exact: true }).fill('gpt-7-preview');
  await expect(supervisor).toHaveValue('');
  await expect(app.getByText('not in the list of known models; sent as typed')).toBeVisible();
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.')).toBeVisible();
  const saved = JSON.parse(await readFile(join(webHost.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(saved).toMatchObject({ supervisorModel: 'gpt-7-preview', realtimeModel: 'gpt-realtime-2.1' });
});

test('a supervisor model the API no longer serves is named, with its setting and a replacement, in the toolbar, the tool call and the log', async ({
  app,
  webHost,
}) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByRole('combobox', { name: 'Supervisor model: known models' }).selectOption('o4-mini');
  await expect(app.getByTestId('model-lifecycle')).toContainText('retired on 2026-10-23: the API refuses it');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.getByText('Saved.')).toBeVisible();

  await app.getByRole('tab', { name: 'Transcript' }).click();
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say('What is my account balance?');

  const expected =
    /The API does not serve the supervisor model o4-mini \(.*404 model_not_found: The model `o4-mini` has been deprecated.*\)\. It was retired on 2026-10-23\. Choose another in Settings → Supervisor model, such as gpt-5\.6-terra\./;
  await expect(app.getByTestId('model-problem')).toHaveText(expected);
  await expect(app.getByRole('alert').filter({ hasText: 'o4-mini' })).toBeVisible();
  await expect(driver.toolCall('getNextResponseFromSupervisor')).toContainText(expected);
  // The session goes on: the chat agent tells the caller it cannot look this up.
  await expect(driver.phase).toHaveText('Connected');

  await expect
    .poll(async () => (await sessionLogLines(webHost.dataDir)).find((line) => line.type === 'supervisor.error')?.payload)
    .toMatchObject({ code: 'model_unavailable', field: 'supervisorModel', message: expect.stringMatching(expected) });
});

test('a realtime model the API refuses stops Connect with the model, the setting and a replacement', async ({ app, fake }) => {
  fake.faults.add({ route: 'client_secrets', refuseModel: 'gpt-realtime-2.1', refusal: 'not_found' });
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toHaveText(
    /The API does not serve the realtime model gpt-realtime-2\.1 \(.*404 model_not_found: The model `gpt-realtime-2\.1` does not exist or you do not have access to it\.\)\. Choose another in Settings → Realtime model\./,
  );
  // Said once, in the connection state, not again in a second alert.
  await expect(app.getByTestId('model-problem')).toHaveCount(0);
});

test('a custom voice id is saved and goes on the wire as {id}, in the mint and in the session', async ({ app, fake, webHost }) => {
  // An agent without a voice of its own speaks with the setting's voice.
  await writeGreeterScenario(webHost.dataDir, 'voiceless', undefined);
  await app.reload();
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByRole('combobox', { name: 'Voice' }).selectOption({ label: 'Custom voice id…' });
  await app.getByRole('textbox', { name: 'Custom voice id' }).fill('voice_1a2b3c4d');
  await app.getByRole('button', { name: 'Save audio settings' }).click();
  await expect(app.getByRole('status', { name: 'Audio settings state' })).toHaveText('Saved.');
  const saved = JSON.parse(await readFile(join(webHost.dataDir, 'settings.json'), 'utf8')) as Record<string, unknown>;
  expect(saved['voice']).toBe('voice_1a2b3c4d');

  await driver.pickScenario('voiceless');
  await driver.connect();
  const mint = fake.received.http.find((request) => request.path === '/v1/realtime/client_secrets');
  expect(mint?.body).toMatchObject({ session: { audio: { output: { voice: { id: 'voice_1a2b3c4d' } } } } });
  const update = fake.received.clientEvents('session.update').at(0)?.event as { session?: { audio?: { output?: { voice?: unknown } } } } | undefined;
  expect(update?.session?.audio?.output?.voice).toEqual({ id: 'voice_1a2b3c4d' });
});

test('a session the server refuses while connecting (an agent voice it does not know) fails Connect at once, in the server’s words', async ({
  app,
  webHost,
}) => {
  await writeGreeterScenario(webHost.dataDir, 'badVoice', 'Nova');
  await app.reload();
  const driver = new AppDriver(app);
  await driver.pickScenario('badVoice');
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toHaveText(
    /^The Realtime API refused the session: Invalid value: 'Nova'\. Supported values are: .* \(invalid_value, session\.audio\.output\.voice\)$/,
  );
  // Refused as the server answered, not after the SDK's 5 s wait for an acknowledgement, and never called connected.
  const events = await driver.events();
  const sent = events.find((event) => event.direction === 'client' && event.type === 'session.update')!;
  const failed = events.find((event) => event.type === 'session.state' && event.payload['status'] === 'error')!;
  expect(failed.t - sent.t).toBeLessThan(4_000);
  expect(events.some((event) => event.type === 'session.state' && event.payload['status'] === 'connected')).toBe(false);
  await expect(app.getByRole('button', { name: 'Connect' })).toBeEnabled();
});
