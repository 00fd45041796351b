import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { LogImageExtractor, loggedImageSchema } from '../../../src-shared/sessionLogImages';

const PNG = Buffer.from('the bytes of a png');
const URL = `data:image/png;base64,${PNG.toString('base64')}`;
const JPEG_URL = `data:image/jpeg;base64,${Buffer.from('a jpeg').toString('base64')}`;

function userItem(seq: number, direction: SessionEvent['direction'], type: string, urls: string[]): SessionEvent {
  return {
    seq,
    t: seq * 10,
    direction,
    type,
    payload: {
      item: {
        type: 'message',
        role: 'user',
        content: [{ type: 'input_text', text: 'Look' }, ...urls.map((url) => ({ type: 'input_image', image_url: url, detail: 'auto' }))],
      },
    },
  };
}

describe('images on their way to the session log', () => {
  it('are taken out of the event and named by file, size and type; the image goes beside the log as a file', () => {
    const extractor = new LogImageExtractor(true);
    const { events, files } = extractor.extract([userItem(0, 'client', 'conversation.item.create', [URL, JPEG_URL])]);
    expect(files).toEqual([
      { name: '1.png', base64: PNG.toString('base64') },
      { name: '2.jpg', base64: Buffer.from('a jpeg').toString('base64') },
    ]);
    expect((events[0]!.payload['item'] as { content: unknown[] }).content).toEqual([
      { type: 'input_text', text: 'Look' },
      { type: 'input_image', detail: 'auto', image: { file: '1.png', bytes: PNG.length, mediaType: 'image/png' } },
      { type: 'input_image', detail: 'auto', image: { file: '2.jpg', bytes: 6, mediaType: 'image/jpeg' } },
    ]);
    expect(JSON.stringify(events)).not.toContain('data:');
    expect(loggedImageSchema.safeParse({ file: '1.png', bytes: PNG.length, mediaType: 'image/png' }).success).toBe(true);
  });

  it('are written once: the server echoing the item names the same file', () => {
    const extractor = new LogImageExtractor(true);
    const first = extractor.extract([userItem(0, 'client', 'conversation.item.create', [URL])]);
    const echo = extractor.extract([userItem(1, 'server', 'conversation.item.added', [URL]), userItem(2, 'server', 'conversation.item.done', [URL])]);
    expect(first.files.map((file) => file.name)).toEqual(['1.png']);
    expect(echo.files).toEqual([]);
    expect(JSON.stringify(echo.events)).toContain('"file":"1.png"');
  });

  it('with the setting off leave no file; the log still says an image of that size and type was sent', () => {
    const { events, files } = new LogImageExtractor(false).extract([userItem(0, 'client', 'conversation.item.create', [URL])]);
    expect(files).toEqual([]);
    expect((events[0]!.payload['item'] as { content: unknown[] }).content[1]).toEqual({
      type: 'input_image',
      detail: 'auto',
      image: { file: null, bytes: PNG.length, mediaType: 'image/png' },
    });
    expect(JSON.stringify(events)).not.toContain('data:');
  });

  it('never reach the log by another road: a data URL anywhere else, or one that is no image, is left out too', () => {
    const stray: SessionEvent = { seq: 0, t: 0, direction: 'app', type: 'sdk.note', payload: { image: URL, other: 'data:text/plain;base64,aGk=' } };
    const notImage = userItem(1, 'client', 'conversation.item.create', ['data:image/bmp;base64,aGk=']);
    const { events, files } = new LogImageExtractor(true).extract([stray, notImage]);
    expect(events[0]!.payload).toEqual({ image: `[image 1.png, ${PNG.length} bytes, image/png]`, other: '[data URL left out]' });
    expect((events[1]!.payload['item'] as { content: unknown[] }).content[1]).toEqual({
      type: 'input_image',
      detail: 'auto',
      image_url: '[not an image data URL]',
    });
    expect(files.map((file) => file.name)).toEqual(['1.png']);
  });

  it('leave every other event as it was, the same object', () => {
    const audio: SessionEvent = { seq: 0, t: 0, direction: 'server', type: 'response.output_audio_transcript.delta', payload: { delta: 'Hello' } };
    const { events, files } = new LogImageExtractor(true).extract([audio]);
    expect(events[0]).toBe(audio);
    expect(files).toEqual([]);
  });
});
