import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';

test.describe('a voice turn by voice activity', () => {
  test.use({ micFile: speechWav('hello', 'Hello there, can you hear me?') });

  test('the fake microphone speaks, the server detects the turn, and the transcript and reply appear', async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await driver.connect();
    await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
    // The listening indicator lights while the server hears speech (the fake microphone loops, so it comes back).
    await expect(app.getByTestId('user-speaking')).toHaveClass(/activity-on/, { timeout: 20_000 });
    await expect(driver.userMessage('Hello there')).toBeVisible({ timeout: 30_000 });
    await expect(driver.assistantMessage('Brightwave Mobile')).toBeVisible();
    const types = await driver.eventTypes();
    expect(types).toEqual(
      expect.arrayContaining(['input_audio_buffer.speech_started', 'input_audio_buffer.speech_stopped', 'input_audio_buffer.committed']),
    );
  });
});

test.describe('push-to-talk', () => {
  test.use({ micFile: speechWav('hello-ptt', 'Hello there, this is push to talk.', 1) });

  test('sends the microphone only while the key is held, then commits and asks for a reply', async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    // With the key up the server hears nothing, however long we wait for a voice turn.
    await app.waitForTimeout(2000);
    expect(fake.received.sentEvents('input_audio_buffer.committed')).toEqual([]);

    const talk = app.getByRole('button', { name: 'Push to talk' });
    await talk.dispatchEvent('pointerdown');
    await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
    await app.waitForTimeout(2500);
    await talk.dispatchEvent('pointerup');
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    await expect(driver.userMessage('Hello there')).toBeVisible();
    await expect(driver.assistantMessage('Brightwave Mobile')).toBeVisible();
    const events = await driver.events();
    const types = events.map((event) => event.type);
    const clear = types.indexOf('input_audio_buffer.clear');
    const commit = types.indexOf('input_audio_buffer.commit');
    expect(clear).toBeGreaterThan(-1);
    expect(commit).toBeGreaterThan(clear);
    expect(types.slice(commit)).toContain('response.create');
    // The log says what pressed and released push-to-talk.
    expect(events.filter((event) => event.type.startsWith('ptt.')).map((event) => [event.type, event.payload['source']])).toEqual([
      ['ptt.down', 'button'],
      ['ptt.up', 'button'],
    ]);
  });
});

test('a text turn is answered in text-only mode too', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await app.getByLabel('Output', { exact: true }).selectOption('text');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.userMessage('Hello')).toBeVisible();
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  expect(await driver.eventTypes()).toContain('response.output_text.delta');
});

test('pressing to talk while the assistant speaks interrupts it', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await app.getByRole('radio', { name: 'Push-to-talk' }).click();
  await driver.connect();
  await driver.say('Hi');
  await expect(app.getByTestId('assistant-speaking')).toHaveClass(/activity-on/);
  await app.getByRole('button', { name: 'Push to talk' }).dispatchEvent('pointerdown');
  await expect(app.getByTestId('assistant-speaking')).not.toHaveClass(/activity-on/);
  await expect(app.getByTestId('message-assistant').getByText('interrupted')).toBeVisible();
  const types = await driver.eventTypes();
  expect(types).toEqual(expect.arrayContaining(['response.cancel', 'output_audio_buffer.clear']));
  await app.getByRole('button', { name: 'Push to talk' }).dispatchEvent('pointerup');
});

test.describe('push-to-talk with the keyboard', () => {
  test.use({ micFile: speechWav('hello-ptt', 'Hello there, this is push to talk.', 1) });

  test('holding Space talks while the window has focus, but not while typing in a field', async ({ app }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    await app.getByLabel('Message', { exact: true }).focus();
    await app.keyboard.down('Space');
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    await app.keyboard.up('Space');
    await app.getByTestId('transcript').click();
    await app.keyboard.down('Space');
    await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
    await expect(app.getByRole('button', { name: 'Push to talk' })).toHaveAttribute('aria-pressed', 'true');
    await app.waitForTimeout(2500);
    await app.keyboard.up('Space');
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    await expect(driver.userMessage('Hello there')).toBeVisible();
    // Held again, then the window loses focus mid-hold: that releases it, and the log says why.
    await app.keyboard.down('Space');
    await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
    await app.evaluate(() => window.dispatchEvent(new Event('blur')));
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    await app.keyboard.up('Space');
    const ptt = (await driver.events()).filter((event) => event.type.startsWith('ptt.'));
    expect(ptt.map((event) => [event.type, event.payload['source']])).toEqual([
      ['ptt.down', 'key'],
      ['ptt.up', 'key'],
      ['ptt.down', 'key'],
      ['ptt.up', 'focus-lost'],
    ]);
  });

  test('each in-window hold commits exactly one input buffer at the server, however long the key repeats', async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    const commits = () => fake.received.clientEvents('input_audio_buffer.commit').length;
    expect(commits()).toBe(0);
    for (const hold of [1, 2]) {
      await app.getByTestId('transcript').click();
      await app.keyboard.down('Space');
      await expect(app.getByTestId('mic-state')).toHaveText('● Mic live');
      // Auto-repeat: the browser sends more key-downs while the key stays down.
      for (let repeat = 0; repeat < 5; repeat += 1) await app.keyboard.down('Space');
      await app.waitForTimeout(1200);
      expect(commits()).toBe(hold - 1);
      await app.keyboard.up('Space');
      await fake.received.waitFor(`commit ${hold}`, () => commits() === hold);
      await expect(driver.assistantMessage(/./).nth(hold - 1)).toBeVisible({ timeout: 20_000 });
    }
    expect(commits()).toBe(2);
  });
});

for (const codec of [
  { value: 'pcmu', rtp: 'PCMU', format: 'audio/pcmu' },
  { value: 'pcma', rtp: 'PCMA', format: 'audio/pcma' },
]) {
  test(`the ${codec.rtp} codec is offered alone and used for the session audio`, async ({ app, fake }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('simpleHandoff');
    await app.getByLabel('Codec', { exact: true }).selectOption(codec.value);
    await driver.connect();
    const offer = String(fake.received.http.find((request) => request.path === '/v1/realtime/calls')?.body ?? '');
    const audioLine = offer.split(/\r?\n/).find((line) => line.startsWith('m=audio')) ?? '';
    const payloadTypes = audioLine.split(' ').slice(3);
    const codecs = offer.split(/\r?\n/).filter((line) => payloadTypes.some((type) => line.startsWith(`a=rtpmap:${type} `)));
    expect(codecs.map((line) => line.split(' ')[1]!.split('/')[0])).toEqual([codec.rtp]);
    await driver.say('Hi');
    await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
    const updates = fake.received.clientEvents('session.update').map((entry) => JSON.stringify(entry.event));
    expect(updates.some((update) => update.includes(codec.format))).toBe(true);
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(driver.phase).toHaveText('Not connected');
  });
}
