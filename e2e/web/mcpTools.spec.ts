import AxeBuilder from '@axe-core/playwright';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { parseScript } from '../fake-openai/script';
import type { FakeOpenAI } from '../fake-openai/server';
import { startTestMcpServer, type TestMcpServer } from '../mcp-server/testMcpServer';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const ORDER_ANSWER = 'Order 1234 shipped on 2026-12-01 and arrives on Friday.';
const SECRET = 'orders-token-e2e-71c4';

test.use({
  script: parseScript({
    realtime: [
      { name: 'look up', userSaid: 'order 1234', callTool: { name: 'lookup_order_status', arguments: { orderId: '1234' } } },
      { name: 'read out', afterToolOutput: 'lookup_order_status', sayToolOutput: true },
    ],
    responses: [{ schemaHasProperty: 'moderationCategory', json: { moderationRationale: 'Nothing objectionable.', moderationCategory: 'NONE' } }],
  }),
});

let mcp: TestMcpServer;
test.beforeEach(async () => {
  mcp = await startTestMcpServer({ requiredHeaders: { 'x-orders-token': SECRET } });
});
test.afterEach(async () => {
  await mcp.close();
});

/** A user scenario whose agent uses the test MCP server, its header's secret stored in the data folder's key store. */
async function writeOrderDesk(dataDir: string): Promise<void> {
  await mkdir(join(dataDir, 'agent-configs'), { recursive: true });
  await mkdir(join(dataDir, 'secrets'), { recursive: true });
  const secretFile = join(dataDir, 'secrets', 'ORDERS_TOKEN');
  await writeFile(secretFile, `${SECRET}\n`, { mode: 0o600 });
  await chmod(secretFile, 0o600);
  const scenario = {
    id: 'orderDesk',
    name: 'Order desk',
    description: 'Answers where an order is, from the orders MCP server.',
    defaultAgent: 'orders',
    agents: [
      {
        name: 'orders',
        publicDescription: 'Order questions',
        instructions: 'You answer questions about orders with the orders MCP server.',
        mcp: [{ serverLabel: 'orders', serverUrl: mcp.url, allowedTools: ['lookup_order_status'], headers: { 'X-Orders-Token': 'ORDERS_TOKEN' } }],
      },
    ],
  };
  await writeFile(join(dataDir, 'agent-configs', 'orderDesk.json'), JSON.stringify(scenario, null, 2));
}

async function chooseTheme(app: Page, theme: 'light' | 'dark'): Promise<void> {
  await new AppDriver(app).openSettings();
  await app.getByLabel('Theme', { exact: true }).selectOption(theme);
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
}

const sentTypes = (fake: FakeOpenAI): string[] => fake.received.sent.map((entry) => entry.event.type);

test('an MCP call set to Ask me waits in the Tools panel, runs on the MCP server once approved, and shows in the transcript and the inspector', async ({
  app,
  fake,
  webHost,
}) => {
  test.setTimeout(90_000);
  await writeOrderDesk(webHost.dataDir);
  const driver = new AppDriver(app);
  await expect(app.getByLabel('Scenario', { exact: true }).locator('option[value="orderDesk"]')).toHaveCount(1, { timeout: 15_000 });
  await driver.pickScenario('orderDesk');
  await driver.connect();
  await fake.received.waitFor('the MCP server listed', () => sentTypes(fake).includes('mcp_list_tools.completed'), 15_000);
  await expect(driver.transcript).toContainText('MCP server orders: tools lookup_order_status');

  await app.getByRole('tab', { name: /^Tools/ }).click();
  const mode = app.getByLabel('Mode of MCP server orders');
  await expect(mode.locator('option')).toHaveText(['Scenario: runs unasked', 'Ask me']);
  await mode.selectOption('ask');
  // Ask me is sent to the server at once: the hosted tool now requires approval.
  await fake.received.waitFor(
    'require_approval always',
    () => fake.received.clientEvents('session.update').some((entry) => JSON.stringify(entry.event).includes('"require_approval":"always"')),
    10_000,
  );

  await driver.say('Where is order 1234?');
  const waiting = app.getByTestId('tools-waiting');
  await expect(waiting).toContainText('Waiting for your decision — the model is paused on this call');
  await expect(app.getByLabel('Arguments of lookup_order_status')).toHaveValue(/"orderId": "1234"/);
  await expect(app.getByText('MCP server orders runs the call with the model')).toBeVisible();
  expect(mcp.requests.some((request) => request.tool)).toBe(false);
  const call = driver.toolCall('lookup_order_status');
  await expect(call).toContainText('waiting for your decision (Tools)');
  const axe = await new AxeBuilder({ page: app }).include('.tools-panel').analyze();
  expect(
    axe.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id),
  ).toEqual([]);
  await app.locator('.tools-panel').screenshot({ path: test.info().outputPath('mcp-tools-waiting-light.png') });

  await waiting.getByRole('button', { name: 'Approve' }).click();
  await expect(driver.assistantMessage(ORDER_ANSWER)).toBeVisible({ timeout: 20_000 });
  expect(mcp.requests.find((request) => request.tool)).toMatchObject({ tool: 'lookup_order_status', arguments: { orderId: '1234' } });
  expect(mcp.requests.find((request) => request.tool)?.headers['x-orders-token']).toBe(SECRET);

  // The transcript: the call with its server, duration, decision, arguments and output.
  await expect(call).toContainText('approved by you');
  await expect(call).toContainText(/MCP orders · \d+ ms/);
  await call.locator('summary').click();
  await expect(call).toContainText('1234');
  await expect(call).toContainText(ORDER_ANSWER);
  await driver.transcript.screenshot({ path: test.info().outputPath('mcp-transcript-light.png') });

  // The inspector: the mcp_call item with its arguments and output, and the secret nowhere in the stream.
  await app.getByRole('tab', { name: 'Events' }).click();
  const rows = await driver.filterEvents('response.output_item.done');
  await expect(rows.filter({ hasText: 'mcp_call orders.lookup_order_status {orderId: 1234} → Order 1234 shipped' })).toHaveCount(1);
  const events = await driver.events();
  expect(events.map((event) => event.type)).toEqual(
    expect.arrayContaining(['mcp_list_tools.completed', 'response.mcp_call.completed', 'tool.approval']),
  );
  expect(events.find((event) => event.type === 'tool.approval')?.payload).toMatchObject({ toolName: 'lookup_order_status', decision: 'approved' });
  expect(JSON.stringify(events)).not.toContain(SECRET);

  await app.getByRole('tab', { name: /^Tools/ }).click();
  await chooseTheme(app, 'dark');
  await app.getByRole('tab', { name: /^Tools/ }).click();
  await app.locator('.tools-panel').screenshot({ path: test.info().outputPath('mcp-tools-decided-dark.png') });
});
