import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

type Theme = 'light' | 'dark';

/** One screen of the app to check, reached the way a user gets there from a fresh start. */
interface AppState {
  name: string;
  reach: (app: Page) => Promise<void>;
}

const states: readonly AppState[] = [
  {
    name: 'start',
    // A first run opens the bundled sample session: what a new user sees before doing anything.
    reach: async (app) => {
      await expect(app.getByTestId('replay-title')).toContainText('Sample session');
    },
  },
  {
    name: 'settings',
    reach: async (app) => {
      await new AppDriver(app).openSettings();
      await expect(app.getByRole('button', { name: 'Save settings' })).toBeVisible();
    },
  },
  {
    name: 'a live chat-supervisor session after a tool call',
    reach: async (app) => {
      const driver = new AppDriver(app);
      await driver.pickScenario('chatSupervisor');
      await driver.connect();
      await driver.say('What is my account balance?');
      await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();
      const call = driver.toolCall('getNextResponseFromSupervisor');
      await call.locator('summary').click();
      await expect(call).toContainText('getUserAccountInfo');
    },
  },
  {
    name: 'a replay with its waveform and a selected event',
    reach: async (app) => {
      await expect(app.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
      await app.getByRole('button', { name: 'End', exact: true }).click();
      await (await new AppDriver(app).filterEvents('escalation.response')).first().click();
      await expect(app.locator('.inspector-detail')).toContainText('escalation.response');
    },
  },
];

/** Sets the theme the way a user does, in Settings, and comes back to the transcript. */
async function chooseTheme(app: Page, theme: Theme): Promise<void> {
  const driver = new AppDriver(app);
  await driver.openSettings();
  await app.getByLabel('Theme', { exact: true }).selectOption(theme);
  await app.getByRole('button', { name: 'Save settings' }).click();
  await expect(app.locator('html')).toHaveAttribute('data-theme', theme);
  await app.getByRole('tab', { name: 'Transcript' }).click();
}

function describeViolation(violation: Result): string {
  const targets = violation.nodes.map((node) => `    ${node.target.join(' >> ')}\n      ${node.failureSummary?.replaceAll('\n', '\n      ') ?? ''}`);
  return `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}\n  ${violation.helpUrl}\n${targets.join('\n')}`;
}

for (const theme of ['light', 'dark'] as const) {
  for (const state of states) {
    test(`${state.name}, ${theme} theme: axe-core finds no serious or critical violation`, async ({ app }) => {
      await chooseTheme(app, theme);
      await state.reach(app);
      const results = await new AxeBuilder({ page: app })
        // Not on by default (axe calls it experimental), but a spoken command must match what is on screen.
        .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
        .analyze();
      const blocking = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(blocking.map(describeViolation).join('\n\n'), 'serious or critical axe-core violations').toBe('');
    });
  }
}
