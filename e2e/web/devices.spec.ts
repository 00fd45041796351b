import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';

type InputAudio = { turn_detection?: Record<string, unknown> | null; noise_reduction?: unknown };

/** `audio.input` of every session.update the fake received that set turn detection, in order. */
function inputUpdates(fake: { received: { clientEvents: (type: string) => { event: unknown }[] } }): InputAudio[] {
  return fake.received
    .clientEvents('session.update')
    .map((entry) => (entry.event as { session?: { audio?: { input?: InputAudio } } }).session?.audio?.input)
    .filter((input): input is InputAudio => input !== undefined && 'turn_detection' in input);
}

async function saveAudioSettings(app: Page): Promise<void> {
  await app.getByRole('button', { name: 'Save audio settings' }).click();
  await expect(app.getByRole('status', { name: 'Audio settings state' })).toHaveText('Saved.');
}

/** Reloads the page with every getUserMedia request kept, for `askedAudio` to read. */
async function recordMicrophoneRequests(app: Page): Promise<void> {
  await app.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const open = devices.getUserMedia.bind(devices);
    const asked: unknown[] = [];
    (window as unknown as { __asked: unknown[] }).__asked = asked;
    devices.getUserMedia = (constraints) => {
      asked.push(constraints);
      return open(constraints);
    };
  });
  await app.reload();
}

/** The audio constraints of the page's latest getUserMedia request. */
function askedAudio(app: Page): Promise<Record<string, unknown> | undefined> {
  return app.evaluate(() => (window as unknown as { __asked: { audio: Record<string, unknown> }[] }).__asked.at(-1)?.audio);
}

async function readMeter(app: Page, name: string): Promise<number> {
  return Number(await app.getByRole('meter', { name }).getAttribute('aria-valuenow'));
}

test('a changed turn-detection setting reaches the running session as a session.update, also after a handoff and with push-to-talk', async ({
  app,
  fake,
}) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  expect(inputUpdates(fake).at(-1)?.turn_detection).toMatchObject({ type: 'server_vad', threshold: 0.5, silence_duration_ms: 500 });

  await driver.openSettings();
  await app.getByLabel('VAD threshold').fill('0.7');
  await app.getByLabel('Silence duration in ms').fill('900');
  await app.getByLabel('Noise reduction').selectOption('near_field');
  await saveAudioSettings(app);
  await fake.received.waitFor('the saved server VAD settings', () => inputUpdates(fake).at(-1)?.turn_detection?.['silence_duration_ms'] === 900);
  expect(inputUpdates(fake).at(-1)).toEqual({
    turn_detection: {
      type: 'server_vad',
      threshold: 0.7,
      prefix_padding_ms: 300,
      silence_duration_ms: 900,
      create_response: true,
      interrupt_response: true,
    },
    noise_reduction: { type: 'near_field' },
    transcription: { model: 'gpt-4o-mini-transcribe' },
  });
  // The server took it: its session.updated carries the new values.
  await fake.received.waitFor('the session.updated echo', () =>
    fake.received.sentEvents('session.updated').some((event) => JSON.stringify(event.session).includes('"silence_duration_ms":900')),
  );

  await app.getByLabel('Turn detection type').selectOption('semantic_vad');
  await app.getByLabel('Eagerness').selectOption('high');
  await saveAudioSettings(app);
  const semantic = { type: 'semantic_vad', eagerness: 'high', create_response: true, interrupt_response: true };
  await fake.received.waitFor('semantic VAD', () => inputUpdates(fake).at(-1)?.turn_detection?.['type'] === 'semantic_vad');
  expect(inputUpdates(fake).at(-1)?.turn_detection).toEqual(semantic);

  // Push-to-talk turns detection off and Voice activity brings back the saved semantic VAD.
  await app.getByRole('radio', { name: 'Push-to-talk' }).click();
  await fake.received.waitFor('turn detection off', () => inputUpdates(fake).at(-1)?.turn_detection === null);
  await app.getByRole('radio', { name: 'Voice activity' }).click();
  await fake.received.waitFor('semantic VAD again', () => inputUpdates(fake).at(-1)?.turn_detection?.['type'] === 'semantic_vad');

  // A handoff's session.update carries the connect-time configuration; the session sends the saved one after it.
  const before = inputUpdates(fake).length;
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await driver.say('I would like a haiku');
  await expect(app.getByTestId('handoff')).toHaveText('greeter → haikuWriter');
  await fake.received.waitFor('the handoff update and the one after it', () => inputUpdates(fake).length >= before + 2);
  const afterHandoff = inputUpdates(fake).slice(before);
  expect(afterHandoff[0]?.turn_detection).toMatchObject({ type: 'server_vad' });
  expect(afterHandoff.at(-1)).toEqual({
    turn_detection: semantic,
    noise_reduction: { type: 'near_field' },
    transcription: { model: 'gpt-4o-mini-transcribe' },
  });
});

test.describe('devices', () => {
  test.use({ micFile: speechWav('devices-meter', 'Testing the microphone level meter, one two three four five.', 2) });

  test('the microphone and speaker lists name Chromium’s devices, and the chosen ones are used', async ({ app }) => {
    await recordMicrophoneRequests(app);
    const driver = new AppDriver(app);
    await driver.openSettings();
    const microphone = app.getByLabel('Microphone', { exact: true });
    const speaker = app.getByLabel('Speaker', { exact: true });
    await expect(microphone.locator('option')).toHaveText(['System default', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    await expect(speaker.locator('option')).toHaveText(['System default', 'Fake Audio Output 1', 'Fake Audio Output 2']);
    // Microphone access is granted here (--use-fake-ui-for-media-stream), so the browser names devices and nothing asks for names.
    await expect(app.getByRole('button', { name: 'Show device names' })).toHaveCount(0);

    await microphone.selectOption({ label: 'Fake Audio Input 2' });
    await speaker.selectOption({ label: 'Fake Audio Output 1' });
    await app.getByRole('switch', { name: 'Echo cancellation' }).uncheck();
    await saveAudioSettings(app);
    const microphoneId = await microphone.inputValue();
    const speakerId = await speaker.inputValue();

    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    expect(await askedAudio(app)).toEqual({
      deviceId: { ideal: microphoneId },
      echoCancellation: false,
      noiseSuppression: true,
      autoGainControl: true,
    });
    await expect
      .poll(() => app.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-role="assistant-audio"]')?.sinkId))
      .toBe(speakerId);

    // The speaker switches mid-session.
    await speaker.selectOption({ label: 'Fake Audio Output 2' });
    const secondSpeakerId = await speaker.inputValue();
    await saveAudioSettings(app);
    await expect
      .poll(() => app.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-role="assistant-audio"]')?.sinkId))
      .toBe(secondSpeakerId);
  });

  test('a microphone chosen mid-session replaces the sent one without reconnecting, and the server keeps hearing speech', async ({ app, fake }) => {
    await recordMicrophoneRequests(app);
    const driver = new AppDriver(app);
    await driver.openSettings();
    const microphone = app.getByLabel('Microphone', { exact: true });
    await microphone.selectOption({ label: 'Fake Audio Input 2' });
    await saveAudioSettings(app);
    await driver.pickScenario('simpleHandoff');
    await driver.connect();
    const speechStarts = () => fake.received.sentEvents('input_audio_buffer.speech_started').length;
    await fake.received.waitFor('speech from the first microphone', () => speechStarts() > 0, 20_000);
    const calls = fake.received.http.filter((request) => request.path === '/v1/realtime/calls').length;

    await microphone.selectOption({ label: 'Fake Audio Input 1' });
    await app.getByRole('switch', { name: 'Noise suppression' }).uncheck();
    await saveAudioSettings(app);
    const firstId = await microphone.inputValue();
    await expect
      .poll(() => askedAudio(app))
      .toEqual({ deviceId: { ideal: firstId }, echoCancellation: true, noiseSuppression: false, autoGainControl: true });
    await app.getByRole('tab', { name: 'Events' }).click();
    // Chromium's fake capture names every track "Fake Default Audio Input"; the event says what was asked for, too.
    await expect
      .poll(async () => (await driver.events()).filter((event) => event.type === 'mic.changed').map((event) => event.payload))
      .toEqual([
        {
          label: expect.stringContaining('Fake') as unknown,
          constraints: { deviceId: { ideal: firstId }, echoCancellation: true, noiseSuppression: false, autoGainControl: true },
        },
      ]);
    // The same session goes on: no new call was set up, and what the new microphone hears reaches the server.
    const startsAfterSwitch = speechStarts();
    await fake.received.waitFor('speech from the new microphone', () => speechStarts() > startsAfterSwitch, 20_000);
    expect(fake.received.http.filter((request) => request.path === '/v1/realtime/calls')).toHaveLength(calls);
    await expect(driver.phase).toHaveText('Connected');
    await expect.poll(() => readMeter(app, 'Microphone level'), { timeout: 15_000 }).toBeGreaterThan(30);
  });

  test('the device lists follow a microphone being unplugged and plugged in again', async ({ app }) => {
    // Chromium's fake devices never change, so unplugging is played by hiding one from enumerateDevices
    // and firing the devicechange event the browser fires when a device goes.
    await app.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const enumerate = devices.enumerateDevices.bind(devices);
      const unplugged = new Set<string>();
      (window as unknown as { __unplugged: Set<string> }).__unplugged = unplugged;
      devices.enumerateDevices = async () => (await enumerate()).filter((device) => !unplugged.has(device.label));
    });
    await app.reload();
    const plug = (label: string, present: boolean) =>
      app.evaluate(
        ([label, present]) => {
          const unplugged = (window as unknown as { __unplugged: Set<string> }).__unplugged;
          if (present) unplugged.delete(label);
          else unplugged.add(label);
          navigator.mediaDevices.dispatchEvent(new Event('devicechange'));
        },
        [label, present] as const,
      );
    await new AppDriver(app).openSettings();
    const microphone = app.getByLabel('Microphone', { exact: true });
    await microphone.selectOption({ label: 'Fake Audio Input 2' });
    await saveAudioSettings(app);

    await plug('Fake Audio Input 2', false);
    await expect(microphone.locator('option')).toHaveText(['System default', 'Fake Audio Input 1', 'Not connected (the default is used)']);
    await expect(microphone.locator('option:checked')).toHaveText('Not connected (the default is used)');
    await plug('Fake Audio Input 1', false);
    await expect(microphone.locator('option')).toHaveText(['System default', 'Not connected (the default is used)']);

    await plug('Fake Audio Input 2', true);
    await plug('Fake Audio Input 1', true);
    await expect(microphone.locator('option')).toHaveText(['System default', 'Fake Audio Input 1', 'Fake Audio Input 2']);
    await expect(microphone.locator('option:checked')).toHaveText('Fake Audio Input 2');
  });

  test('the input meter moves while the fake microphone speaks, even with push-to-talk up, and the output meter while the assistant speaks', async ({
    app,
  }) => {
    const driver = new AppDriver(app);
    const microphoneLevel = app.getByRole('meter', { name: 'Microphone level' });
    await expect(microphoneLevel).toHaveAttribute('aria-valuenow', '0');
    await driver.pickScenario('simpleHandoff');
    await app.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    // In push-to-talk with the key up nothing is sent, yet the meter shows what the microphone hears.
    await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
    await expect.poll(() => readMeter(app, 'Microphone level'), { timeout: 15_000 }).toBeGreaterThan(30);
    // Between the spoken sentences the fake microphone is silent, and the meter falls back.
    await expect.poll(() => readMeter(app, 'Microphone level'), { timeout: 15_000 }).toBeLessThan(5);

    await expect(app.getByRole('meter', { name: 'Assistant level' })).toHaveAttribute('aria-valuenow', '0');
    await driver.say('Hi');
    await expect(app.getByTestId('assistant-speaking')).toHaveClass(/activity-on/, { timeout: 15_000 });
    await expect.poll(() => readMeter(app, 'Assistant level'), { timeout: 15_000 }).toBeGreaterThan(20);

    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(microphoneLevel).toHaveAttribute('aria-valuenow', '0');
  });
});

test('the voice is chosen from the Realtime voices and the next session is minted with it', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  const voice = app.getByLabel('Voice', { exact: true });
  await expect(voice).toHaveValue('sage');
  await expect(voice.locator('option')).toHaveText([
    'alloy',
    'ash',
    'ballad',
    'coral',
    'echo',
    'sage',
    'shimmer',
    'verse',
    'marin',
    'cedar',
    'Custom voice id…',
  ]);
  await voice.selectOption('marin');
  await saveAudioSettings(app);
  await app.reload();
  await driver.openSettings();
  await expect(app.getByLabel('Voice', { exact: true })).toHaveValue('marin');
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  const minted = fake.received.http.find((request) => request.path === '/v1/realtime/client_secrets');
  expect(minted?.body).toMatchObject({ session: { audio: { output: { voice: 'marin' } } } });
});

test('a turn-detection value out of range is refused, naming the field, and nothing reaches the running session', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  const before = inputUpdates(fake).length;
  await driver.openSettings();
  await app.getByLabel('VAD threshold').fill('1.5');
  await app.getByRole('button', { name: 'Save audio settings' }).click();
  await expect(app.getByRole('status', { name: 'Audio settings state' })).toContainText('turnDetection.threshold: must be from 0 to 1');
  await expect(app.getByLabel('VAD threshold')).toHaveClass(/input-invalid/);
  await app.reload();
  await driver.openSettings();
  await expect(app.getByLabel('VAD threshold')).toHaveValue('0.5');
  expect(inputUpdates(fake)).toHaveLength(before);
});
