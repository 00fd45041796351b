import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../e2e/support/chromium';
import { browserTestsBlockedReason } from '../../../scripts/prerequisites.mjs';
import { SUPERVISOR_BILL_ANSWER } from '../../../e2e/fake-openai/defaultScript';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { serveHarnessPage } from './harnessPage';

const audioFolder = mkdtempSync(join(tmpdir(), 'fake-openai-mic-'));

/** A WAV for Chromium's fake microphone (it loops the file). */
function micWav(name: string, speech?: string): string {
  const path = join(audioFolder, `${name}.wav`);
  if (speech) {
    const raw = join(audioFolder, `${name}.raw.wav`);
    execFileSync('espeak-ng', ['-w', raw, speech]);
    execFileSync('sox', [raw, '-r', '48000', '-c', '1', '-b', '16', path, 'pad', '0.3', '8']);
  } else {
    execFileSync('sox', ['-n', '-r', '48000', '-c', '1', '-b', '16', path, 'trim', '0', '10']);
  }
  return path;
}

type Harness = Window['harness'];
let harnessPage: Awaited<ReturnType<typeof serveHarnessPage>>;
let fake: FakeOpenAI;
let browser: Browser | undefined;

async function openHarness(micFile: string): Promise<Page> {
  browser = await chromium.launch({ executablePath: chromiumPath, args: [...chromiumArgs, `--use-file-for-fake-audio-capture=${micFile}`] });
  const page = await browser.newPage();
  page.on('pageerror', (error) => console.error('harness page error:', error));
  await page.goto(harnessPage.url);
  await page.waitForFunction(() => 'harness' in window);
  return page;
}

async function connect(page: Page, onlyCodec?: string): Promise<{ callId: string | undefined }> {
  const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1` });
  const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } });
  return page.evaluate((options) => (window.harness as Harness).connect(options), {
    callsUrl: `${fake.baseUrl}/v1/realtime/calls`,
    clientSecret: secret.value,
    supervisorAnswer: SUPERVISOR_BILL_ANSWER,
    onlyCodec,
  });
}

async function summaryWhen(page: Page, what: string, condition: (summary: ReturnType<Harness['summary']>) => boolean, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const summary = await page.evaluate(() => (window.harness as Harness).summary());
    if (condition(summary)) return summary;
    if (Date.now() > deadline) throw new Error(`the page never showed ${what}: ${JSON.stringify(summary, null, 1)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const assistantTexts = (summary: ReturnType<Harness['summary']>) =>
  summary.history.flatMap((item) =>
    item.type === 'message' && item.role === 'assistant' && item.status === 'completed'
      ? [item.content.map((part) => ('transcript' in part ? (part.transcript ?? '') : '')).join('')]
      : [],
  );

const blocked = browserTestsBlockedReason();

if (blocked !== undefined) {
  describe('the WebRTC transport in Chromium, where its prerequisites are missing', () => {
    // Under CI on Linux, where Chromium is installed for the e2e, a skipped browser test is a hole, not a pass;
    // macOS and Windows runners run the integration tests without Debian's Chromium.
    if (process.env['CI'] === 'true' && process.platform === 'linux') {
      it(`fails under CI: ${blocked}`, () => {
        throw new Error(blocked);
      });
    } else {
      console.warn(`WebRTC tests in Chromium skipped: ${blocked}`);
      it.skip(`skipped: ${blocked}`, () => undefined);
    }
  });
}

describe.skipIf(blocked !== undefined)('the @openai/agents WebRTC transport in Chromium', () => {
  beforeAll(async () => {
    harnessPage = await serveHarnessPage();
  }, 120_000);
  afterAll(async () => {
    await harnessPage.close();
  });
  beforeEach(async () => {
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await browser?.close();
    browser = undefined;
    await fake.close();
  });

  it('connects through /v1/realtime/calls, has a text turn and a tool call, and receives real Opus audio', async () => {
    const page = await openHarness(micWav('silence'));
    const { callId } = await connect(page);
    const call = fake.received.http.find((request) => request.path.startsWith('/v1/realtime/calls'));
    expect(call?.status).toBe(201);
    expect(callId).toMatch(/^rtc_/);

    await page.evaluate(() => (window.harness as Harness).sendMessage('Hi there'));
    await summaryWhen(page, 'the greeting', (summary) => assistantTexts(summary).length === 1);

    await page.evaluate(() => (window.harness as Harness).sendMessage('What was my last bill?'));
    const summary = await summaryWhen(page, "the supervisor's answer", (current) => assistantTexts(current).includes(SUPERVISOR_BILL_ANSWER));
    expect(assistantTexts(summary)).toEqual([
      "Hi, you've reached Brightwave Mobile, how can I help?",
      'Let me check that for you.',
      SUPERVISOR_BILL_ANSWER,
    ]);
    expect(summary.toolCalls).toHaveLength(1);
    expect(JSON.parse(summary.toolCalls[0]!)).toHaveProperty('relevantContextFromLastUserMessage');
    expect(summary.errors).toEqual([]);

    await summaryWhen(
      page,
      'the audio buffer draining',
      (current) => current.transportEvents.filter((type) => type === 'output_audio_buffer.stopped').length >= 3,
    );
    const audio = await page.evaluate(() => (window.harness as Harness).inboundAudio());
    expect(audio.codec).toBe('audio/opus');
    expect(audio.packetsReceived).toBeGreaterThan(50); // more than a second of 20 ms frames
    expect(audio.totalAudioEnergy).toBeGreaterThan(0);
    await page.evaluate(() => (window.harness as Harness).close());
  }, 60_000);

  it('hears the microphone: Opus from the mic track is decoded, the VAD finds the turn, and the model answers', async () => {
    fake.setScript({
      audioTranscripts: ['What was my last bill?'],
      agents: { chat: { instructionsInclude: 'Brightwave' } },
      realtime: [{ agent: 'chat', userSaid: 'bill', say: 'Fifty dollars.' }],
    });
    const page = await openHarness(micWav('question', 'What was my last bill'));
    await connect(page);
    const summary = await summaryWhen(page, 'the answer to the spoken question', (current) => assistantTexts(current).includes('Fifty dollars.'));
    const user = summary.history.find((item) => item.type === 'message' && item.role === 'user');
    expect(user).toMatchObject({ content: [{ type: 'input_audio', transcript: 'What was my last bill?' }] });
    expect(summary.transportEvents).toContain('input_audio_buffer.speech_started');
    expect(summary.errors).toEqual([]);
    await page.evaluate(() => (window.harness as Harness).close());
  }, 60_000);

  it('interrupts: the SDK clears the output buffer, and the fake stops its audio without an error', async () => {
    fake.setScript({ realtime: [{ say: 'This answer is long enough to be interrupted while it plays. '.repeat(4) }] });
    const page = await openHarness(micWav('silence'));
    await connect(page);
    await page.evaluate(() => (window.harness as Harness).sendMessage('Talk to me'));
    await summaryWhen(page, 'audio starting to play', (summary) => summary.transportEvents.includes('output_audio_buffer.started'));
    await page.evaluate(() => (window.harness as Harness).interrupt());
    await fake.received.waitFor('output_audio_buffer.cleared', () => fake.received.sentEvents('output_audio_buffer.cleared').length === 1);
    expect(fake.received.clientEvents('output_audio_buffer.clear')).toHaveLength(1);
    const summary = await page.evaluate(() => (window.harness as Harness).summary());
    expect(summary.errors).toEqual([]);
    // Cleared, not drained: the fake never reports the buffer as played to the end.
    expect(fake.received.sentEvents('output_audio_buffer.stopped')).toEqual([]);
    await page.evaluate(() => (window.harness as Harness).close());
  }, 60_000);

  it('sends G.711 µ-law RTP when the offer negotiates only PCMU', async () => {
    const page = await openHarness(micWav('silence'));
    await connect(page, 'audio/PCMU');
    await page.evaluate(() => (window.harness as Harness).sendMessage('Hi there'));
    await summaryWhen(page, 'the greeting played out', (summary) => summary.transportEvents.includes('output_audio_buffer.stopped'));
    const audio = await page.evaluate(() => (window.harness as Harness).inboundAudio());
    expect(audio.codec).toBe('audio/PCMU');
    expect(audio.packetsReceived).toBeGreaterThan(50);
    expect(audio.totalAudioEnergy).toBeGreaterThan(0);
    await page.evaluate(() => (window.harness as Harness).close());
  }, 60_000);

  it('drops the data channel mid-response when the fault says so, and the SDK sees the disconnect', async () => {
    fake.faults.set([{ route: 'realtime', dropMidResponse: true, times: 1 }]);
    const page = await openHarness(micWav('silence'));
    await connect(page);
    await page.evaluate(() => (window.harness as Harness).sendMessage('Hi there'));
    const summary = await summaryWhen(page, 'the disconnect', (current) => current.connectionChanges.includes('disconnected'));
    expect(summary.transportEvents).toContain('response.created');
    expect(summary.transportEvents).not.toContain('response.done');
  }, 60_000);
});
