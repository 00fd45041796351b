import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { openLog } from '../../src-main/services/sessionLog/sessionLogReader';
import { startBuiltWebHost } from '../support/webHostProcess';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { sessionLogLines } from '../support/sessionLogFile';

const QUESTION = 'What is my account balance?';

/** A live chatSupervisor session in which the user has typed a question and the supervisor's answer has come back. */
async function askTheSupervisor(app: Page): Promise<AppDriver> {
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say(QUESTION);
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();
  return driver;
}

test('a live session is written to sessions/ while it runs, is listed in the library, and replays to the same transcript', async ({
  app,
  webHost,
}) => {
  const driver = await askTheSupervisor(app);

  // Still connected, the log on disk already holds the header, the typed message and the supervisor's answer.
  await expect(driver.phase).toHaveText('Connected');
  await expect
    .poll(async () => {
      const lines = await sessionLogLines(webHost.dataDir);
      const serialized = lines.map((line) => JSON.stringify(line));
      return {
        header: lines[0]?.['record'] === 'header' && (lines[0]['scenario'] as { id?: string }).id === 'chatSupervisor',
        typed: serialized.some((line) => line.includes('"conversation.item.create"') && line.includes(QUESTION)),
        supervisor: serialized.some((line) => line.includes('"supervisor.response"') && line.includes(SUPERVISOR_BILL_ANSWER)),
      };
    })
    .toEqual({ header: true, typed: true, supervisor: true });
  const whileRunning = await sessionLogLines(webHost.dataDir);
  expect(whileRunning.some((line) => line['record'] === 'footer')).toBe(false);
  // No secret reaches the disk: the minted client secret is nowhere in the log.
  expect(whileRunning.map((line) => JSON.stringify(line)).join('\n')).not.toMatch(/ek_[A-Za-z0-9]{6,}|sk-test/);

  await driver.openSessions();
  const row = app.getByTestId('session-row');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('recording');
  await expect(row).toContainText(QUESTION);

  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');
  await expect(row).toContainText('complete');
  await app.getByRole('tab', { name: 'Transcript' }).click();
  const liveText = await driver.transcriptText();
  expect(liveText).toContain(SUPERVISOR_BILL_ANSWER);
  const lines = await sessionLogLines(webHost.dataDir);
  expect(lines.at(-1)).toMatchObject({ record: 'footer', reason: 'user', eventCount: lines.length - 2 });

  await driver.openSessions();
  await row.getByRole('button', { name: 'Open' }).click();
  await expect(app.getByTestId('replay-title')).toContainText('Chat + supervisor (phone company)');
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();
  expect(await driver.transcriptText()).toBe(liveText);
  await expect(app.getByTestId('event-count')).toHaveText(`${lines.length - 2} events`);
});

test('killing the host with SIGKILL mid-session loses nothing that was flushed, and the crashed log still reads and summarises', async ({
  app,
  webHost,
}) => {
  const driver = await askTheSupervisor(app);
  await expect.poll(async () => (await sessionLogLines(webHost.dataDir)).length, { timeout: 5_000 }).toBeGreaterThan(40);
  const onDiskBeforeKill = (await sessionLogLines(webHost.dataDir)).length - 1;

  await webHost.kill('SIGKILL');

  const folder = join(webHost.dataDir, 'sessions');
  const [file] = (await readdir(folder)).filter((name) => name.endsWith('.jsonl'));
  const path = join(folder, file!);
  const log = await openLog(path);
  const read: SessionEvent[] = [];
  for (let chunk = await log.next(); ; chunk = await log.next()) {
    read.push(...chunk.events);
    expect(chunk.skipped).toEqual([]);
    if (chunk.done) break;
  }
  expect(log.footer()).toBeUndefined();
  expect(read.length).toBeGreaterThanOrEqual(onDiskBeforeKill);
  // What is on disk is exactly the start of what the page recorded, in order, with nothing missing in between.
  const recorded = await driver.events();
  expect(read.map((event) => [event.seq, event.type])).toEqual(recorded.slice(0, read.length).map((event) => [event.seq, event.type]));

  const summary = spawnSync('npm', ['run', '--silent', 'log', '--', 'summary', path], { encoding: 'utf8', timeout: 60_000 });
  expect(summary.status).toBe(0);
  expect(summary.stdout).toContain('Ended: no end record (crashed or killed)');
  expect(summary.stdout).toContain(`User: ${QUESTION}`);
  expect(summary.stdout).toContain(SUPERVISOR_BILL_ANSWER);
});

test.describe('without a key', () => {
  test.use({ apiKey: '' });
  test('a first run with no key and no saved sessions opens the bundled sample session, its turns and its events', async ({ app }) => {
    const driver = new AppDriver(app);
    await expect(app.getByTestId('replay-title')).toContainText('Sample session');
    await expect(app.getByTestId('replay-title')).toContainText('Customer service (retail)');
    await expect(app.getByText('No API key: add one in Settings to connect.')).toBeVisible();
    await expect(driver.userMessage('Yes, I want to return it.')).toBeVisible();
    await expect(driver.assistantMessage(/30-day return window/)).toBeVisible();
    const sample = readFileSync('resources/sample-session/customer-service-retail.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const eventCount = sample.length - 2;
    await expect(app.getByTestId('event-count')).toHaveText(`${eventCount} events`);
    await expect(await driver.filterEvents('escalation.response')).toHaveCount(1);
    // The sample carries its recorded audio, drawn under the replay bar.
    await expect(app.getByTestId('replay-waveform')).toHaveAttribute('data-state', 'ready');
  });
});

test('a crashed log named on the command line opens at start, offline, naming its cut-off last line', async ({ workbenchBrowser }) => {
  const crashed = join(await mkdtemp(join(tmpdir(), 'workbench-cli-open-')), 'crashed.jsonl');
  const sample = readFileSync('resources/sample-session/customer-service-retail.jsonl', 'utf8').split('\n');
  await writeFile(crashed, `${sample.slice(0, 100).join('\n')}\n{"seq":99,"t":`);
  const host = await startBuiltWebHost({}, [crashed]);
  try {
    const page = await workbenchBrowser.newPage();
    await page.goto(host.url);
    await expect(page.getByTestId('replay-title')).toContainText('crashed.jsonl');
    await expect(page.getByTestId('replay-skipped')).toHaveText(
      /1 line of crashed\.jsonl could not be read and was skipped: line 101 is cut short \(incomplete JSON\)/,
    );
    await expect(page.getByText(/This session has no end record/)).toBeVisible();
    await expect(page.getByTestId('event-count')).toHaveText('99 events');
  } finally {
    await host.stop();
  }
});

test('when the sessions folder cannot be written the toolbar says the session is not saved, and the live session goes on', async ({
  app,
  webHost,
}) => {
  // A file where the folder should be: mkdir fails whoever runs the test (root ignores permission bits).
  await writeFile(join(webHost.dataDir, 'sessions'), 'not a folder');
  const driver = await askTheSupervisor(app);
  const problem = app.getByTestId('recording-state');
  await expect(problem).toHaveAttribute('role', 'alert');
  await expect(problem).toContainText(
    `Not saved: This session is not being saved: The sessions folder ${join(webHost.dataDir, 'sessions')} cannot be created`,
  );
  await driver.say('Hello');
  await expect(driver.assistantMessage("Hi, you've reached Brightwave Mobile, how can I help?")).toBeVisible();
  await expect(driver.phase).toHaveText('Connected');
});
