import { once } from 'node:events';
import OpenAI from 'openai';
import { chromium, type Browser, type Page } from 'playwright-core';
import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { chromiumArgs, chromiumPath } from '../../../e2e/support/chromium';
import { silenceWav } from '../../../e2e/support/speechFiles';
import { browserTestsBlockedReason } from '../../../scripts/prerequisites.mjs';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { chatAgent, connectOverWebSocket } from './agentsSdk';
import { serveHarnessPage } from './harnessPage';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

/** 1,500 words: one `response.output_text.delta` each, streamed with no pause between them. */
const DELTAS = 1_500;
const words = Array.from({ length: DELTAS }, (_, index) => `w${index} `);
const LONG_REPLY = words.join('');
const TEXT_RESPONSE = { type: 'response.create', response: { output_modalities: ['text'] } } as const;

let fake: FakeOpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI({ speech: 'tone', deltaIntervalMs: 0, script: { realtime: [{ say: LONG_REPLY }] } });
});
afterEach(async () => {
  await fake.close();
});

describe('a 1,500-delta text reply at delta interval 0 over WebSocket', () => {
  it('reaches the @openai/agents client whole and in order, and the response completes', async () => {
    const { session, errors } = await connectOverWebSocket(fake, chatAgent('unused'));
    const deltas: string[] = [];
    const done = new Promise<{ status?: string }>((resolve) => {
      session.on('transport_event', (event) => {
        if (event.type === 'response.output_text.delta') deltas.push(event['delta'] as string);
        if (event.type === 'response.done') resolve(event['response'] as { status?: string });
      });
    });
    session.transport.sendEvent(TEXT_RESPONSE);
    const response = await done;
    expect(deltas).toHaveLength(DELTAS);
    expect(deltas).toEqual(words);
    expect(response.status).toBe('completed');
    expect(errors).toEqual([]);
    session.close();
  }, 60_000);
});

describe('a client that stops reading', () => {
  /** How many deltas the fake has emitted once that number stops growing. */
  async function sentDeltasOnceSettled(): Promise<number> {
    let last = -1;
    for (;;) {
      const now = fake.received.sentEvents('response.output_text.delta').length;
      if (now === last) return now;
      last = now;
      await new Promise((resolve) => setTimeout(resolve, 750));
    }
  }

  it('holds the stream while the socket is full, then delivers the rest whole and in order once it reads again', async () => {
    // 2,000 deltas of 4 KB: 8 MB, more than the kernel's socket buffers hold for a reader that has stopped.
    const bigWords = Array.from({ length: 2_000 }, (_, index) => `${String(index).padStart(4, '0')}${'x'.repeat(4_000)} `);
    fake.setScript({ realtime: [{ say: bigWords.join('') }] });
    const ws = new WebSocket(`${fake.baseUrl.replace('http', 'ws')}/v1/realtime?model=gpt-realtime`, {
      headers: { Authorization: 'Bearer sk-test' },
    });
    const deltas: string[] = [];
    const done = new Promise<string>((resolve) => {
      ws.on('message', (data) => {
        const event = JSON.parse(data.toString()) as { type: string; delta?: string; response?: { status: string } };
        if (event.type === 'response.output_text.delta') deltas.push(event.delta ?? '');
        if (event.type === 'response.done') resolve(event.response?.status ?? '');
      });
    });
    await once(ws, 'open');
    ws.send(JSON.stringify(TEXT_RESPONSE));
    ws.pause();

    const emittedWhilePaused = await sentDeltasOnceSettled();
    expect(emittedWhilePaused).toBeGreaterThan(0);
    expect(emittedWhilePaused).toBeLessThan(bigWords.length);

    ws.resume();
    expect(await done).toBe('completed');
    expect(deltas).toEqual(bigWords);
    ws.close();
  }, 60_000);
});

/** What the page's data channel received, in order: every server event's type, and each text delta. */
interface Received {
  types: string[];
  deltas: string[];
}

declare global {
  interface Window {
    received: Received;
    eventsChannel: RTCDataChannel | undefined;
  }
}

const blocked = browserTestsBlockedReason();

describe.skipIf(blocked !== undefined)('a 1,500-delta text reply at delta interval 0 over WebRTC, to the SDK in Chromium', () => {
  let harnessPage: Awaited<ReturnType<typeof serveHarnessPage>>;
  let browser: Browser | undefined;

  beforeAll(async () => {
    harnessPage = await serveHarnessPage();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await harnessPage.close();
  });

  async function openConnectedHarness(): Promise<Page> {
    // A silent microphone: Chromium's default beep would start server-VAD turns that cut the reply short.
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [...chromiumArgs, `--use-file-for-fake-audio-capture=${silenceWav()}`],
    });
    const page = await browser.newPage();
    page.on('pageerror', (error) => console.error('harness page error:', error));
    // Listens on the SDK's own `oai-events` channel beside it, so the test sees exactly what arrived and in what order.
    await page.addInitScript(() => {
      window.received = { types: [], deltas: [] };
      const create = RTCPeerConnection.prototype.createDataChannel;
      RTCPeerConnection.prototype.createDataChannel = function (this: RTCPeerConnection, ...args: Parameters<typeof create>) {
        const channel = create.apply(this, args);
        window.eventsChannel = channel;
        channel.addEventListener('message', (message: MessageEvent<string>) => {
          const event = JSON.parse(message.data) as { type: string; delta?: string };
          window.received.types.push(event.type);
          if (event.type === 'response.output_text.delta') window.received.deltas.push(event.delta ?? '');
        });
        return channel;
      };
    });
    await page.goto(harnessPage.url);
    await page.waitForFunction(() => 'harness' in window);
    const openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1` });
    const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime', model: 'gpt-realtime' } });
    await page.evaluate((options) => window.harness.connect(options), {
      callsUrl: `${fake.baseUrl}/v1/realtime/calls`,
      clientSecret: secret.value,
      supervisorAnswer: 'unused',
    });
    return page;
  }

  it('reaches the @openai/agents client whole and in order, and the response completes', async () => {
    const page = await openConnectedHarness();
    // The harness's session answers in audio; a text reply is asked for on the SDK's own channel, as its sendEvent would.
    await page.evaluate((event) => window.eventsChannel?.send(JSON.stringify(event)), TEXT_RESPONSE);
    await page.waitForFunction(() => window.received.types.includes('response.done'), undefined, { timeout: 60_000 });

    const received = await page.evaluate(() => window.received);
    expect(received.deltas).toHaveLength(DELTAS);
    expect(received.deltas).toEqual(words);
    const responseEvents = received.types.slice(received.types.indexOf('response.created'));
    expect(responseEvents.filter((type) => type === 'response.output_text.delta')).toHaveLength(DELTAS);
    expect(responseEvents.slice(DELTAS + 4)).toEqual([
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'conversation.item.done',
      'response.done',
    ]);
    const summary = await page.evaluate(() => window.harness.summary());
    expect(summary.transportEvents.filter((type) => type === 'response.output_text.delta')).toHaveLength(DELTAS);
    expect(summary.history.at(-1)).toMatchObject({ role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: LONG_REPLY }] });
    expect(summary.errors).toEqual([]);
    await page.evaluate(() => window.harness.close());
  }, 90_000);
});
