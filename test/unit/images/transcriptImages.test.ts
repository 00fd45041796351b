import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { emptyTranscript, transcriptToText, type TranscriptEntry } from '../../../src-shared/transcript/transcriptModel';
import { transcriptToMarkdown } from '../../../src-shared/transcript/transcriptMarkdown';
import { reduceTranscript } from '../../../src-shared/transcript/transcriptReducer';

const BYTES = Buffer.from('fifteen bytes!!');
const URL = `data:image/png;base64,${BYTES.toString('base64')}`;

function added(seq: number, id: string, content: Record<string, unknown>[]): SessionEvent {
  return { seq, t: seq, direction: 'server', type: 'conversation.item.added', payload: { item: { id, type: 'message', role: 'user', content } } };
}

function messages(events: SessionEvent[]): Extract<TranscriptEntry, { kind: 'message' }>[] {
  return reduceTranscript(emptyTranscript(), events)
    .entries.toArray()
    .filter((entry): entry is Extract<TranscriptEntry, { kind: 'message' }> => entry.kind === 'message');
}

describe('a user message with an image in the transcript', () => {
  it('live: carries the image from its data URL, with its size and type, beside the typed text', () => {
    const [entry] = messages([
      added(0, 'item_1', [
        { type: 'input_text', text: 'What is this?' },
        { type: 'input_image', image_url: URL, detail: 'auto' },
      ]),
    ]);
    expect(entry).toMatchObject({ text: 'What is this?', images: [{ source: 'inline', dataUrl: URL, bytes: 15, mediaType: 'image/png' }] });
  });

  it('replayed: names the file beside the log, or says the log left the image out', () => {
    const [kept, leftOut] = messages([
      added(0, 'item_1', [{ type: 'input_image', image: { file: '1.png', bytes: 15, mediaType: 'image/png' } }]),
      added(1, 'item_2', [{ type: 'input_image', image: { file: null, bytes: 2048, mediaType: 'image/jpeg' } }]),
    ]);
    expect(kept!.images).toEqual([{ source: 'file', file: '1.png', bytes: 15, mediaType: 'image/png' }]);
    expect(leftOut!.images).toEqual([{ source: 'left-out', bytes: 2048, mediaType: 'image/jpeg' }]);
  });

  it('keeps its image when a later event about the item carries none (a retrieved item, a transcript)', () => {
    const [entry] = messages([
      added(0, 'item_1', [
        { type: 'input_text', text: 'Look' },
        { type: 'input_image', image_url: URL },
      ]),
      {
        seq: 1,
        t: 1,
        direction: 'server',
        type: 'conversation.item.retrieved',
        payload: { item: { id: 'item_1', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Look' }] } },
      },
    ]);
    expect(entry!.images).toHaveLength(1);
  });

  it('is exported with the image in words', () => {
    const entries = reduceTranscript(emptyTranscript(), [
      added(0, 'item_1', [
        { type: 'input_text', text: 'Look' },
        { type: 'input_image', image_url: URL },
      ]),
    ]).entries.toArray();
    expect(transcriptToText(entries)).toBe('User: Look [image (PNG, 15 bytes)]');
    expect(transcriptToMarkdown(entries, { title: 'T', details: [] })).toContain('**User:** Look _(image (PNG, 15 bytes))_');
  });

  it('a part that claims to be an image but holds no readable one is shown as such, not dropped', () => {
    const [entry] = messages([added(0, 'item_1', [{ type: 'input_image', image_url: 'https://example.com/cat.png' }])]);
    expect(entry!.images).toEqual([{ source: 'left-out', bytes: 0, mediaType: 'unknown' }]);
  });
});
