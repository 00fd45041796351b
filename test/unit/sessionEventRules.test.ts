import { describe, expect, it, vi } from 'vitest';

/**
 * The session event's shape and what is kept of a payload. Both rest on module-level values (the schema, the
 * secret pattern, the audio fields), so each test takes them from a fresh import: one imported at the top would
 * be built before a mutation-testing run switches a change on.
 */
async function sessionEvent() {
  vi.resetModules();
  return import('../../src-shared/sessionEvent');
}

const event = { seq: 0, t: 0, direction: 'server', type: 'response.done', payload: {} };

describe('a session event', () => {
  it('comes from the client, the server or the app, and has a type', async () => {
    const { sessionEventSchema } = await sessionEvent();
    for (const direction of ['client', 'server', 'app']) expect(sessionEventSchema.safeParse({ ...event, direction }).success, direction).toBe(true);
    expect(sessionEventSchema.safeParse({ ...event, direction: 'sideways' }).success).toBe(false);
    expect(sessionEventSchema.safeParse({ ...event, type: '' }).success).toBe(false);
    expect(sessionEventSchema.safeParse({ ...event, type: 'x' }).success).toBe(true);
    expect(sessionEventSchema.safeParse({ ...event, extra: 1 }).success).toBe(false);
  });
});

describe('what is kept of a payload', () => {
  it('masks keys and client secrets of six characters or more, wherever they are', async () => {
    const { sanitizePayload } = await sessionEvent();
    expect(sanitizePayload('session.created', { a: 'ek_abcdef', b: ['sk-abcdef12'], c: { d: 'key sk-ab_cd-ef here' } })).toEqual({
      a: 'ek_…redacted',
      b: ['sk-…redacted'],
      c: { d: 'key sk-…redacted here' },
    });
    expect(sanitizePayload('session.created', { a: 'ek_abcde', b: 'sk-abcde', c: 'ek_!!!!!!', d: 'sk-??????' })).toEqual({
      a: 'ek_abcde',
      b: 'sk-abcde',
      c: 'ek_!!!!!!',
      d: 'sk-??????',
    });
  });

  it('replaces only the audio and delta fields of audio events by their size', async () => {
    const { sanitizePayload } = await sessionEvent();
    expect(sanitizePayload('input_audio_buffer.append', { audio: 'AAAA', event_id: 'AAAA' })).toEqual({
      audio: '[3 bytes of audio]',
      event_id: 'AAAA',
    });
    expect(sanitizePayload('response.output_audio.delta', { delta: 'AAAAAAAA', item_id: 'AAAAAAAA' })).toEqual({
      delta: '[6 bytes of audio]',
      item_id: 'AAAAAAAA',
    });
    expect(sanitizePayload('response.output_text.delta', { delta: 'AAAA' })).toEqual({ delta: 'AAAA' });
  });
});
