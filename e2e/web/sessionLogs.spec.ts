import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SUPERVISOR_BILL_ANSWER } from '../fake-openai/defaultScript';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';

const QUESTION = 'What is my account balance?';

async function sessionLogLines(dataDir: string): Promise<Record<string, unknown>[]> {
  const folder = join(dataDir, 'sessions');
  const files = (await readdir(folder).catch(() => [] as string[])).filter((name) => name.endsWith('.jsonl'));
  if (files.length !== 1) return [];
  const text = await readFile(join(folder, files[0]!), 'utf8');
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

test('a live session is written to sessions/ while it runs, is listed in the library, and replays to the same transcript', async ({
  app,
  webHost,
}) => {
  const driver = new AppDriver(app);
  await driver.pickScenario('chatSupervisor');
  await driver.connect();
  await driver.say(QUESTION);
  await expect(driver.assistantMessage(SUPERVISOR_BILL_ANSWER)).toBeVisible();

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
  await expect(app.getByTestId('event-count')).toHaveText(`${lines.length - 2} / ${lines.length - 2} events`);
});
