import { CUSTOMER_PHONE, HAIKU, SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

test('chatSupervisor: an account question goes to the supervisor, whose tool loop runs, and the answer is spoken and shown', async ({
  app,
  fake,
}) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say('What is my account balance?');

  const call = driver.toolCall('getNextResponseFromSupervisor');
  await expect(call).toContainText('Supervisor · gpt-6.1-terra');
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();

  // The supervisor's own tool loop ran on the Responses API: it called getUserAccountInfo and was given the scenario's mock result.
  await call.locator('summary').click();
  await expect(call).toContainText('getUserAccountInfo');
  await expect(call).toContainText(CUSTOMER_PHONE);
  const responsesBodies = fake.received.http.filter((request) => request.path === '/v1/responses').map((request) => JSON.stringify(request.body));
  expect(responsesBodies.some((body) => body.includes('function_call_output') && body.includes('Unlimited Plus'))).toBe(true);

  // Spoken: the assistant's audio reached the page's audio element and played.
  await expect
    .poll(() => app.evaluate(() => document.querySelector<HTMLAudioElement>('audio[data-role="assistant-audio"]')?.currentTime ?? 0))
    .toBeGreaterThan(0.5);
  await expect(await driver.filterEvents('output_audio_buffer.started')).not.toHaveCount(0);
});

test('simpleHandoff: greet, hand off, haiku, with the handoff in the transcript and the agent picker following it', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await expect(app.getByLabel('Agent', { exact: true })).toHaveValue('greeter');
  await driver.connect();
  await driver.say('Hi!');
  await expect(driver.assistantMessage('Would you like a haiku?')).toContainText('greeter');
  await driver.say('Yes, I would love a haiku about the moon.');
  await expect(app.getByTestId('handoff')).toHaveText('greeter → haikuWriter');
  await expect(app.getByLabel('Agent', { exact: true })).toHaveValue('haikuWriter');
  await expect(driver.assistantMessage(HAIKU.split('\n')[0]!)).toContainText('haikuWriter');
  // The SDK's own client events for the handoff are in the stream: the tool output and the session.update for the new agent.
  const events = await driver.events();
  const client = (type: string, includes: string) =>
    events.findIndex((event) => event.direction === 'client' && event.type === type && JSON.stringify(event.payload).includes(includes));
  const newAgentUpdate = client('session.update', 'You write haiku');
  const handoffOutput = client('conversation.item.create', '{\\"assistant\\":\\"haikuWriter\\"}');
  expect(newAgentUpdate).toBeGreaterThan(-1);
  expect(handoffOutput).toBeGreaterThan(newAgentUpdate);
});

test('customerServiceRetail: authentication, then returns, then the escalation decision is shown', async ({ app }) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('customerServiceRetail');
  await driver.connect();
  await driver.say('My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.');
  await expect(driver.toolCall('authenticate_user_information')).toContainText('done');
  await expect(app.getByTestId('handoff')).toHaveText('authentication → returns');
  await expect(app.getByLabel('Agent', { exact: true })).toHaveValue('returns');
  await expect(driver.toolCall('lookupOrders')).toContainText('done');
  await driver.say('Yes, I want to return it.');
  const escalation = driver.toolCall('checkEligibilityAndPossiblyInitiateReturn');
  await expect(escalation).toContainText('Escalation · gpt-6.1-sol');
  await escalation.locator('summary').click();
  await expect(escalation).toContainText('isEligible');
  await expect(escalation).toContainText('prepaid label');
});
