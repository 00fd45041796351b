import { describe, expect, it } from 'vitest';
import { sanitizePayload } from '../../../src-shared/sessionEvent';

describe('event payload sanitising', () => {
  it('masks client secrets and API keys wherever they appear', () => {
    const payload = sanitizePayload('session.created', {
      session: { client_secret: { value: 'ek_68a1b2c3d4e5f6' } },
      note: 'key sk-proj-ABCDEF123456 leaked',
    });
    const text = JSON.stringify(payload);
    expect(text).not.toMatch(/ek_68a1b2c3d4e5f6|sk-proj-ABCDEF123456/);
    expect(text).toContain('ek_…redacted');
  });

  it('replaces base64 audio with its size', () => {
    expect(sanitizePayload('input_audio_buffer.append', { type: 'input_audio_buffer.append', audio: 'AAAA'.repeat(100) })).toEqual({
      type: 'input_audio_buffer.append',
      audio: '[300 bytes of audio]',
    });
  });

  it('leaves transcript deltas alone', () => {
    expect(sanitizePayload('response.output_audio_transcript.delta', { delta: 'hello' })).toEqual({ delta: 'hello' });
  });

  it('drops the audio of server audio deltas, keeping its size and the other fields', () => {
    expect(sanitizePayload('response.output_audio.delta', { type: 'response.output_audio.delta', item_id: 'item_1', delta: 'AAAAAAAA' })).toEqual({
      type: 'response.output_audio.delta',
      item_id: 'item_1',
      delta: '[6 bytes of audio]',
    });
  });

  it('keeps a field named audio or delta in events that carry no audio', () => {
    expect(sanitizePayload('response.output_text.delta', { delta: 'AAAA' })).toEqual({ delta: 'AAAA' });
    expect(sanitizePayload('session.update', { session: { audio: { output: { voice: 'sage' } } } })).toEqual({
      session: { audio: { output: { voice: 'sage' } } },
    });
  });

  it('masks secrets inside lists, and keeps numbers, booleans and nulls as they are', () => {
    expect(sanitizePayload('app.note', { items: ['sk-abcdefgh', 3, true, null] })).toEqual({ items: ['sk-…redacted', 3, true, null] });
  });

  it('wraps a payload that is not an object, so every logged payload is an object', () => {
    expect(sanitizePayload('app.note', 'sk-abcdefgh')).toEqual({ value: 'sk-…redacted' });
    expect(sanitizePayload('app.note', [1])).toEqual({ value: [1] });
    expect(sanitizePayload('app.note', null)).toEqual({ value: null });
  });
});
