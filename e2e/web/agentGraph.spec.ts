import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

async function openAgentPanel(app: Page): Promise<void> {
  await app.getByRole('tab', { name: 'Agent & prompt' }).click();
  await expect(app.getByTestId('agent-node-authentication')).toBeVisible();
}

const node = (app: Page, name: string) => app.getByTestId(`agent-node-${name}`);

test('customerServiceRetail: the agent graph marks the handoff taken, highlights the new active agent, and shows an agent on click or Enter', async ({
  app,
}) => {
  const driver = new AppDriver(app);
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  await driver.pickScenario('customerServiceRetail');
  await driver.connect();
  await openAgentPanel(app);
  await expect(app.getByText('Customer service (retail) · live session')).toBeVisible();

  // Before any handoff: the start agent is the active one, in words, and no edge is marked.
  await expect(node(app, 'authentication')).toContainText('active');
  await expect(node(app, 'returns')).not.toContainText('active');
  await expect(app.getByTestId('handoffs-taken')).toContainText('No handoff taken yet.');
  await expect(app.locator('.handoff-label')).toHaveCount(0);
  await expect(app.getByTestId('agent-detail')).toContainText('authenticate_user_information');

  await driver.say('My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.');
  await expect(app.getByTestId('handoff-label-authentication-returns')).toHaveText('taken ×1');
  await expect(app.locator('.handoff-label')).toHaveCount(1);
  await expect(node(app, 'returns')).toContainText('active');
  await expect(node(app, 'returns')).toHaveAttribute('data-active', 'true');
  await expect(node(app, 'authentication')).not.toContainText('active');
  await expect(app.getByTestId('handoffs-taken')).toContainText('Active: returns');
  await expect(app.getByTestId('handoffs-taken')).toContainText('authentication → returns taken ×1');
  await expect(app.locator('.react-flow__edge-path.handoff-edge-taken')).toHaveCount(1);

  // Clicking an agent shows what the model is told as it: instructions, tools with their JSON schemas, handoffs.
  await node(app, 'returns').click();
  const detail = app.getByTestId('agent-detail');
  await expect(detail.getByRole('heading', { name: 'returns' })).toBeVisible();
  await expect(detail).toContainText('active');
  await expect(app.getByTestId('agent-instructions')).toContainText('You handle returns and order problems at Ridgeline Outfitters');
  const lookupOrders = app.getByTestId('agent-tools').getByRole('listitem').filter({ hasText: 'lookupOrders' });
  await expect(lookupOrders).toContainText('mock result');
  await lookupOrders.getByText('Parameters (JSON Schema)').click();
  await expect(lookupOrders).toContainText('phoneNumber');
  await expect(lookupOrders).toContainText("The caller's phone number.");
  await expect(app.getByTestId('agent-handoffs')).toContainText('transfer_to_sales');
  await expect(app.getByTestId('agent-handoffs')).toContainText('transfer_to_simulatedHuman');

  // The graph works from the keyboard: the agents are focusable and Enter selects one.
  const salesNode = app.getByRole('button', { name: /^sales/ });
  await expect(salesNode).toHaveAccessibleDescription(/Press Enter to show this agent’s instructions, tools and handoffs/);
  await salesNode.focus();
  await app.keyboard.press('Enter');
  await expect(detail.getByRole('heading', { name: 'sales' })).toBeVisible();
  await expect(detail).toContainText('lookupNewSales');
  await expect(detail).not.toContainText('active');
});

test('the bundled sample replay shows the handoff it took on its agent graph, following the replay clock', async ({ app }) => {
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  await openAgentPanel(app);
  await expect(app.getByText('Customer service (retail) · replayed log')).toBeVisible();
  await expect(app.getByTestId('handoff-label-authentication-returns')).toHaveText('taken ×1');
  await expect(node(app, 'returns')).toContainText('active');
  await expect(app.getByTestId('handoffs-taken')).toContainText('authentication → returns taken ×1');
  await expect(app.getByTestId('agent-detail').getByRole('heading', { name: 'returns' })).toBeVisible();

  // The graph follows the replay clock: before the first event no agent is active and nothing is taken; at the end the handoff is back.
  await app.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(app.getByTestId('handoffs-taken')).toContainText('Active: none');
  await expect(app.getByTestId('handoffs-taken')).toContainText('No handoff taken yet.');
  await expect(app.locator('.handoff-label')).toHaveCount(0);
  await expect(app.locator('.agent-node-active')).toHaveCount(0);
  await app.getByRole('button', { name: 'End', exact: true }).click();
  await expect(app.getByTestId('handoff-label-authentication-returns')).toHaveText('taken ×1');
  await expect(node(app, 'returns')).toContainText('active');

  const audit = await new AxeBuilder({ page: app }).include('.agent-panel').analyze();
  expect(audit.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
});
