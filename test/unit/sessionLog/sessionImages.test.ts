import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { defaultSettings } from '../../../src-shared/settings';
import { createRedactor } from '../../../src-main/services/sessionLog/redaction';
import { openSessionLibrary, type SessionLibrary } from '../../../src-main/services/sessionLog/sessionLibrary';
import { scenario, tempDir } from './logFixtures';

const PNG = Buffer.from('\x89PNG pretend image bytes', 'latin1');
const URL = `data:image/png;base64,${PNG.toString('base64')}`;
const setup = { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' } as const;

function imageMessage(seq: number, direction: SessionEvent['direction'], type: string): SessionEvent {
  const content = [
    { type: 'input_text', text: 'What is this?' },
    { type: 'input_image', image_url: URL, detail: 'auto' },
  ];
  return {
    seq,
    t: seq,
    direction,
    type,
    payload: { item: { id: direction === 'server' ? 'item_1' : undefined, type: 'message', role: 'user', content } },
  };
}

async function library(folder: string, logImages: boolean): Promise<SessionLibrary> {
  return openSessionLibrary({
    folder,
    appVersion: '9.9.9',
    settings: () => ({ ...defaultSettings, logImages }),
    redact: createRedactor(() => []),
    log: () => undefined,
  });
}

async function recordImageSession(folder: string, logImages: boolean): Promise<{ sessions: SessionLibrary; id: string; log: string }> {
  const sessions = await library(folder, logImages);
  const { id, file } = await sessions.begin({
    sessionId: 'image-aaaa-1',
    startedAt: '2026-12-03T10:00:00.000Z',
    scenario,
    realtimeModel: 'gpt-realtime',
    setup,
  });
  sessions.append('image-aaaa-1', [imageMessage(0, 'client', 'conversation.item.create'), imageMessage(1, 'server', 'conversation.item.added')]);
  await sessions.end('image-aaaa-1', 'user');
  return { sessions, id, log: file };
}

describe('a session in which the user sent an image', () => {
  it('is saved with the image beside the log, once, and the log naming it by file, size and type instead of the data URL', async () => {
    const folder = join(await tempDir(), 'sessions');
    const { id, log } = await recordImageSession(folder, true);
    const text = await readFile(log, 'utf8');
    expect(text).toContain(`"image":{"file":"1.png","bytes":${PNG.length},"mediaType":"image/png"}`);
    expect(text).not.toContain('data:image');
    expect(await readdir(join(folder, `${id}.images`))).toEqual(['1.png']);
    expect((await readFile(join(folder, `${id}.images`, '1.png'))).equals(PNG)).toBe(true);
  });

  it('replays the image from beside the log, and says in words when the file is gone', async () => {
    const folder = join(await tempDir(), 'sessions');
    const { sessions, id } = await recordImageSession(folder, true);
    expect(await sessions.readImage({ id }, '1.png')).toEqual({ dataUrl: URL, problem: null });
    await rm(join(folder, `${id}.images`, '1.png'));
    expect(await sessions.readImage({ id }, '1.png')).toEqual({
      dataUrl: null,
      problem: 'The image file 1.png is not beside this log (it was deleted or moved, or the log was copied without its .images folder).',
    });
  });

  it('deleting the session deletes its images with it', async () => {
    const folder = join(await tempDir(), 'sessions');
    const { sessions, id } = await recordImageSession(folder, true);
    await sessions.remove(id);
    expect(existsSync(join(folder, `${id}.images`))).toBe(false);
  });

  it('with images left out by the setting, writes no image folder; the log keeps the size and type only', async () => {
    const folder = join(await tempDir(), 'sessions');
    const { id, log } = await recordImageSession(folder, false);
    const text = await readFile(log, 'utf8');
    expect(text).toContain(`"image":{"file":null,"bytes":${PNG.length},"mediaType":"image/png"}`);
    expect(text).not.toContain('data:image');
    expect(existsSync(join(folder, `${id}.images`))).toBe(false);
  });
});
