import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { defaultScript } from '../fake-openai/defaultScript';
import type { FakeOpenAI } from '../fake-openai/server';
import { AppDriver } from '../support/appDriver';
import { expect, test } from '../support/fixtures';
import { pngOf } from '../support/pngFile';
import { sessionLogLines } from '../support/sessionLogFile';

const QUESTION = 'What is in this picture?';
const ANSWER = 'What a lovely sunset over the sea.';
/** A small gradient: well under the data channel's 64 KB message limit the fake's WebRTC peer announces. */
const SUNSET = pngOf(96, 64, (x, y) => [200 - y, 80 + x, 60 + y * 2]);
/** Noise does not compress: about 300 KB, more than one data channel message carries (64 KB here, 256 KB at most in Chromium). */
const NOISE = pngOf(320, 320, (x, y) => {
  const hash = Math.imul(x * 7919 + y * 104_729, 2_654_435_761) >>> 8;
  return [hash & 255, (hash >>> 8) & 255, (hash >>> 16) & 255];
});
const SUNSET_SIZE = `${(SUNSET.length / 1024).toFixed(1)} KB`;

const script = defaultScript();
script.realtime.unshift({ name: 'greeter looks at a picture', agent: 'greeter', userSentImage: true, say: ANSWER });
test.use({ script });

/** The input_image parts of every user item the fake received. */
function receivedImages(fake: FakeOpenAI): { type: string; image_url?: string; detail?: string }[] {
  return fake.received.clientEvents('conversation.item.create').flatMap((entry) => {
    const item = typeof entry.event === 'object' ? (entry.event['item'] as { content?: { type: string }[] } | undefined) : undefined;
    return (item?.content ?? []).filter((part) => part.type === 'input_image');
  });
}

async function connectGreeter(app: Page): Promise<AppDriver> {
  const driver = new AppDriver(app);
  await driver.pickScenario('simpleHandoff');
  await driver.connect();
  return driver;
}

/** The one session's log file name (without `.jsonl`) in the data folder. */
async function logName(dataDir: string): Promise<string> {
  const names = (await readdir(join(dataDir, 'sessions'))).filter((name) => name.endsWith('.jsonl'));
  expect(names).toHaveLength(1);
  return names[0]!.replace(/\.jsonl$/, '');
}

test('an image attached to a message is sent as input_image, shown as a thumbnail, kept beside the log and shown again in the replay', async ({
  app,
  fake,
  webHost,
}, testInfo) => {
  const driver = await connectGreeter(app);
  const box = app.getByRole('form', { name: 'Message box' });
  const message = box.getByLabel('Message', { exact: true });
  const picker = box.getByLabel('Image file to attach');
  await message.fill(QUESTION);

  // Refused files are said in words, and the typed text stays.
  await picker.setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
  await expect(box.getByRole('alert')).toHaveText('notes.txt is text/plain: only PNG, JPEG, WebP and GIF images can be sent.');
  await picker.setInputFiles({ name: 'noise.png', mimeType: 'image/png', buffer: NOISE });
  await expect(box.getByRole('alert')).toContainText(/^noise\.png is \d+\.\d KB; the largest image that can be sent here is \d+\.\d KB\./);
  await expect(message).toHaveValue(QUESTION);
  expect(receivedImages(fake)).toEqual([]);
  await box.screenshot({ path: testInfo.outputPath('images-refused-light.png') });

  await picker.setInputFiles({ name: 'sunset.png', mimeType: 'image/png', buffer: SUNSET });
  await expect(box.getByRole('alert')).toHaveCount(0);
  await expect(app.getByRole('img', { name: `Image to send: sunset.png (PNG, ${SUNSET_SIZE})` })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Remove image sunset.png' })).toBeVisible();
  await box.screenshot({ path: testInfo.outputPath('images-pending-light.png') });
  await app.getByRole('button', { name: 'Send' }).click();

  // The thumbnail in the transcript, and the model's answer to a message that carried an image.
  const sent = driver.userMessage(QUESTION);
  const thumbnail = sent.getByRole('img', { name: `Sent image (PNG, ${SUNSET_SIZE})` });
  await expect(thumbnail).toBeVisible();
  await expect.poll(() => thumbnail.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(96);
  await expect(driver.assistantMessage(ANSWER)).toBeVisible();
  await expect(message).toHaveValue('');
  await expect(app.getByRole('button', { name: 'Remove image sunset.png' })).toHaveCount(0);

  // The fake received the image as a data URL in one user item, with the typed text.
  expect(receivedImages(fake)).toEqual([{ type: 'input_image', image_url: `data:image/png;base64,${SUNSET.toString('base64')}`, detail: 'auto' }]);

  await app.getByTestId('transcript').screenshot({ path: testInfo.outputPath('images-transcript-light.png') });
  await driver.openSettings();
  await app.getByLabel('Theme').selectOption('dark');
  await app.getByRole('button', { name: 'Save settings' }).click();
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await expect(thumbnail).toBeVisible();
  await app.getByTestId('transcript').screenshot({ path: testInfo.outputPath('images-transcript-dark.png') });

  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');

  // Beside the log: the image, byte for byte; in the log: its file name, size and type, never the data URL.
  const name = await logName(webHost.dataDir);
  const imageFile = join(webHost.dataDir, 'sessions', `${name}.images`, '1.png');
  await expect.poll(() => existsSync(imageFile)).toBe(true);
  expect((await readFile(imageFile)).equals(SUNSET)).toBe(true);
  const lines = await sessionLogLines(webHost.dataDir);
  expect(lines.at(-1)).toMatchObject({ record: 'footer' });
  const text = lines.map((line) => JSON.stringify(line)).join('\n');
  expect(text).not.toContain('data:image');
  const created = lines.find(
    (line) => line.direction === 'client' && line.type === 'conversation.item.create' && JSON.stringify(line).includes(QUESTION),
  );
  expect((created?.payload?.['item'] as { content?: unknown[] } | undefined)?.content).toEqual([
    { type: 'input_text', text: QUESTION },
    { type: 'input_image', detail: 'auto', image: { file: '1.png', bytes: SUNSET.length, mediaType: 'image/png' } },
  ]);

  // The replay shows the thumbnail from the file beside the log.
  await driver.openSessions();
  await app.getByTestId('session-row').getByRole('button', { name: 'Open' }).click();
  await app.getByRole('tab', { name: 'Transcript' }).click();
  const replayed = driver.userMessage(QUESTION).getByRole('img', { name: `Sent image (PNG, ${SUNSET_SIZE})` });
  await expect(replayed).toBeVisible();
  await expect.poll(() => replayed.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(96);
});

test('with "Keep sent images in session logs" off, a pasted image is sent but the log keeps only its size and type', async ({
  app,
  fake,
  webHost,
}) => {
  const driver = new AppDriver(app);
  await driver.openSettings();
  const keep = app.getByRole('switch', { name: 'Keep sent images in session logs' });
  await expect(keep).toBeChecked();
  await keep.uncheck();
  await app.getByRole('button', { name: 'Save settings' }).click();
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await connectGreeter(app);

  // Paste an image into the message box, as from the clipboard, with no text: the image alone is a message.
  const base64 = SUNSET.toString('base64');
  await app.getByLabel('Message', { exact: true }).evaluate((input, data) => {
    const bytes = Uint8Array.from(atob(data), (char) => char.charCodeAt(0));
    const transfer = new DataTransfer();
    transfer.items.add(new File([bytes], 'image.png', { type: 'image/png' }));
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, base64);
  await expect(app.getByRole('img', { name: `Image to send: image.png (PNG, ${SUNSET_SIZE})` })).toBeVisible();
  await app.getByRole('button', { name: 'Send' }).click();
  await expect(driver.assistantMessage(ANSWER)).toBeVisible();
  expect(receivedImages(fake)).toEqual([{ type: 'input_image', image_url: `data:image/png;base64,${base64}`, detail: 'auto' }]);

  await app.getByRole('button', { name: 'Disconnect' }).click();
  await expect(driver.phase).toHaveText('Not connected');
  const name = await logName(webHost.dataDir);
  expect(existsSync(join(webHost.dataDir, 'sessions', `${name}.images`))).toBe(false);
  const lines = await sessionLogLines(webHost.dataDir);
  expect(lines.map((line) => JSON.stringify(line)).join('\n')).not.toContain('data:image');
  const created = lines.find(
    (line) => line.direction === 'client' && line.type === 'conversation.item.create' && JSON.stringify(line).includes('input_image'),
  );
  expect((created?.payload?.['item'] as { content?: unknown[] } | undefined)?.content).toEqual([
    { type: 'input_image', detail: 'auto', image: { file: null, bytes: SUNSET.length, mediaType: 'image/png' } },
  ]);

  await driver.openSessions();
  await app.getByTestId('session-row').getByRole('button', { name: 'Open' }).click();
  await app.getByRole('tab', { name: 'Transcript' }).click();
  await expect(app.getByText(`Sent image (PNG, ${SUNSET_SIZE}), not kept in the log (“Keep sent images in session logs” was off).`)).toBeVisible();
});
