import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/** A log as other Realtime clients write it: beta event names, no timestamps, no directions. */
const betaLog = [
  { type: 'session.update', session: { modalities: ['text'], instructions: 'Be brief.' } },
  { type: 'session.created', event_id: 'e1', session: { id: 'sess_1' } },
  { type: 'conversation.item.create', item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What time do you open?' }] } },
  {
    type: 'conversation.item.created',
    event_id: 'e2',
    item: { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'What time do you open?' }] },
  },
  { type: 'response.created', event_id: 'e3', response: { id: 'r1' } },
  { type: 'conversation.item.created', event_id: 'e4', item: { id: 'a1', type: 'message', role: 'assistant', content: [] } },
  { type: 'response.text.delta', event_id: 'e5', item_id: 'a1', delta: 'We open ' },
  { type: 'response.text.delta', event_id: 'e6', item_id: 'a1', delta: 'at nine.' },
  { type: 'response.text.done', event_id: 'e7', item_id: 'a1', text: 'We open at nine.' },
  { type: 'response.vendor_specific_thing', event_id: 'e8', detail: 'kept and shown' },
  { type: 'response.done', event_id: 'e9', response: { id: 'r1', status: 'completed', usage: { input_tokens: 10, output_tokens: 5 } } },
];

/** A fresh data folder opens the bundled sample at start; wait for it, so it cannot replace what a test opens. */
async function sampleShown(app: Page): Promise<void> {
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
}

async function dropFile(app: Page, name: string, text: string): Promise<void> {
  await sampleShown(app);
  const transfer = await app.evaluateHandle(
    ([fileName, content]) => {
      const data = new DataTransfer();
      data.items.add(new File([content], fileName, { type: 'application/json' }));
      return data;
    },
    [name, text] as const,
  );
  await app.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
  await app.dispatchEvent('body', 'drop', { dataTransfer: transfer });
}

test('an imported plain Realtime event log (beta names, no timestamps) renders its transcript and keeps unknown events', async ({ app }) => {
  const driver = new AppDriver(app);
  await sampleShown(app);
  await driver.openSessions();
  await app.getByLabel('Log file to open').setInputFiles({
    name: 'other-client.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(betaLog.map((event) => JSON.stringify(event)).join('\n')),
  });
  await expect(app.getByTestId('replay-title')).toHaveText(/other-client\.jsonl · imported Realtime event log/);
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await expect(driver.userMessage('What time do you open?')).toBeVisible();
  await expect(driver.assistantMessage('We open at nine.')).toBeVisible();
  await expect(app.getByTestId('event-count')).toHaveText(`${betaLog.length} events`);
  const kept = await driver.filterEvents('vendor_specific');
  await expect(kept).toHaveCount(1);
  await expect(await driver.filterEvents('client')).toHaveCount(2);
});

test('a JSON array dropped on the window opens as a replay', async ({ app }) => {
  const driver = new AppDriver(app);
  const wrapped = betaLog.map((event, index) => ({ timestamp: new Date(Date.UTC(2026, 0, 1, 10, 0, index)).toISOString(), event }));
  await dropFile(app, 'console-export.json', JSON.stringify(wrapped));
  await expect(app.getByTestId('replay-title')).toContainText('console-export.json');
  await expect(driver.assistantMessage('We open at nine.')).toBeVisible();
  await expect(app.getByTestId('replay-clock')).toContainText('/ 0:10');
});

test('a file that is not a log says so, naming the file and its first line, and the app stays usable', async ({ app }) => {
  await dropFile(app, 'notes.txt', 'shopping list\nmilk\n');
  await expect(app.getByTestId('replay-error')).toHaveText(
    'notes.txt is not a session log or a Realtime event log: nothing in it could be read (line 1 is not valid JSON).',
  );
  await expect(app.getByRole('button', { name: 'Connect' })).toBeEnabled();
});

test('exports: the transcript as Markdown and the session as JSONL in the workbench format, both checked by content', async ({ app }) => {
  const driver = new AppDriver(app);
  await expect(app.getByTestId('replay-title')).toContainText('Sample session');
  await expect(driver.assistantMessage(/30-day return window/)).toBeVisible();

  const [markdownDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export Markdown' }).click()]);
  expect(markdownDownload.suggestedFilename()).toMatch(/^Customer-service-retail-.*\.md$/);
  const markdown = await readFile((await markdownDownload.path())!, 'utf8');
  expect(markdown).toMatch(/^# Customer service \(retail\), /);
  expect(markdown).toContain('- Scenario: Customer service (retail) (customerServiceRetail), start agent authentication');
  expect(markdown).toContain('**User:** Yes, I want to return it.');
  expect(markdown).toContain('> Handoff: authentication → returns');
  expect(markdown).toMatch(/- Tool `checkEligibilityAndPossiblyInitiateReturn` via the escalation model o4-mini/);
  expect(markdown).toMatch(/\*\*Assistant \(returns\):\*\* The order is within the 30-day return window\. _\(guardrail: pass\)_/);

  const [jsonlDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('button', { name: 'Export JSONL' }).click()]);
  const exported = (await readFile((await jsonlDownload.path())!, 'utf8')).split('\n').filter((line) => line !== '');
  const original = readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  expect(exported.map((line) => JSON.parse(line) as unknown)).toEqual(original.map((line) => JSON.parse(line) as unknown));

  await expect(app.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
  const [wavDownload] = await Promise.all([app.waitForEvent('download'), app.getByRole('link', { name: 'Export WAV' }).click()]);
  const wav = await readFile((await wavDownload.path())!);
  expect(wav.subarray(0, 4).toString('latin1')).toBe('RIFF');
  expect(wav.subarray(8, 12).toString('latin1')).toBe('WAVE');
  expect({ channels: wav.readUInt16LE(22), sampleRate: wav.readUInt32LE(24), bits: wav.readUInt16LE(34) }).toEqual({
    channels: 2,
    sampleRate: 24_000,
    bits: 16,
  });
  expect(wav.equals(readFileSync(SAMPLE.replace(/\.jsonl$/, '.wav')))).toBe(true);
});
