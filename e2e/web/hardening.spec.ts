import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

/** Counts the microphone tracks the page opened that are still live (a track left live is an orphaned microphone). */
async function trackMicrophone(app: Page): Promise<() => Promise<{ opened: number; live: number }>> {
  await app.addInitScript(() => {
    const devices = navigator.mediaDevices;
    const original = devices.getUserMedia.bind(devices);
    const opened: MediaStreamTrack[] = [];
    (window as unknown as { __micTracks: MediaStreamTrack[] }).__micTracks = opened;
    devices.getUserMedia = async (constraints) => {
      const stream = await original(constraints);
      opened.push(...stream.getTracks());
      return stream;
    };
  });
  await app.reload();
  return () =>
    app.evaluate(() => {
      const tracks = (window as unknown as { __micTracks: MediaStreamTrack[] }).__micTracks;
      return { opened: tracks.length, live: tracks.filter((track) => track.readyState === 'live').length };
    });
}

test('Cancel while minting is slow leaves no session and the microphone off, three times in a row', async ({ app, fake }) => {
  const microphone = await trackMicrophone(app);
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  fake.faults.set([{ route: 'client_secrets', latencyMs: 2_000 }]);
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await app.getByRole('button', { name: 'Connect' }).click();
    await expect(driver.phase).toHaveText('Minting a session secret…');
    await app.getByRole('button', { name: 'Cancel' }).click();
    await expect(driver.phase).toHaveText('Not connected');
  }
  // The three slow mints answer after they were cancelled; none of them may go on to a session. Nothing
  // announces "nothing happened", so wait out the injected latency.
  await app.waitForTimeout(3_000);
  expect(fake.received.http.filter((request) => request.path === '/v1/realtime/calls')).toHaveLength(0);
  await expect(driver.phase).toHaveText('Not connected');
  await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
  expect(await microphone()).toEqual({ opened: 0, live: 0 });

  // And the app is not stuck: a normal connect works.
  fake.faults.clear();
  await driver.connect();
  expect((await microphone()).live).toBe(1);
});

test('Cancel while the WebRTC call is being set up releases the microphone it had opened', async ({ app, fake }) => {
  const microphone = await trackMicrophone(app);
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  fake.faults.set([{ route: 'calls', latencyMs: 2_000 }]);
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toHaveText('Connecting over WebRTC…');
  await expect.poll(async () => (await microphone()).opened).toBe(1);
  await app.getByRole('button', { name: 'Cancel' }).click();
  await expect(driver.phase).toHaveText('Not connected');
  await app.waitForTimeout(3_000);
  await expect(driver.phase).toHaveText('Not connected');
  expect(await microphone()).toEqual({ opened: 1, live: 0 });
});

test('killing the host mid-session: an alert within 5 s, the session stopped, the microphone released, the transcript kept, Reload offered', async ({
  app,
  webHost,
}) => {
  const microphone = await trackMicrophone(app);
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  expect((await microphone()).live).toBe(1);

  await webHost.kill('SIGKILL');

  const alert = app.getByTestId('host-lost');
  await expect(alert).toBeVisible({ timeout: 5_000 });
  await expect(alert).toHaveAttribute('role', 'alert');
  await expect(alert).toContainText('The workbench host is unreachable');
  await expect(alert).toContainText(/Retrying every few seconds \(attempt \d+/);
  await expect(alert.getByRole('button', { name: 'Reload' })).toBeVisible();
  await expect(driver.phase).toContainText('the live session was stopped and the microphone released');
  await expect(app.getByTestId('mic-state')).toHaveText('○ Mic off');
  expect((await microphone()).live).toBe(0);
  await expect(driver.userMessage('Hello')).toBeVisible();
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
});

test('connecting again keeps the transcript and gives the new session the earlier messages, so the agent carries on', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');
  const firstSession = fake.received.realtime.at(-1)!.sessionId;

  await driver.connect();
  await expect(driver.userMessage('Hello')).toBeVisible();
  await expect(driver.assistantMessage('Would you like a haiku?')).toHaveCount(1);
  await expect(app.getByText('Reconnected: a new session, given the 2 earlier messages so the agent carries on.')).toBeVisible();
  const seeded = fake.received.realtime.filter(
    (entry) => entry.sessionId !== firstSession && typeof entry.event === 'object' && entry.event.type === 'conversation.item.create',
  );
  expect(seeded.map((entry) => (entry.event as { item: { role: string; content: { text: string }[] } }).item)).toEqual([
    expect.objectContaining({ role: 'user', content: [{ type: 'input_text', text: 'Hello' }] }),
    expect.objectContaining({ role: 'assistant', content: [{ type: 'output_text', text: expect.stringContaining('Would you like a haiku?') }] }),
  ]);

  await driver.say('Yes, I would love a haiku about the moon.');
  await expect(app.getByTestId('handoff')).toHaveText('greeter → haikuWriter');
});

test('New conversation starts over without the earlier messages, at once while connected, keeping the tool modes', async ({ app, fake }) => {
  const driver = new AppDriver(app);
  const newConversation = app.getByRole('button', { name: 'New conversation' });
  await expect(newConversation).toBeDisabled();
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await app.getByRole('tab', { name: /^Tools/ }).click();
  await app.getByLabel('Mode of getNextResponseFromSupervisor').selectOption('ask');
  await driver.say('Hello');
  await expect(driver.assistantMessage(/./).first()).toBeVisible();
  const sessionsBefore = new Set(fake.received.realtime.map((entry) => entry.sessionId)).size;
  const isSeed = (entry: (typeof fake.received.realtime)[number]) =>
    typeof entry.event === 'object' && entry.event.type === 'conversation.item.create' && String(JSON.stringify(entry.event)).includes('wbseed_');

  // While connected: the session ends and a fresh one starts at once, given nothing of the conversation before.
  await newConversation.click();
  await expect(driver.phase).toHaveText('Connected');
  await expect.poll(() => new Set(fake.received.realtime.map((entry) => entry.sessionId)).size).toBe(sessionsBefore + 1);
  await expect(driver.userMessage('Hello')).toHaveCount(0);
  await expect(app.getByText(/Reconnected: a new session/)).toHaveCount(0);
  expect(fake.received.realtime.filter(isSeed)).toEqual([]);
  // The tool modes set before carry on.
  await expect(app.getByLabel('Mode of getNextResponseFromSupervisor')).toHaveValue('ask');

  // After Disconnect: the transcript clears at once, and the next Connect starts fresh too.
  await driver.say('Hello again');
  await expect(driver.userMessage('Hello again')).toBeVisible();
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await newConversation.click();
  await expect(driver.userMessage('Hello again')).toHaveCount(0);
  await expect(newConversation).toBeDisabled();
  await driver.connect();
  await expect(driver.phase).toHaveText('Connected');
  await expect(driver.userMessage('Hello again')).toHaveCount(0);
  expect(fake.received.realtime.filter(isSeed)).toEqual([]);
  // Every conversation stays in the library.
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await driver.openSessions();
  await expect(app.getByTestId('session-row')).toHaveCount(3);
});

test('two assistant messages with the same text each get their own guardrail verdict', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await driver.say('Hello');
  await expect(driver.assistantMessage('Would you like a haiku?').getByTestId('guardrail-verdict')).toHaveText('guardrail: pass');
  await driver.say('Hello again');
  const replies = driver.assistantMessage('Would you like a haiku?');
  await expect(replies).toHaveCount(2);
  await expect(replies.nth(0).getByTestId('guardrail-verdict')).toHaveText('guardrail: pass');
  await expect(replies.nth(1).getByTestId('guardrail-verdict')).toHaveText('guardrail: pass');
  const events = await driver.events();
  const verdictItems = events.filter((event) => event.type === 'guardrail.verdict').map((event) => event.payload['itemId']);
  const assistantItems = events
    .filter((event) => event.type === 'conversation.item.done' && (event.payload['item'] as { role?: string }).role === 'assistant')
    .map((event) => (event.payload['item'] as { id: string }).id);
  expect(verdictItems).toEqual(assistantItems);
  expect(new Set(verdictItems).size).toBe(2);
});

test('the sample opened at start never covers a session the user connected before the host answered', async ({ workbenchBrowser, webHost }) => {
  const context = await workbenchBrowser.newContext({ viewport: { width: 1400, height: 900 } });
  const app = await context.newPage();
  // Hold the host's answer to sessions:startup (which names the bundled sample on a first run) until after Connect.
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  let delivered = false;
  await app.routeWebSocket(/^wss?:\/\/127\.0\.0\.1/, (page) => {
    const host = page.connectToServer();
    const startupIds = new Set<unknown>();
    page.onMessage((message) => {
      const invoke = JSON.parse(String(message)) as { channel?: string; id?: unknown };
      if (invoke.channel === 'sessions:startup') startupIds.add(invoke.id);
      host.send(message);
    });
    host.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { id?: unknown };
      if (!startupIds.has(answer.id)) return page.send(message);
      void held.then(() => {
        page.send(message);
        delivered = true;
      });
    });
  });
  await app.goto(webHost.url);
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  await expect(app.getByTestId('replay-title')).toHaveCount(0);

  release();
  await expect.poll(() => delivered).toBe(true);
  // The answer is in and handled (a replay would show within a frame or two); the live session stays on screen.
  await app.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await expect(app.getByTestId('replay-title')).toHaveCount(0);
  await driver.say('Hello');
  await expect(driver.assistantMessage('Would you like a haiku?')).toBeVisible();
  await context.close();
});

test('a dropped connection ends the session in main too: the supervisor answer paused for a decision is dropped there', async ({
  workbenchBrowser,
  webHost,
  fake,
}) => {
  const context = await workbenchBrowser.newContext({ viewport: { width: 1400, height: 900 } });
  const app = await context.newPage();
  // What main answers the page's session:end: how many server-side calls and paused answers it stopped.
  const endAnswers: string[] = [];
  await app.routeWebSocket(/^wss?:\/\/127\.0\.0\.1/, (page) => {
    const host = page.connectToServer();
    const endIds = new Set<unknown>();
    page.onMessage((message) => {
      const invoke = JSON.parse(String(message)) as { channel?: string; id?: unknown };
      if (invoke.channel === 'session:end') endIds.add(invoke.id);
      host.send(message);
    });
    host.onMessage((message) => {
      const answer = JSON.parse(String(message)) as { id?: unknown };
      if (endIds.has(answer.id)) endAnswers.push(String(message));
      page.send(message);
    });
  });
  await app.goto(webHost.url);
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await app.getByRole('tab', { name: /^Tools/ }).click();
  await app.getByRole('region', { name: 'Supervisor model' }).getByLabel('Mode of getUserAccountInfo').selectOption('ask');
  await driver.say('What is my account balance?');
  await expect(app.getByRole('region', { name: 'Waiting call of getUserAccountInfo' })).toBeVisible();

  fake.faults.set([{ route: 'realtime', dropMidResponse: true }]);
  await driver.say('Hello');
  await expect(driver.phase).toHaveText('The connection to the Realtime API dropped. Connect again to continue; the transcript is kept.', {
    timeout: 40_000,
  });
  await expect(app.getByTestId('tools-decision').first()).toContainText('Abandoned: the session ended before a decision');
  await expect.poll(() => endAnswers.length).toBe(1);
  expect(endAnswers[0]).toContain('"cancelled":1');
  await context.close();
});
