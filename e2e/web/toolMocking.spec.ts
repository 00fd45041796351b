import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { CUSTOMER_PHONE, SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import type { FakeOpenAI } from '../fake-openai/server';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { sessionLogLines, type LogLine } from '../support/sessionLogFile';

const TOOL = 'getNextResponseFromSupervisor';
const QUESTION = 'What is my account balance?';

interface LoggedEvent {
  readonly direction: string;
  readonly type: string;
  readonly payload: Record<string, unknown>;
}

/** The app events of the one session log in the data folder. */
async function loggedAppEvents(dataDir: string): Promise<LoggedEvent[]> {
  return (await sessionLogLines(dataDir)).filter((line): line is LogLine & LoggedEvent => line.record === undefined && line.direction === 'app');
}

/** Every function_call_output the app sent the fake model, in order. */
function toolOutputs(fake: FakeOpenAI): string[] {
  return fake.received.clientEvents('conversation.item.create').flatMap((entry) => {
    const item = typeof entry.event === 'object' ? (entry.event['item'] as { type?: string; output?: string } | undefined) : undefined;
    return item?.type === 'function_call_output' ? [item.output ?? ''] : [];
  });
}

async function nthToolOutput(fake: FakeOpenAI, n: number): Promise<string> {
  await fake.received.waitFor(`function_call_output #${n}`, () => toolOutputs(fake).length >= n, 20_000);
  return toolOutputs(fake)[n - 1]!;
}

/** The Responses API requests the supervisor made (it alone is offered getUserAccountInfo). */
function supervisorRequests(fake: FakeOpenAI): string[] {
  return fake.received.http
    .filter((request) => request.path === '/v1/responses')
    .map((request) => JSON.stringify(request.body))
    .filter((body) => body.includes('getUserAccountInfo'));
}

/** What axe-core finds serious or critical in the Tools panel. */
async function seriousViolations(app: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page: app }).include('.tools-panel').analyze();
  return results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id);
}

async function connectChatSupervisor(app: Page): Promise<AppDriver> {
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await app.getByRole('tab', { name: /^Tools/ }).click();
  return driver;
}

test('a canned result set in the Tools panel reaches the model instead of the supervisor, and the log says why', async ({ app, fake, webHost }) => {
  const driver = await connectChatSupervisor(app);
  await app.getByLabel(`Mode of ${TOOL}`).selectOption('canned');
  const editor = app.getByLabel(`Canned result of ${TOOL}`);
  const canned = { nextResponse: 'Canned: your balance is $12.34 and nothing is due.' };

  // A syntax error is named with its line and column, and the last valid result stays in use.
  await editor.fill('{\n  "nextResponse": "x"\n  "oops": 1\n}');
  await expect(app.getByText(/Not JSON, line 3, column 3: .*The last valid result is still returned\./)).toBeVisible();
  await editor.fill(JSON.stringify(canned, null, 2));
  await editor.press('Tab');
  await expect(app.getByText('Returned instead of running the tool.')).toBeVisible();

  await driver.say(QUESTION);
  expect(JSON.parse(await nthToolOutput(fake, 1))).toEqual(canned);
  await expect(driver.assistantMessage(canned.nextResponse)).toBeVisible();
  expect(supervisorRequests(fake)).toEqual([]);

  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect
    .poll(async () => (await loggedAppEvents(webHost.dataDir)).filter((event) => event.type === 'tool.mode').map((event) => event.payload))
    .toEqual([
      { agent: 'chatAgent', toolName: TOOL, mode: 'canned', cannedResult: {} },
      { agent: 'chatAgent', toolName: TOOL, mode: 'canned', cannedResult: canned },
    ]);

  // Connecting again carries the tool modes on with the conversation: the canned result still answers.
  await app.getByRole('button', { name: 'Connect' }).click();
  await expect(driver.phase).toHaveText('Connected', { timeout: 30_000 });
  await expect(app.getByLabel(`Mode of ${TOOL}`)).toHaveValue('canned');
  await driver.say(QUESTION);
  expect(JSON.parse(await nthToolOutput(fake, 2))).toEqual(canned);
  expect(supervisorRequests(fake)).toEqual([]);
});

test('"ask me" holds each call for a decision: approved, approved with edited arguments, rejected with a message, abandoned on disconnect', async ({
  app,
  fake,
  webHost,
}) => {
  const driver = await connectChatSupervisor(app);
  await app.getByLabel(`Mode of ${TOOL}`).selectOption('ask');

  // Approve: the call waits, shows its arguments, then runs the scenario behaviour (the supervisor).
  await driver.say(QUESTION);
  const waiting = app.getByTestId('tools-waiting');
  await expect(waiting).toContainText('Waiting for your decision — the model is paused on this call');
  await expect(app.getByLabel(`Arguments of ${TOOL}`)).toHaveValue(new RegExp(CUSTOMER_PHONE.replace(/[()]/g, '\\$&')));
  expect(toolOutputs(fake)).toEqual([]);
  // The transcript says the call waits for the user, not that it runs.
  const calls = app.getByTestId('tool-call');
  await expect(calls.first()).toContainText('waiting for your decision (Tools)');
  expect(await seriousViolations(app)).toEqual([]);
  // Out of sight (another tab of its group shown), the wait is still said: on the tab and in a notice that brings the panel back.
  await app.getByRole('tab', { name: 'Events' }).click();
  await expect(app.getByRole('tab', { name: 'Tools · 1 waiting' })).toBeVisible();
  await expect(app.getByTestId('waiting-call-notice')).toContainText(`${TOOL} is waiting for your decision`);
  await app.getByRole('button', { name: 'Show Tools' }).click();
  await app.getByRole('button', { name: 'Approve' }).click();
  expect(JSON.parse(await nthToolOutput(fake, 1))).toEqual({ nextResponse: SUPERVISOR_BILL_ANSWER });
  await expect(waiting).toHaveCount(0);
  await expect(app.getByRole('tab', { name: 'Tools' })).toBeVisible();

  // Edited arguments: the supervisor is asked with the user's arguments, not the model's.
  await driver.say(QUESTION);
  const edited = { relevantContextFromLastUserMessage: 'Edited in the workbench, marker ZX-4471: the caller asks about their account balance.' };
  await app.getByLabel(`Arguments of ${TOOL}`).fill(JSON.stringify(edited));
  const askedBefore = supervisorRequests(fake).length;
  await app.getByRole('button', { name: 'Approve' }).click();
  await nthToolOutput(fake, 2);
  const editedCall = supervisorRequests(fake).slice(askedBefore);
  expect(editedCall.length).toBeGreaterThan(0);
  for (const request of editedCall) {
    expect(request).toContain('ZX-4471');
    expect(request).not.toContain('The caller asks about their last bill');
  }

  // Reject: the model is told the user's message as the tool's output.
  await driver.say(QUESTION);
  const message = 'The user declined this lookup; do not read their account.';
  await app.getByLabel('Rejection message').fill(message);
  const askedBeforeReject = supervisorRequests(fake).length;
  await app.getByRole('button', { name: 'Reject' }).click();
  expect(await nthToolOutput(fake, 3)).toBe(message);
  expect(supervisorRequests(fake)).toHaveLength(askedBeforeReject);

  // A call still waiting when the session ends is shown as abandoned, not left waiting.
  await driver.say(QUESTION);
  await expect(waiting).toBeVisible();
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(waiting).toHaveCount(0);
  await expect(app.getByTestId('tools-decision').first()).toContainText('Abandoned: the session ended before a decision');
  await expect(app.getByTestId('tools-decision')).toHaveCount(4);
  await expect(calls).toHaveCount(4);
  await expect(calls.nth(0)).toContainText('approved by you');
  await expect(calls.nth(1)).toContainText('approved with your edited arguments');
  await expect(calls.nth(2)).toContainText('rejected by you');
  await expect(calls.nth(3)).toContainText('abandoned: the session ended while it waited');

  await expect
    .poll(async () => (await loggedAppEvents(webHost.dataDir)).filter((event) => event.type === 'tool.approval').map((event) => event.payload))
    .toEqual([
      expect.objectContaining({
        toolName: TOOL,
        decision: 'approved',
        arguments: { relevantContextFromLastUserMessage: expect.stringContaining(CUSTOMER_PHONE) as unknown },
      }),
      expect.objectContaining({ toolName: TOOL, decision: 'edited', editedArguments: edited }),
      expect.objectContaining({ toolName: TOOL, decision: 'rejected', message }),
    ]);
  const logged = await loggedAppEvents(webHost.dataDir);
  expect(logged.filter((event) => event.type === 'tool.mode').map((event) => event.payload)).toEqual([
    { agent: 'chatAgent', toolName: TOOL, mode: 'ask' },
  ]);
  expect(logged.filter((event) => event.type === 'tool.approval_requested')).toHaveLength(4);

  // The replay shows, read-only, why each call returned what it did.
  await driver.openSessions();
  await app.getByTestId('session-row').getByRole('button', { name: 'Open' }).click();
  await expect(app.getByTestId('replay-title')).toContainText('Chat + supervisor (phone company)');
  await app.getByRole('tab', { name: /^Tools/ }).click();
  await expect(app.getByText('Replayed log: read-only')).toBeVisible();
  await expect(app.getByLabel(`Mode of ${TOOL}`)).toHaveValue('ask');
  await expect(app.getByLabel(`Mode of ${TOOL}`)).toBeDisabled();
  await expect(app.getByTestId('tools-decision')).toHaveText([
    /Abandoned: the session ended before a decision/,
    new RegExp(`Rejected; the model was told “${message}”`),
    /Approved with edited arguments .*ZX-4471/,
    /Approved: ran with the model’s arguments/,
  ]);
  expect(await seriousViolations(app)).toEqual([]);
});

test('a supervisor tool set to a canned result answers the supervisor with it, and the log says so', async ({ app, fake, webHost }) => {
  const driver = await connectChatSupervisor(app);
  const supervisorTools = app.getByRole('region', { name: 'Supervisor model' });
  const mode = supervisorTools.getByLabel('Mode of getUserAccountInfo');
  await expect(mode.locator('option')).toHaveText(['Scenario behaviour', 'Canned result', 'Ask me']);
  await mode.selectOption('canned');
  const canned = { accountId: 'CANNED-42', balance: '$0.00', lastBill: 'none' };
  const editor = supervisorTools.getByLabel('Canned result of getUserAccountInfo');
  await editor.fill(JSON.stringify(canned));
  await editor.press('Tab');
  await expect(supervisorTools.getByText('Returned instead of running the tool.')).toBeVisible();

  await driver.say(QUESTION);
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible({ timeout: 30_000 });
  // The supervisor's second request carries the canned result as getUserAccountInfo's output, not the scenario's mock.
  const requests = supervisorRequests(fake);
  expect(requests.length).toBeGreaterThanOrEqual(2);
  expect(requests[1]).toContain(JSON.stringify(JSON.stringify(canned)).slice(1, -1));

  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect
    .poll(async () => (await loggedAppEvents(webHost.dataDir)).some((event) => event.type === 'session.state' && event.payload['status'] === 'idle'))
    .toBe(true);
  const events = await loggedAppEvents(webHost.dataDir);
  expect(events.filter((event) => event.type === 'tool.mode').at(-1)?.payload).toMatchObject({
    agent: '(supervisor)',
    toolName: 'getUserAccountInfo',
    mode: 'canned',
    cannedResult: canned,
  });
  const answer = events.find((event) => event.type === 'supervisor.response')?.payload as { result: { steps: { name: string; output: unknown }[] } };
  expect(answer.result.steps).toEqual([expect.objectContaining({ name: 'getUserAccountInfo', output: canned })]);
});

/** The input items of each Responses API request the supervisor made. */
function supervisorInputs(fake: FakeOpenAI): Record<string, unknown>[][] {
  return fake.received.http
    .filter((request) => request.path === '/v1/responses' && JSON.stringify(request.body).includes('getUserAccountInfo'))
    .map((request) => (request.body as { input: Record<string, unknown>[] }).input);
}

test('a supervisor tool set to Ask me pauses the supervisor until you approve, edit or reject its call, and the log and latency say so', async ({
  app,
  fake,
  webHost,
}) => {
  const SUPERVISOR_TOOL = 'getUserAccountInfo';
  const driver = await connectChatSupervisor(app);
  const supervisorTools = app.getByRole('region', { name: 'Supervisor model' });
  await supervisorTools.getByLabel(`Mode of ${SUPERVISOR_TOOL}`).selectOption('ask');

  // Edited: the supervisor pauses on its own tool's call; the call shows in the Tools panel and the transcript.
  await driver.say(QUESTION);
  const waiting = app.getByRole('region', { name: `Waiting call of ${SUPERVISOR_TOOL}` });
  await expect(waiting).toContainText('asked by the supervisor model');
  await expect(waiting.getByLabel(`Arguments of ${SUPERVISOR_TOOL}`)).toHaveValue(new RegExp(CUSTOMER_PHONE.replace(/[()]/g, '\\$&')));
  const calls = app.getByTestId('tool-call');
  await expect(calls.first()).toContainText(`${SUPERVISOR_TOOL}: waiting for your decision (Tools)`);
  await expect(calls.first()).toContainText('Supervisor: paused for your decision');
  // Nothing was answered for the paused call yet: one supervisor request, and the voice agent still waits for the supervisor.
  expect(supervisorInputs(fake)).toHaveLength(1);
  expect(toolOutputs(fake)).toEqual([]);
  expect(await seriousViolations(app)).toEqual([]);
  await app.screenshot({ path: test.info().outputPath('supervisor-tool-waiting.png') });
  const edited = { phone_number: '(555) 000-0001' };
  await waiting.getByLabel(`Arguments of ${SUPERVISOR_TOOL}`).fill(JSON.stringify(edited));
  await waiting.getByRole('button', { name: 'Approve' }).click();
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible({ timeout: 30_000 });
  expect(JSON.parse(await nthToolOutput(fake, 1))).toEqual({ nextResponse: SUPERVISOR_BILL_ANSWER });
  // The supervisor model is given its call with the user's arguments, and the tool's result.
  const afterEdit = supervisorInputs(fake)[1]!;
  expect(afterEdit.find((item) => item['type'] === 'function_call')).toMatchObject({ name: SUPERVISOR_TOOL, arguments: JSON.stringify(edited) });
  await expect(calls.first()).toContainText(`${SUPERVISOR_TOOL}: approved with your edited arguments`);

  // Rejected: the supervisor model is told the user's message as the tool's output, and answers on.
  await driver.say(QUESTION);
  await expect(waiting).toBeVisible();
  const message = 'Do not read the account without the caller’s PIN.';
  await waiting.getByLabel('Rejection message').fill(message);
  await waiting.getByRole('button', { name: 'Reject' }).click();
  await nthToolOutput(fake, 2);
  expect(supervisorInputs(fake)[3]!.at(-1)).toMatchObject({ type: 'function_call_output', output: message });
  await expect(calls.nth(1)).toContainText(`${SUPERVISOR_TOOL}: rejected by you`);

  // The latency panel gives the user's wait its own stage, named for the setting behind it.
  await app.getByRole('tab', { name: 'Latency & cost' }).click();
  await expect(app.getByText(`your decision on ${SUPERVISOR_TOOL}`).first()).toBeVisible();
  await expect(app.getByText(`Tools panel: ${SUPERVISOR_TOOL} is set to Ask me`).first()).toBeVisible();

  // Waiting when the session ends: abandoned, and main drops the paused answer.
  await app.getByRole('tab', { name: /^Tools/ }).click();
  await driver.say(QUESTION);
  await expect(waiting).toBeVisible();
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(waiting).toHaveCount(0);
  await expect(app.getByTestId('tools-decision')).toHaveText([
    /Abandoned: the session ended before a decision/,
    new RegExp(`Rejected; the model was told “${message}”`),
    /Approved with edited arguments .*555\) 000-0001/,
  ]);
  await expect(calls.nth(2)).toContainText(`${SUPERVISOR_TOOL}: abandoned: the session ended while it waited`);

  await expect.poll(async () => (await loggedAppEvents(webHost.dataDir)).filter((event) => event.type === 'supervisor.response').length).toBe(2);
  const logged = await loggedAppEvents(webHost.dataDir);
  const realtimeCalls = logged.filter((event) => event.type === 'supervisor.request').map((event) => event.payload['callId']);
  expect(logged.filter((event) => event.type === 'tool.approval_requested').map((event) => event.payload)).toEqual(
    realtimeCalls.map((parentCallId) =>
      expect.objectContaining({ agent: '(supervisor)', toolName: SUPERVISOR_TOOL, parentCallId, arguments: { phone_number: CUSTOMER_PHONE } }),
    ),
  );
  const answers = logged.filter((event) => event.type === 'supervisor.response').map((event) => event.payload);
  expect(answers[0]).toMatchObject({
    waitedMs: expect.any(Number),
    result: {
      steps: [
        { name: SUPERVISOR_TOOL, approval: 'edited', arguments: JSON.stringify(edited), modelArguments: expect.stringContaining(CUSTOMER_PHONE) },
      ],
    },
  });
  expect(answers[1]).toMatchObject({ result: { steps: [{ name: SUPERVISOR_TOOL, approval: 'rejected', output: message }] } });
});
