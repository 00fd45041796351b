import { copyFile, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElectronApplication } from '@playwright/test';
import { clickMenuItem, electronMissing, expect, test } from '../support/electronApp';

test.skip(electronMissing !== undefined, electronMissing ?? '');

const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/**
 * Replaces main's open dialog with one that answers as the user would (`file` picked, or Cancel) and counts
 * how often it is asked; the page never sees a path, only the grant main hands it.
 */
async function stubOpenDialog(app: ElectronApplication, file: string | null): Promise<void> {
  await app.evaluate(({ dialog }, picked) => {
    const state = globalThis as { openDialogAsked?: string[] };
    state.openDialogAsked = [];
    dialog.showOpenDialog = (async (...args: unknown[]) => {
      const options = args.find((arg): arg is { title?: string } => typeof arg === 'object' && arg !== null && 'title' in arg);
      state.openDialogAsked!.push(options?.title ?? '');
      return picked === null ? { canceled: true, filePaths: [] } : { canceled: false, filePaths: [picked] };
    }) as typeof dialog.showOpenDialog;
  }, file);
}

const dialogTitles = (app: ElectronApplication) => app.evaluate(() => (globalThis as { openDialogAsked?: string[] }).openDialogAsked ?? []);

test('File → Open Session Log… replays the log picked in the dialog: its transcript and every event', async ({ desktop }) => {
  const { app, page, driver } = desktop;
  await expect(page.getByTestId('replay-title')).toContainText('Sample session');
  const picked = join(await mkdtemp(join(tmpdir(), 'workbench-open-log-')), 'menu-opened-return.jsonl');
  await copyFile(SAMPLE, picked);
  const eventCount = (await readFile(picked, 'utf8')).split('\n').filter((line) => line !== '').length - 2;

  await stubOpenDialog(app, picked);
  await clickMenuItem(app, 'File', 'Open Session Log…');

  await expect(page.getByTestId('replay-title')).toContainText('menu-opened-return.jsonl · Customer service (retail)');
  expect(await dialogTitles(app)).toEqual(['Open a session log or a Realtime event log']);
  await page.getByRole('tab', { name: 'Transcript' }).click();
  await expect(driver.userMessage('Yes, I want to return it.')).toBeVisible();
  await expect(driver.assistantMessage(/30-day return window/)).toBeVisible();
  await expect(page.getByTestId('event-count')).toHaveText(`${eventCount} events`);
  await expect(await driver.filterEvents('escalation.response')).toHaveCount(1);
});

test('File → Open Session Log… cancelled in the dialog leaves what is shown as it was', async ({ desktop }) => {
  const { app, page } = desktop;
  await expect(page.getByTestId('replay-title')).toContainText('Sample session');
  await stubOpenDialog(app, null);
  await clickMenuItem(app, 'File', 'Open Session Log…');
  await expect.poll(() => dialogTitles(app)).toEqual(['Open a session log or a Realtime event log']);
  // One more round trip through main, after the dialog's answer has been handled there.
  await app.evaluate(() => undefined);
  await expect(page.getByTestId('replay-title')).toContainText('Sample session');
});
