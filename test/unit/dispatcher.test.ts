import { describe, expect, it } from 'vitest';
import { channels } from '../../src-shared/contract';
import { createTestServices } from '../support/testServices';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();

/** Payloads a hostile or buggy renderer might send; none is valid for any channel. */
const malformedFor = (name: string): unknown[] => {
  const common: unknown[] = [{ unexpected: true }, 42, 'text', [1, 2], { apiKey: 17 }, { baseUrl: 'ftp://nope' }];
  return name === 'settings:set'
    ? [...common.filter((payload) => typeof payload !== 'object'), { baseUrl: 7 }, { theme: 'neon' }, { voice: '' }, { bogus: 1 }]
    : common;
};

describe('the dispatcher', () => {
  it.each(channels.map((entry) => entry.name))('answers malformed payloads on %s with a typed invalid_request error, never a crash', async (name) => {
    const services = await createTestServices(await makeDir());
    for (const payload of malformedFor(name)) {
      const envelope = await services.dispatch(name, payload);
      expect(envelope.ok, `${name} accepted ${JSON.stringify(payload)}`).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('invalid_request');
        expect(envelope.error.message).toContain(name);
      }
    }
  });

  it('names the field at fault', async () => {
    const services = await createTestServices(await makeDir());
    const envelope = await services.dispatch('settings:set', { theme: 'neon' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'theme' } });
    const keyEnvelope = await services.dispatch('key:set', { apiKey: 'has spaces in it' });
    expect(keyEnvelope).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'apiKey' } });
  });

  it('refuses a channel the contract does not declare', async () => {
    const services = await createTestServices(await makeDir());
    for (const name of ['app:quit', '', '__proto__', 'settings:get:extra', 12]) {
      const envelope = await services.dispatch(name as string, undefined);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    }
  });

  it('answers well-formed calls on every channel', async () => {
    const services = await createTestServices(await makeDir());
    expect(await services.dispatch('app:info', undefined)).toMatchObject({ ok: true, value: { version: '9.9.9-test', host: 'web' } });
    expect(await services.dispatch('settings:set', { voice: 'verse' })).toMatchObject({ ok: true, value: { voice: 'verse' } });
    expect(await services.dispatch('settings:get', undefined)).toMatchObject({ ok: true, value: { voice: 'verse' } });
    expect(await services.dispatch('key:set', { apiKey: 'sk-test-0123456789' })).toMatchObject({
      ok: true,
      value: { hasKey: true, source: 'stored' },
    });
    expect(await services.dispatch('key:status', undefined)).toMatchObject({ ok: true, value: { hasKey: true } });
    expect(await services.dispatch('key:clear', undefined)).toMatchObject({ ok: true, value: { hasKey: false, source: null } });
  });
});
