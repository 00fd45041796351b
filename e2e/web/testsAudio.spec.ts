import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultScript } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';

/** What the fake's transcription says the tests file's WAV said (it "hears" only once its VAD has heard speech). */
const HEARD = 'Could you write me a haiku about the moon?';
const SPOKEN = 'asks for a haiku out loud';
const NOT_AUDIO = 'plays a file that is not audio';
const VOICE = 'a voice caller gets a haiku';
/** What the fake hears in the second audio turn of a session, the one that barges in. */
const BARGE_IN = 'Stop, write me a haiku instead.';
const INTERRUPTS = 'interrupts the haiku out loud';

function testRow(app: Page, name: string) {
  return app.getByTestId('test-row').filter({ has: app.locator('.test-name', { hasText: name }) });
}

/** Writes a tests file into the user scenario folder and shows it in the Tests panel for Simple handoff. */
async function showTests(app: Page, dataDir: string, name: string, tests: unknown[]): Promise<AppDriver> {
  const folder = join(dataDir, 'agent-configs');
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, name), JSON.stringify({ scenario: 'simpleHandoff', tests }, null, 2));
  const driver = new AppDriver(app);
  await app.getByRole('button', { name: 'Close replay' }).click();
  await driver.pickScenario('simpleHandoff');
  await app.getByRole('tab', { name: 'Tests' }).click();
  await expect(app.getByRole('region', { name })).toBeVisible();
  return driver;
}

test.describe('an audio turn in the Tests panel', () => {
  test.use({ script: { ...defaultScript(), audioTranscripts: [HEARD, BARGE_IN] } });

  test('plays its WAV into the session’s microphone, where the server’s turn detection hears it, and checks the answer; a file that is not audio fails the run naming it', async ({
    app,
    webHost,
  }) => {
    // The audio files are there before the panel lists the tests file (a missing one is a fault of the file).
    const folder = join(webHost.dataDir, 'agent-configs');
    await mkdir(join(folder, 'audio'), { recursive: true });
    await copyFile(speechWav('tests-haiku', HEARD, 1), join(folder, 'audio', 'haiku.wav'));
    await writeFile(join(folder, 'audio', 'notes.wav'), 'Words, not audio.');
    const driver = await showTests(app, webHost.dataDir, 'speech.tests.json', [
      { name: SPOKEN, turns: [{ audio: 'audio/haiku.wav', expect: { handoffTo: 'haikuWriter', replyIncludes: 'the pond holds the moon' } }] },
      { name: NOT_AUDIO, turns: [{ audio: 'audio/notes.wav' }] },
    ]);

    await testRow(app, SPOKEN).getByRole('button', { name: 'Run', exact: true }).click();
    await expect(app.locator('.tests-panel').getByRole('status')).toContainText(`Running turn 1 of 1 of “${SPOKEN}”…`);
    // The server heard speech and transcribed it: the user's turn shows in the transcript as it happens.
    await expect(driver.userMessage(HEARD)).toBeVisible({ timeout: 30_000 });
    const row = testRow(app, SPOKEN);
    await expect(row.getByTestId('test-pass-rate')).toContainText('test passed 1 of 1 run passed', { timeout: 30_000 });
    await expect(row.getByTestId('test-expectation').filter({ hasText: 'handoffTo' })).toContainText('✔');
    await expect(row.getByTestId('test-expectation').filter({ hasText: 'replyIncludes' })).toContainText('✔');
    await expect(row.getByTestId('test-run')).toContainText(`Turn 1 “${HEARD}”`);
    await app.locator('.tests-panel').screenshot({ path: test.info().outputPath('tests-audio-light.png') });
    // It was the server's turn detection that heard the turn in the microphone audio, before the user's item came.
    await app.getByRole('tab', { name: 'Events' }).click();
    const types = await driver.eventTypes();
    expect(types.indexOf('input_audio_buffer.speech_started')).toBeGreaterThan(-1);
    expect(types.indexOf('input_audio_buffer.speech_stopped')).toBeGreaterThan(types.indexOf('input_audio_buffer.speech_started'));
    expect(types.indexOf('conversation.item.input_audio_transcription.completed')).toBeGreaterThan(
      types.indexOf('input_audio_buffer.speech_stopped'),
    );
    await app.getByRole('tab', { name: 'Tests' }).click();

    await testRow(app, NOT_AUDIO).getByRole('button', { name: 'Run', exact: true }).click();
    const failed = testRow(app, NOT_AUDIO);
    await expect(failed.getByRole('alert')).toContainText(
      `The audio file ${join(folder, 'audio', 'notes.wav')} is not a WAV file (no RIFF/WAVE header).`,
      { timeout: 30_000 },
    );
    await expect(failed.getByTestId('test-pass-rate')).toContainText('test failed 0 of 1 run passed');
    await expect(app.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  });

  test('barges in: an audio turn with interruptAfterMs plays while the assistant is speaking, and is answered', async ({ app, webHost }) => {
    const folder = join(webHost.dataDir, 'agent-configs');
    await mkdir(join(folder, 'audio'), { recursive: true });
    await copyFile(speechWav('tests-haiku', HEARD, 1), join(folder, 'audio', 'haiku.wav'));
    await copyFile(speechWav('tests-barge-in', BARGE_IN, 1), join(folder, 'audio', 'stop.wav'));
    const driver = await showTests(app, webHost.dataDir, 'bargein.tests.json', [
      {
        name: INTERRUPTS,
        turns: [
          { audio: 'audio/haiku.wav', expect: { handoffTo: 'haikuWriter' } },
          { audio: 'audio/stop.wav', interruptAfterMs: 300, expect: { replyIncludes: 'the pond holds the moon' } },
        ],
      },
    ]);
    await testRow(app, INTERRUPTS).getByRole('button', { name: 'Run', exact: true }).click();
    await expect(driver.userMessage(BARGE_IN)).toBeVisible({ timeout: 30_000 });
    const row = testRow(app, INTERRUPTS);
    await expect(row.getByTestId('test-pass-rate')).toContainText('test passed 1 of 1 run passed', { timeout: 30_000 });
    await expect(row.getByTestId('test-run')).toContainText(`Turn 2 “${BARGE_IN}”`);
    // The interruption was heard while the haiku was being spoken: between its audio starting and stopping.
    await app.getByRole('tab', { name: 'Events' }).click();
    const types = await driver.eventTypes();
    const speechStarts = types.flatMap((type, at) => (type === 'input_audio_buffer.speech_started' ? [at] : []));
    expect(speechStarts).toHaveLength(2);
    const speaking = types.indexOf('output_audio_buffer.started');
    const stopped = types.indexOf('output_audio_buffer.stopped', speaking);
    expect(speaking).toBeGreaterThan(speechStarts[0]!);
    expect(speechStarts[1]!).toBeGreaterThan(speaking);
    if (stopped !== -1) expect(speechStarts[1]!).toBeLessThan(stopped);
  });
});

test('a voice caller’s lines are spoken with the Speech API and played into the microphone until it is done', async ({ app, webHost, fake }) => {
  const driver = await showTests(app, webHost.dataDir, 'voice.tests.json', [
    {
      name: VOICE,
      caller: { persona: 'impatient', goal: 'Get a haiku about the moon.', success: 'The assistant wrote a haiku.', maxTurns: 3, voice: true },
    },
  ]);
  await testRow(app, VOICE).getByRole('button', { name: 'Run', exact: true }).click();
  await expect(app.locator('.tests-panel').getByRole('status')).toContainText(`Running turn 1 of 3 of “${VOICE}”…`, { timeout: 30_000 });
  // The fake hears the line it spoke when that audio comes back through its turn detection.
  await expect(driver.userMessage('Could you write me a haiku?')).toBeVisible({ timeout: 30_000 });
  const row = testRow(app, VOICE);
  await expect(row.getByTestId('test-pass-rate')).toContainText('test passed 1 of 1 run passed', { timeout: 60_000 });
  await expect(row.getByTestId('test-run')).toContainText('the caller was done');
  await expect(row.getByTestId('test-run')).toContainText('the pond holds the moon');
  await expect(row.getByTestId('test-expectation').filter({ hasText: 'judge' })).toContainText('✔');
  const spoken = fake.received.http.filter((entry) => entry.path === '/v1/audio/speech');
  expect(spoken.map((entry) => (entry.body as { input?: string }).input)).toEqual(['Could you write me a haiku?']);
});
