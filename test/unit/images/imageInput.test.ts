import { describe, expect, it } from 'vitest';
import {
  base64Bytes,
  formatBytes,
  imageBytesFitting,
  imageMediaTypeOfFile,
  MAX_IMAGE_BYTES,
  parseImageDataUrl,
  refuseImage,
  userMessageContent,
} from '../../../src-shared/imageInput';

const PNG_BASE64 = Buffer.from('fake png bytes!').toString('base64');

describe('an image picked or pasted into the message box', () => {
  it('is taken when it is a PNG, JPEG, WebP or GIF within the limit', () => {
    for (const type of ['image/png', 'image/jpeg', 'image/webp', 'image/gif'])
      expect(refuseImage({ name: 'a', type, size: 1000 }, 2000)).toBeUndefined();
  });

  it('is refused in plain words when it is another kind of file, naming it', () => {
    expect(refuseImage({ name: 'scan.bmp', type: 'image/bmp', size: 10 })).toBe(
      'scan.bmp is image/bmp: only PNG, JPEG, WebP and GIF images can be sent.',
    );
    expect(refuseImage({ name: 'notes', type: '', size: 10 })).toBe('notes is of an unknown type: only PNG, JPEG, WebP and GIF images can be sent.');
  });

  it('is refused when it is larger than the limit, saying both sizes; a pasted image without a name is called so', () => {
    expect(refuseImage({ name: '', type: 'image/png', size: 3 * 1024 * 1024 }, 1024 * 1024)).toBe(
      'The pasted image is 3.0 MB; the largest image that can be sent here is 1.0 MB. Send a smaller or more compressed image.',
    );
    expect(refuseImage({ name: 'empty.png', type: 'image/png', size: 0 })).toBe('empty.png is empty.');
  });

  it('fits the data channel: the limit is what one message carries once base64 and the text are counted', () => {
    expect(imageBytesFitting(65_536, 0)).toBe(Math.floor(((65_536 - 1024) * 3) / 4));
    expect(imageBytesFitting(65_536, 100)).toBe(Math.floor(((65_536 - 1024 - 400) * 3) / 4));
    expect(imageBytesFitting(undefined, 0)).toBe(MAX_IMAGE_BYTES);
    expect(imageBytesFitting(1024 * 1024 * 1024, 0)).toBe(MAX_IMAGE_BYTES);
    expect(imageBytesFitting(500, 0)).toBe(0);
  });
});

describe('an image data URL', () => {
  it('gives its media type, data and decoded size', () => {
    expect(parseImageDataUrl(`data:image/png;base64,${PNG_BASE64}`)).toEqual({ ok: true, mediaType: 'image/png', base64: PNG_BASE64, bytes: 15 });
    expect(base64Bytes(Buffer.from('ab').toString('base64'))).toBe(2);
    expect(base64Bytes(Buffer.from('abc').toString('base64'))).toBe(3);
  });

  it('is refused with a reason when it is not a base64 data URL of a supported image', () => {
    expect(parseImageDataUrl('https://example.com/cat.png')).toEqual({ ok: false, reason: 'is not a data URL (data:image/png;base64,…)' });
    expect(parseImageDataUrl('data:image/png,rawbytes')).toMatchObject({ ok: false, reason: expect.stringContaining('not a base64 data URL') });
    expect(parseImageDataUrl(`data:image/bmp;base64,${PNG_BASE64}`)).toMatchObject({ ok: false, reason: expect.stringContaining("'image/bmp'") });
    expect(parseImageDataUrl('data:image/png;base64,abc')).toEqual({ ok: false, reason: 'holds no whole base64 image data' });
  });
});

describe('a user message with images', () => {
  it('carries the typed text first, then each image as input_image with its detail', () => {
    const image = { name: 'a.png', mediaType: 'image/png' as const, bytes: 15, dataUrl: `data:image/png;base64,${PNG_BASE64}` };
    expect(userMessageContent('What is this?', [image])).toEqual([
      { type: 'input_text', text: 'What is this?' },
      { type: 'input_image', image: image.dataUrl, providerData: { detail: 'auto' } },
    ]);
    expect(userMessageContent('', [image], 'low')).toEqual([{ type: 'input_image', image: image.dataUrl, providerData: { detail: 'low' } }]);
  });

  it('names sizes and saved files in words a person reads', () => {
    expect([formatBytes(830), formatBytes(12_700), formatBytes(3_250_000)]).toEqual(['830 bytes', '12.4 KB', '3.1 MB']);
    expect([imageMediaTypeOfFile('3.jpg'), imageMediaTypeOfFile('1.webp'), imageMediaTypeOfFile('2.gif')]).toEqual([
      'image/jpeg',
      'image/webp',
      'image/gif',
    ]);
  });
});
