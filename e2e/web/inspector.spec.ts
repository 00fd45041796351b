import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const QUESTION = 'What is my account balance?';

async function sampleShown(app: Page): Promise<void> {
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
}

/** A live chatSupervisor session with one typed question answered through the supervisor tool. */
async function liveWithToolCall(app: Page): Promise<AppDriver> {
  const driver = new AppDriver(app);
  await sampleShown(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say(QUESTION);
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();
  await expect(app.getByTestId('transcript').getByText('streaming', { exact: true })).toHaveCount(0);
  // The guardrail's verdict on the answer is the session's last event for this turn.
  await expect(app.getByTestId('guardrail-verdict').last()).toHaveText('guardrail: pass');
  return driver;
}

const count = (app: Page) => app.getByTestId('event-count');
const rows = (app: Page) => app.locator('.inspector-list .event-row');
const chip = (app: Page, type: string) => app.locator(`.type-chips [data-type="${type}"]`);

test('the inspector shows a live session with summaries, and type chips, directions and search narrow it, saying so', async ({ app }) => {
  await liveWithToolCall(app);
  // Ended, the session's stream stops growing (a live one samples the connection's round trip every 2 s).
  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(app.getByTestId('session-phase')).toHaveText('Not connected');
  const total = Number(/^(\d+) events$/.exec((await count(app).textContent()) ?? '')?.[1]);
  expect(total).toBeGreaterThan(20);

  // Summaries say what happened, not raw JSON.
  await expect(rows(app).filter({ hasText: 'response.done' }).first()).toContainText(/completed · \d+ tokens/);
  await expect(rows(app).filter({ hasText: 'supervisor.response' }).first()).toContainText(
    /getNextResponseFromSupervisor · gpt-6\.1-terra · \d+ (ms|s) · \d+ tokens/,
  );

  // The type chips open from _Types_; each shows its live count; a click shows only that type, a second click hides it.
  await app.getByRole('button', { name: /^Types/ }).click();
  const doneChip = chip(app, 'response.done');
  const responses = Number((await doneChip.locator('.chip-count').textContent()) ?? '0');
  expect(responses).toBeGreaterThanOrEqual(2);
  await doneChip.click();
  await expect(count(app)).toHaveText(`${responses} of ${total} shown`);
  await expect(rows(app)).toHaveCount(responses);
  await expect(doneChip).toContainText('shown only');
  await doneChip.click();
  await expect(count(app)).toHaveText(`${total - responses} of ${total} shown`);
  await expect(rows(app).filter({ hasText: /^\S+\s+↓\s*response\.done/ })).toHaveCount(0);
  await app.getByRole('button', { name: 'Clear types' }).click();
  await expect(count(app)).toHaveText(`${total} events`);

  // Directions: only what the app itself recorded.
  await app.getByRole('button', { name: /^↑ Sent \d+$/ }).click();
  await app.getByRole('button', { name: /^↓ Received \d+$/ }).click();
  await expect(count(app)).toHaveText(new RegExp(`^\\d+ of ${total} shown$`));
  for (const direction of await rows(app).locator('.event-arrow').allTextContents()) expect(direction).toBe('•');
  await app.getByRole('button', { name: /^↑ Sent \d+$/ }).click();
  await app.getByRole('button', { name: /^↓ Received \d+$/ }).click();

  // Turn and agent: the setup before the first question is "before turn 1"; everything ran on chatAgent.
  await app.getByLabel('Filter by turn').selectOption({ label: 'Before turn 1' });
  await expect(count(app)).toHaveText(new RegExp(`^[1-9]\\d* of ${total} shown$`));
  await expect(rows(app).filter({ hasText: 'session.started' })).toHaveCount(1);
  await expect(rows(app).filter({ hasText: 'supervisor.response' })).toHaveCount(0);
  await app.getByLabel('Filter by turn').selectOption({ label: 'Turn 1' });
  await expect(rows(app).filter({ hasText: 'supervisor.response' })).toHaveCount(1);
  await expect(rows(app).filter({ hasText: 'session.started' })).toHaveCount(0);
  await app.getByLabel('Filter by turn').selectOption({ label: 'All turns' });
  await app.getByLabel('Filter by agent').selectOption('chatAgent');
  await expect(count(app)).toHaveText(`${total} events`);
  await app.getByLabel('Filter by agent').selectOption({ label: 'All agents' });

  // Full-text search reaches into payloads: the supervisor's answer is in its result and in the streamed reply.
  await app.getByLabel('Filter events').fill('DUE MAY 28');
  await expect(count(app)).toHaveText(new RegExp(`^[1-9]\\d* of ${total} shown$`));
  await expect(rows(app).filter({ hasText: 'supervisor.response' })).toHaveCount(1);
  await app.getByLabel('Filter events').fill('no event says this');
  await expect(count(app)).toHaveText(`0 of ${total} shown`);
  await expect(app.getByText('No event matches these filters.')).toBeVisible();
  await app.getByLabel('Filter events').fill('supervisor.response');
  await expect(rows(app).first().locator('mark')).toHaveText('supervisor.response');
});

test('a payload opens as a JSON tree whose values and paths can be copied; deltas fold into one row and unfold', async ({ app }) => {
  await liveWithToolCall(app);
  await app.getByLabel('Filter events').fill('response.done');
  await rows(app).first().click();
  const tree = app.getByRole('tree', { name: 'Event payload' });
  await expect(tree).toBeVisible();
  await expect(tree.getByRole('treeitem').filter({ hasText: /^▾?\s*payload/ })).toHaveAttribute('aria-expanded', 'true');
  // Walk into payload.response.status with the keyboard and copy its path and value.
  await tree
    .getByRole('treeitem')
    .filter({ hasText: /^\s*status: "completed"/ })
    .first()
    .click();
  await expect(app.getByTestId('payload-path')).toHaveText('event.payload.response.status');
  await app.getByRole('button', { name: 'Copy path' }).click();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('event.payload.response.status');
  await app.getByRole('button', { name: 'Copy value' }).click();
  expect(await app.evaluate(() => navigator.clipboard.readText())).toBe('completed');
  // ← goes to the parent, ← again closes it.
  await tree.getByRole('treeitem', { selected: true }).focus();
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByTestId('payload-path')).toHaveText('event.payload.response');
  await app.keyboard.press('ArrowLeft');
  await expect(tree.getByRole('treeitem', { selected: true })).toHaveAttribute('aria-expanded', 'false');
  await app.getByRole('button', { name: 'Copy event' }).click();
  expect(JSON.parse(await app.evaluate(() => navigator.clipboard.readText()))).toMatchObject({ type: 'response.done', direction: 'server' });

  // The assistant's transcript deltas are one row per item, with their count and their text.
  await app.getByLabel('Filter events').fill('');
  await app.getByRole('button', { name: /^Types/ }).click();
  await chip(app, 'response.output_audio_transcript.delta').click();
  const folded = rows(app).filter({ has: app.locator('.event-fold') });
  await expect(folded.first()).toBeVisible();
  const deltas = Number(((await folded.first().locator('.event-fold').textContent()) ?? '').replace('×', ''));
  expect(deltas).toBeGreaterThan(1);
  const rowsFolded = await rows(app).count();
  await folded.first().click();
  await app.locator('.inspector-list').press('Enter');
  await expect(rows(app)).toHaveCount(rowsFolded + deltas - 1);
  await app.getByRole('button', { name: 'Fold deltas' }).click();
  await expect(app.getByRole('button', { name: 'Fold deltas' })).toHaveAttribute('aria-pressed', 'false');
});

test('from a transcript tool call to its events, and from an event back to the transcript', async ({ app }) => {
  const driver = await liveWithToolCall(app);
  const tool = driver.toolCall('getNextResponseFromSupervisor').first();
  await tool.locator('summary').click();
  await tool.getByRole('button', { name: 'Events' }).click();
  await expect(app.getByRole('status').filter({ hasText: /^Events of tool call/ })).toBeVisible();
  const related = await rows(app).locator('.event-type').allTextContents();
  expect(related.length).toBeGreaterThanOrEqual(2);
  expect(related).toContain('supervisor.request');
  expect(related.every((type) => !type.startsWith('input_audio') && type !== 'session.created')).toBe(true);

  await rows(app).filter({ hasText: 'supervisor.response' }).first().click();
  await app.getByRole('button', { name: 'Show in transcript' }).click();
  await expect(app.locator('.transcript-row[data-target="true"]')).toContainText('ƒ');
  await app.getByRole('button', { name: 'Show all events' }).click();
  await expect(count(app)).toHaveText(/^\d+ events$/);
});

test('the inspector pops out into its own window that stays live, and docks back', async ({ app }) => {
  const driver = await liveWithToolCall(app);
  await app.getByRole('button', { name: 'Panels' }).click();
  const [popout] = await Promise.all([app.context().waitForEvent('page'), app.getByRole('menuitem', { name: 'Pop out the inspector' }).click()]);
  await popout.waitForLoadState();
  await expect(popout.locator('.inspector-list .event-row').first()).toBeVisible();
  const before = Number(/^(\d+) events$/.exec((await popout.getByTestId('event-count').textContent()) ?? '')?.[1]);

  // New events reach the popped-out inspector while the user talks in the main window.
  await driver.say('And my last payment?');
  await expect(driver.userMessage('And my last payment?')).toBeVisible();
  await expect
    .poll(async () => Number(/^(\d+) events$/.exec((await popout.getByTestId('event-count').textContent()) ?? '')?.[1]))
    .toBeGreaterThan(before);
  await popout.getByLabel('Filter events').fill('And my last payment');
  await expect(popout.locator('.inspector-list .event-row').first()).toContainText('conversation.item.create');

  await app.getByRole('button', { name: 'Panels' }).click();
  await app.getByRole('menuitem', { name: 'Dock the inspector back' }).click();
  await expect(app.locator('.dv-grid-view .inspector-list')).toBeVisible();
  await expect.poll(() => popout.isClosed()).toBe(true);
});

/** The panel ids of each tab group in a saved dockview layout (its grid's leaves). */
function groupsOf(saved: string): string[][] {
  const groups: string[][] = [];
  const walk = (node: unknown): void => {
    if (typeof node !== 'object' || node === null) return;
    const { type, data } = node as { type?: string; data?: unknown };
    if (type === 'leaf') groups.push(((data as { views?: string[] } | undefined)?.views ?? []).slice());
    else if (Array.isArray(data)) data.forEach(walk);
  };
  try {
    walk(
      (JSON.parse(saved) as { layout?: { grid?: { root?: unknown } }; grid?: { root?: unknown } }).layout?.grid?.root ??
        (JSON.parse(saved) as { grid?: { root?: unknown } }).grid?.root,
    );
  } catch {
    return [];
  }
  return groups;
}

test('a rearranged layout survives a reload, and Reset layout restores the default', async ({ app, webHost }) => {
  await sampleShown(app);
  await expect(app.getByRole('tab', { name: 'Sessions' })).toBeVisible();
  await app.getByRole('button', { name: 'Panels' }).click();
  await expect(app.getByRole('menuitemcheckbox', { name: 'Sessions' })).toHaveAttribute('aria-checked', 'true');
  await app.getByRole('menuitemcheckbox', { name: 'Sessions' }).click();
  await expect(app.getByRole('tab', { name: 'Sessions' })).toHaveCount(0);
  // Drag the Settings tab into the inspector's group, a second rearrangement.
  await app.getByRole('tab', { name: 'Settings' }).dragTo(app.locator('.inspector-list'));
  await expect(
    app
      .locator('.dv-groupview')
      .filter({ has: app.getByRole('tab', { name: 'Events' }) })
      .getByRole('tab', { name: 'Settings' }),
  ).toBeVisible();
  // Saved in main a moment after the change: wait until the file on disk has both changes (Sessions closed and
  // Settings in the Events group), not just the first, or the reload may restore the layout from before the drag.
  await expect
    .poll(async () => {
      const saved = await readFile(join(webHost.dataDir, 'layout.json'), 'utf8').catch(() => '');
      return !saved.includes('"sessions"') && groupsOf(saved).some((views) => views.includes('events') && views.includes('settings'));
    })
    .toBe(true);

  // The sample opens only on the host's first start, so after a reload the workspace shows nothing yet.
  await app.reload();
  await expect(app.getByRole('tab', { name: 'Events' })).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Sessions' })).toHaveCount(0);
  await expect(
    app
      .locator('.dv-groupview')
      .filter({ has: app.getByRole('tab', { name: 'Events' }) })
      .getByRole('tab', { name: 'Settings' }),
  ).toBeVisible();

  await app.getByRole('button', { name: 'Panels' }).click();
  await app.getByRole('menuitem', { name: 'Reset layout' }).click();
  await expect(app.getByRole('tab', { name: 'Sessions' })).toBeVisible();
  await expect(
    app
      .locator('.dv-groupview')
      .filter({ has: app.getByRole('tab', { name: 'Transcript' }) })
      .getByRole('tab', { name: 'Settings' }),
  ).toBeVisible();
  await app.reload();
  await expect(app.getByRole('tab', { name: 'Transcript' })).toBeVisible();
  await expect(app.getByRole('tab', { name: 'Sessions' })).toBeVisible();
});
