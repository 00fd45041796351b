import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from '../../../src-main/services/sessionLog/redaction';
import type { SessionEvent } from '../../../src-shared/sessionEvent';

const event = (payload: Record<string, unknown>, type = 'app.note'): SessionEvent => ({ seq: 4, t: 12, direction: 'app', type, payload });

describe('redaction before a log line is written', () => {
  it('replaces every occurrence of a known secret, wherever it sits, and keeps the rest of the event', () => {
    const redact = createRedactor(() => ['my-long-api-key']);
    expect(redact(event({ message: 'key my-long-api-key and again my-long-api-key', nested: [{ text: 'my-long-api-key' }] }))).toEqual({
      seq: 4,
      t: 12,
      direction: 'app',
      type: 'app.note',
      payload: { message: `key ${REDACTED} and again ${REDACTED}`, nested: [{ text: REDACTED }] },
    });
  });

  it('leaves known secrets shorter than 8 characters alone, so a short value cannot blank ordinary words', () => {
    const redact = createRedactor(() => ['the', '1234567']);
    expect(redact(event({ message: 'the code 1234567' })).payload).toEqual({ message: 'the code 1234567' });
    expect(createRedactor(() => ['12345678'])(event({ message: 'pin 12345678' })).payload).toEqual({ message: `pin ${REDACTED}` });
  });

  it('asks for the known secrets at each event, so a key set later is redacted too', () => {
    let secrets: string[] = [];
    const redact = createRedactor(() => secrets);
    expect(redact(event({ message: 'new-key-value-1' })).payload).toEqual({ message: 'new-key-value-1' });
    secrets = ['new-key-value-1'];
    expect(redact(event({ message: 'new-key-value-1' })).payload).toEqual({ message: REDACTED });
  });

  it('masks client secrets and API keys by their shape, keeping their prefix, also in the event type', () => {
    const redact = createRedactor(() => []);
    expect(redact(event({ a: 'ek_abcdef12', b: 'Bearer sk-proj-abcdef', c: 'sk-short', d: 'ek_abc' }, 'x.sk-abcdefgh'))).toMatchObject({
      type: `x.sk-…${REDACTED}`,
      payload: { a: `ek_…${REDACTED}`, b: `Bearer sk-…${REDACTED}`, c: 'sk-short', d: 'ek_abc' },
    });
  });

  it.each([
    'authorization',
    'Authorization',
    'api_key',
    'apiKey',
    'api-key',
    'client_secret',
    'clientSecret',
    'password',
    'secret',
    'token',
    'access_token',
    'accessToken',
  ])('blanks the value of a field named %s whatever it holds', (name) => {
    const redact = createRedactor(() => []);
    expect(redact(event({ [name]: 'plain', nested: { [name]: { value: 1 } }, list: [{ [name]: 42 }] })).payload).toEqual({
      [name]: REDACTED,
      nested: { [name]: REDACTED },
      list: [{ [name]: REDACTED }],
    });
  });

  it('keeps empty and yes/no credential fields, which hold no secret, and fields that only contain a credential word', () => {
    const redact = createRedactor(() => []);
    expect(redact(event({ token: null, secret: false, password: undefined, tokenCount: 5, my_token: 'x', api: 'y' })).payload).toEqual({
      token: null,
      secret: false,
      password: undefined,
      tokenCount: 5,
      my_token: 'x',
      api: 'y',
    });
  });

  it('keeps numbers, booleans and nulls in lists and objects as they are', () => {
    expect(createRedactor(() => [])(event({ list: [1, true, null, 'x'], n: 3 })).payload).toEqual({ list: [1, true, null, 'x'], n: 3 });
  });
});
