import { execFileSync, spawnSync } from 'node:child_process';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWavHeader } from '../../src-shared/wavFile';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { speechWav } from '../support/speechFiles';
import { startBuiltWebHost } from '../support/webHostProcess';

interface SavedSession {
  readonly log: string;
  readonly header: Record<string, unknown>;
  readonly events: { t: number; direction: string; type: string }[];
  readonly files: string[];
}

async function savedSession(dataDir: string): Promise<SavedSession> {
  const folder = join(dataDir, 'sessions');
  const files = await readdir(folder);
  const log = files.find((name) => name.endsWith('.jsonl'));
  if (!log) throw new Error(`no session log in ${folder}`);
  const lines = (await readFile(join(folder, log), 'utf8'))
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  const events = lines.filter((line) => line['record'] === undefined) as unknown as SavedSession['events'];
  return { log: join(folder, log), header: lines[0]!, events, files };
}

/** One channel's RMS amplitude between two times (seconds), as sox measures it. */
function rms(file: string, channel: 1 | 2, from = 0, seconds?: number): number {
  const trim = seconds === undefined ? ['trim', String(from)] : ['trim', String(from), String(seconds)];
  // sox prints its statistics on stderr.
  const { stderr } = spawnSync('sox', [file, '-n', 'remix', String(channel), ...trim, 'stat'], { encoding: 'utf8', timeout: 20_000 });
  return Number(/RMS\s+amplitude:\s+([\d.]+)/.exec(stderr)?.[1] ?? 'NaN');
}

/** When a channel (0 left, 1 right) first carries sound, in seconds from the file's start. */
async function firstSound(file: string, channel: 0 | 1): Promise<number> {
  const bytes = new Uint8Array(await readFile(file));
  const layout = parseWavHeader(bytes);
  if (typeof layout === 'string') throw new Error(`${file} ${layout}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + layout.dataOffset, layout.dataBytes);
  for (let offset = channel * 2; offset < layout.dataBytes; offset += 4) {
    if (Math.abs(view.getInt16(offset, true)) > 1_000) return offset / 4 / layout.sampleRate;
  }
  return Number.POSITIVE_INFINITY;
}

test.describe('session audio', () => {
  test.use({ micFile: speechWav('hello', 'Hello there, can you hear me?') });

  test('a spoken session is recorded beside its log as a 24 kHz stereo WAV: the user on the left, the assistant on the right, on the log clock', async ({
    app,
    webHost,
  }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await driver.connect();
    await expect(driver.userMessage('Hello there')).toBeVisible({ timeout: 30_000 });
    await expect(driver.assistantMessage('Brightwave Mobile')).toBeVisible();
    await expect
      .poll(async () => (await savedSession(webHost.dataDir)).events.some((event) => event.type === 'output_audio_buffer.stopped'))
      .toBe(true);
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(driver.phase).toHaveText('Not connected');
    await expect.poll(async () => (await savedSession(webHost.dataDir)).files.length).toBeGreaterThanOrEqual(2);

    const saved = await savedSession(webHost.dataDir);
    const wav = saved.log.replace(/\.jsonl$/, '.wav');
    expect(saved.header['audio']).toEqual({ file: wav.split('/').at(-1), sampleRate: 24_000, channels: 2, layout: ['microphone', 'assistant'] });
    const info = execFileSync('soxi', [wav], { encoding: 'utf8' });
    expect(info).toMatch(/Channels\s+: 2/);
    expect(info).toMatch(/Sample Rate\s+: 24000/);
    expect(info).toMatch(/Precision\s+: 16-bit/);

    // The assistant spoke between output_audio_buffer.started and .stopped (log times): that is where the right channel is loud.
    const started = saved.events.find((event) => event.direction === 'server' && event.type === 'output_audio_buffer.started')!.t / 1000;
    const stopped = saved.events.find((event) => event.direction === 'server' && event.type === 'output_audio_buffer.stopped')!.t / 1000;
    const speech = saved.events.find((event) => event.direction === 'server' && event.type === 'input_audio_buffer.speech_started')!.t / 1000;
    const assistantWhileSpeaking = rms(wav, 2, started + 0.1, stopped - started - 0.2);
    const assistantBefore = rms(wav, 2, 0, Math.max(0.1, speech));
    const userSpeaking = rms(wav, 1, speech, 1);
    expect(userSpeaking).toBeGreaterThan(0.01);
    expect(assistantWhileSpeaking).toBeGreaterThan(0.01);
    expect(assistantBefore).toBeLessThan(assistantWhileSpeaking / 10);
    // Aligned to the log's clock: the assistant's voice starts in the file where the log says it started playing.
    const onset = await firstSound(wav, 1);
    // Never before the event; after it by at most the way from the server to the loudspeaker (jitter buffer, decoding, the voice's own lead-in).
    expect(onset).toBeGreaterThan(started - 0.1);
    expect(onset).toBeLessThan(started + 0.5);

    await test.step('its replay draws the waveform and plays the audio with the replay clock', async () => {
      await driver.openSessions();
      await app.getByTestId('session-row').getByRole('button', { name: 'Open' }).click();
      const waveform = app.getByTestId('replay-waveform');
      await expect(waveform).toHaveAttribute('data-state', 'ready');
      // wavesurfer draws into canvases inside its own shadow root.
      await expect
        .poll(() => waveform.evaluate((element) => element.querySelector('div')?.shadowRoot?.querySelectorAll('canvas').length ?? 0))
        .toBeGreaterThan(0);
      const audio = app.getByTestId('replay-audio');
      // As long as the session: the recorder runs from the connection to the last chunk flushed after Disconnect.
      const duration = await audio.evaluate((element: HTMLAudioElement) => element.duration);
      expect(duration).toBeGreaterThan(stopped);
      expect(duration).toBeLessThan(saved.events.at(-1)!.t / 1000 + 1.5);
      await app.getByRole('button', { name: 'Play', exact: true }).click();
      await app.getByLabel('Replay speed').selectOption('2');
      await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(1);
      expect(await audio.evaluate((element: HTMLAudioElement) => ({ paused: element.paused, rate: element.playbackRate }))).toEqual({
        paused: false,
        rate: 2,
      });
      await app.getByRole('button', { name: 'Pause', exact: true }).click();
      expect(await audio.evaluate((element: HTMLAudioElement) => element.paused)).toBe(true);
    });
  });

  test('killing the host mid-session leaves a WAV that sox reads up to the last write, and its replay still draws and plays it', async ({
    app,
    webHost,
    workbenchBrowser,
  }) => {
    const driver = new AppDriver(app);
    await driver.pickScenario('chatSupervisor');
    await driver.connect();
    // The server heard the user: their speech is in the recording up to then.
    const speechStarted = async (): Promise<number | undefined> =>
      (await savedSession(webHost.dataDir)).events.find((event) => event.type === 'input_audio_buffer.speech_started')?.t;
    await expect.poll(speechStarted, { timeout: 30_000 }).toBeDefined();
    const heardAt = (await speechStarted())! / 1000;
    const { log } = await savedSession(webHost.dataDir);
    const wav = log.replace(/\.jsonl$/, '.wav');
    // A second of that speech and more than two seconds in all on disk (96,000 bytes a second), then no clean end at all.
    await expect.poll(async () => (await stat(wav)).size).toBeGreaterThan(44 + Math.max(2, heardAt + 1) * 96_000);
    await webHost.kill('SIGKILL');

    const { size } = await stat(wav);
    const samples = Number(/Duration\s+: [\d:.]+ = (\d+) samples/.exec(execFileSync('soxi', [wav], { encoding: 'utf8' }))?.[1]);
    const seconds = samples / 24_000;
    expect(seconds).toBeGreaterThan(2);
    // The header's sizes cover exactly what reached the disk: sox sees every byte of data (4 bytes a stereo frame), no more.
    expect(samples * 4).toBe(size - 44);
    expect(rms(wav, 1)).toBeGreaterThan(0.01);

    const host = await startBuiltWebHost({}, [log]);
    try {
      const page = await workbenchBrowser.newPage();
      await page.goto(host.url);
      await expect(page.getByText(/This session has no end record/)).toBeVisible();
      await expect(page.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
      const audio = page.getByTestId('replay-audio');
      expect(await audio.evaluate((element: HTMLAudioElement) => element.duration)).toBeCloseTo(seconds, 1);
      await page.getByRole('button', { name: 'Play', exact: true }).click();
      await expect.poll(() => audio.evaluate((element: HTMLAudioElement) => element.currentTime)).toBeGreaterThan(0.5);
    } finally {
      await host.stop();
    }
  });

  test('with "Record session audio" off, no WAV is written and the header says audio: null', async ({ app, webHost }) => {
    const driver = new AppDriver(app);
    await driver.openSettings();
    await app.getByRole('switch', { name: 'Record session audio' }).uncheck();
    await app.getByRole('button', { name: 'Save settings' }).click();
    await expect(app.getByText('Saved.')).toBeVisible();
    await app.getByRole('tab', { name: 'Transcript' }).click();
    await driver.pickScenario('chatSupervisor');
    await driver.connect();
    // The microphone was heard, so a recorder would have had audio to write.
    await expect
      .poll(async () => (await savedSession(webHost.dataDir)).events.some((event) => event.type === 'input_audio_buffer.speech_started'), {
        timeout: 30_000,
      })
      .toBe(true);
    await app.getByRole('button', { name: 'Disconnect' }).click();
    await expect(driver.phase).toHaveText('Not connected');
    await expect.poll(async () => (await readFile((await savedSession(webHost.dataDir)).log, 'utf8')).includes('"record":"footer"')).toBe(true);
    const saved = await savedSession(webHost.dataDir);
    expect(saved.header['audio']).toBeNull();
    expect(saved.files.filter((name) => name.endsWith('.wav'))).toEqual([]);
  });
});
