import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Result } from 'axe-core';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

type Theme = 'light' | 'dark';

/** One screen of the app to check, reached the way a user gets there from a fresh start; the window to check when it is not the app's own. */
interface AppState {
  name: string;
  reach: (app: Page) => Promise<Page | undefined>;
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
    name: 'a replay stopped half-way, with its waveform and a selected event',
    reach: async (app) => {
      const driver = new AppDriver(app);
      await expect(app.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
      // Clicking an event moves the replay there: the events after it are shown dimmed, as not yet reached.
      await (await driver.filterEvents('response.done')).first().click();
      await expect(app.getByRole('region', { name: 'Event payload' })).toContainText('response.done');
      await driver.filterEvents('');
      await expect(app.locator('.event-ahead').first()).toBeVisible();
    },
  },
  {
    name: 'the saved sessions',
    reach: async (app) => {
      await new AppDriver(app).openSessions();
      await expect(app.getByRole('list', { name: 'Saved sessions' })).toBeVisible();
    },
  },
  {
    name: 'the popped-out inspector',
    reach: async (app) => {
      await app.getByRole('button', { name: 'Panels' }).click();
      const [popout] = await Promise.all([app.context().waitForEvent('page'), app.getByRole('menuitem', { name: 'Pop out the inspector' }).click()]);
      await popout.waitForLoadState();
      await expect(popout.locator('.inspector-list .event-row').first()).toBeVisible();
      await popout.locator('.inspector-list .event-row').first().click();
      await expect(popout.getByRole('region', { name: 'Event payload' })).toContainText('#');
      return popout;
    },
  },
  {
    name: 'the scenario files',
    reach: async (app) => {
      await app.getByRole('tab', { name: 'Scenarios' }).click();
      await expect(app.getByRole('region', { name: 'Scenario files' })).toContainText('scenarios loaded');
    },
  },
  {
    name: 'the agent graph of the sample replay, with an agent selected',
    reach: async (app) => {
      await app.getByRole('tab', { name: 'Agent & prompt' }).click();
      await expect(app.getByText('taken ×1').first()).toBeVisible();
      await app.locator('.react-flow__node').filter({ hasText: 'returns' }).first().click();
      await expect(app.getByText('lookupOrders').first()).toBeVisible();
    },
  },
  {
    name: 'the latency waterfall and cost of the sample replay',
    reach: async (app) => {
      await app.getByRole('tab', { name: 'Latency & cost' }).click();
      await expect(app.getByTestId('latency-waterfall').locator('canvas')).toBeVisible();
      await expect(app.getByTestId('session-cost')).toContainText('prices of');
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
    test(`${state.name}, ${theme} theme: axe-core finds no moderate, serious or critical violation`, async ({ app }) => {
      await chooseTheme(app, theme);
      const page = (await state.reach(app)) ?? app;
      const results = await new AxeBuilder({ page })
        // Not on by default (axe calls it experimental), but a spoken command must match what is on screen.
        .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
        .analyze();
      // Moderate findings fail too (content outside every landmark, say): only minor ones are left to judgement.
      const blocking = results.violations.filter((violation) => violation.impact !== 'minor');
      expect(blocking.map(describeViolation).join('\n\n'), 'moderate, serious or critical axe-core violations').toBe('');
      // A layer over the panels (an empty overlay, a pseudo-element filled with colour) makes axe-core skip their contrast
      // instead of failing it; what it cannot check here must be only what it never can (rows cut at a scroll edge, empty inputs, arrows).
      const unchecked = results.incomplete
        .filter((result) => result.id === 'color-contrast')
        .flatMap((result) => result.nodes)
        .filter((node) => node.any.some((check) => /pseudo element|overlapped by another element/.test(check.message)))
        // Known gap: in the agent graph axe-core takes xyflow's edge layer (an SVG over the whole pane that ignores the
        // pointer) for a cover over the agents and the list under them, so it cannot check their contrast there. They use
        // the same text and background colours as the rest of the app, which it does check; see the closing note.
        .filter((node) => !(state.name.startsWith('the agent graph') && /agent-node|handoff-label|agent-taken/.test(node.target.join(' '))));
      expect(
        unchecked.map((node) => node.target.join(' >> ')),
        'text whose contrast axe-core could not check',
      ).toEqual([]);
    });
  }
}

test('Tab reaches the toolbar, the replay, the dock tabs and the panels, and every stop shows a focus ring', async ({ app }) => {
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  const stops: { name: string; ring: boolean }[] = [];
  for (let press = 0; press < 80; press += 1) {
    await app.keyboard.press('Tab');
    const stop = await app.evaluate(() => {
      const element = document.activeElement;
      if (!(element instanceof HTMLElement) || element === document.body) return undefined;
      // dockview draws a focused tab's ring on its ::after.
      const drawn = [getComputedStyle(element), getComputedStyle(element, '::after')];
      return {
        name: element.getAttribute('aria-label') ?? element.textContent.trim().slice(0, 40),
        ring: drawn.some((style) => style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2),
      };
    });
    if (stop === undefined || (stops.length > 0 && stop.name === stops[0]!.name)) break;
    stops.push(stop);
  }
  expect(stops.filter((stop) => !stop.ring).map((stop) => stop.name)).toEqual([]);
  const names = stops.map((stop) => stop.name);
  for (const expected of ['Scenario', 'Replay position', 'Transcript', 'Conversation', 'Copy as text', 'Events', 'Filter events', 'Event payload']) {
    expect(names).toContain(expected);
  }
  // A radio group is one stop, on its checked radio; the arrow keys move the choice within it.
  expect(names).toContain('Voice activity');
  expect(names).not.toContain('Push-to-talk');
});

test('the turn-detection radios are one Tab stop, and the arrow keys choose between them', async ({ app }) => {
  const voice = app.getByRole('radio', { name: 'Voice activity' });
  const ptt = app.getByRole('radio', { name: 'Push-to-talk' });
  await voice.focus();
  await app.keyboard.press('ArrowRight');
  await expect(ptt).toHaveAttribute('aria-checked', 'true');
  await expect(ptt).toBeFocused();
  await expect(ptt).toHaveAttribute('tabindex', '0');
  await expect(voice).toHaveAttribute('tabindex', '-1');
  await app.keyboard.press('ArrowRight');
  await expect(voice).toHaveAttribute('aria-checked', 'true');
  await expect(voice).toBeFocused();
  await app.keyboard.press('ArrowUp');
  await expect(ptt).toHaveAttribute('aria-checked', 'true');
  await app.keyboard.press('Tab');
  await expect(ptt).not.toBeFocused();
  await expect(voice).not.toBeFocused();
});

test('screen readers hear connection changes and each new assistant message, in polite live regions', async ({ app }) => {
  const driver = new AppDriver(app);
  const connection = app.getByRole('status', { name: 'Connection state' });
  const announcer = app.getByTestId('assistant-announcer');
  await expect(announcer).toHaveAttribute('aria-live', 'polite');
  // The sample session already on screen is not read out.
  await expect(driver.assistantMessage(/30-day return window/)).toBeVisible();
  await expect(announcer).toHaveText('');
  await expect(connection).toHaveText('Not connected');
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await expect(connection).toHaveText('Connected');
  await driver.say('What is my account balance?');
  await expect(announcer).toContainText(`says: ${SUPERVISOR_BILL_ANSWER}`);
});

test('a dock tab is one control: arrows move along the tabs, Enter shows a panel, Delete closes its tab, and its × still closes it for the mouse', async ({
  app,
}) => {
  const transcriptTab = app.getByRole('tab', { name: 'Transcript' });
  await expect(transcriptTab).toHaveAttribute('aria-selected', 'true');
  await expect(transcriptTab.getByRole('button')).toHaveCount(0);
  await transcriptTab.focus();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('tab', { name: 'Sessions' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('tab', { name: 'Sessions' })).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByRole('list', { name: 'Saved sessions' })).toBeVisible();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByRole('tab', { name: 'Scenarios' })).toBeFocused();
  await app.keyboard.press('Delete');
  await expect(app.getByRole('tab', { name: 'Scenarios' })).toHaveCount(0);
  await app.getByRole('tab', { name: 'Sessions' }).locator('.dv-default-tab-action').click();
  await expect(app.getByRole('tab', { name: 'Sessions' })).toHaveCount(0);
});
