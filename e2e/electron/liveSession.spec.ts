import { CUSTOMER_PHONE } from '../fake-openai/defaultScript';
import { ENV_API_KEY, electronMissing, expect, test } from '../support/electronApp';
import { sessionLogLines } from '../support/sessionLogFile';

test.skip(electronMissing !== undefined, electronMissing ?? '');

const CALLER = 'My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.';
const ORDER_FOUND = /I found your recent order of the Drift 154/;

test('Connect, a typed turn that calls a tool and hands off, its transcript, and the session log main saved in userData', async ({
  desktop,
  fake,
}) => {
  const { page, driver } = desktop;
  await driver.pickScenario('customerServiceRetail');
  await driver.connect();
  // The page talks to the fake over WebRTC: the app minted a client secret with the key and opened a call.
  await fake.received.waitFor('a session.update over the call', () => fake.received.clientEvents('session.update').length > 0);

  await driver.say(CALLER);
  await expect(driver.userMessage(CALLER)).toBeVisible();
  await expect(driver.toolCall('authenticate_user_information')).toContainText('done');
  await expect(page.getByTestId('handoff')).toHaveText('authentication → returns');
  await expect(page.getByLabel('Agent', { exact: true })).toHaveValue('returns');
  await expect(driver.toolCall('lookupOrders')).toContainText('done');
  await expect(driver.assistantMessage(ORDER_FOUND)).toBeVisible();
  await expect(page.getByTestId('transcript').getByText('streaming', { exact: true })).toHaveCount(0);

  // While the session runs, main is already writing its log to the sessions folder in userData.
  await expect.poll(async () => (await sessionLogLines(desktop.userData))[0]?.['record']).toBe('header');

  await page.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');

  await expect.poll(async () => (await sessionLogLines(desktop.userData)).at(-1)?.['record']).toBe('footer');
  const lines = await sessionLogLines(desktop.userData);
  const [header] = lines;
  expect(header).toMatchObject({ record: 'header', format: 'voice-agent-workbench/session-log', scenario: { id: 'customerServiceRetail' } });
  expect(lines.at(-1)).toMatchObject({ record: 'footer', reason: 'user', eventCount: lines.length - 2 });
  const events = lines.slice(1, -1);
  // Events in the order they happened, each with its direction.
  const seqs = events.map((event) => event.seq!);
  expect(seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!)).toBe(true);
  expect([...new Set(events.map((event) => event.direction))]).toEqual(expect.arrayContaining(['app', 'client', 'server']));

  const typed = events.find((event) => event.type === 'conversation.item.create' && JSON.stringify(event.payload).includes(CALLER));
  expect(typed?.direction).toBe('client');
  const toolCall = events.find(
    (event) => event.type === 'response.function_call_arguments.done' && event.payload?.['name'] === 'authenticate_user_information',
  );
  expect(toolCall?.direction).toBe('server');
  expect(String(toolCall?.payload?.['arguments'])).toContain(CUSTOMER_PHONE);
  const handoff = events.find((event) => event.type === 'agent.changed');
  expect(handoff).toMatchObject({ direction: 'app', payload: { from: 'authentication', to: 'returns', reason: 'handoff' } });
  expect(handoff!.seq!).toBeGreaterThan(toolCall!.seq!);
  expect(events.some((event) => event.type === 'response.output_audio_transcript.done' && ORDER_FOUND.test(JSON.stringify(event.payload)))).toBe(
    true,
  );

  // No secret reaches the disk: neither the key nor a minted client secret.
  const text = lines.map((line) => JSON.stringify(line)).join('\n');
  expect(text).not.toContain(ENV_API_KEY);
  expect(text).not.toMatch(/ek_[A-Za-z0-9]{6,}/);
});
