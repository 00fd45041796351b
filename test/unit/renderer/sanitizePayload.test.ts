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
});
