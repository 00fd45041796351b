import { describe, expect, it, vi } from 'vitest';
import { createDispatcher, type Handlers } from '../../src-main/ipc/dispatcher';
import { channels } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
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

describe('the dispatcher around its handlers', () => {
  const goodInfo = { name: 'Workbench', version: '1.2.3', host: 'web', platform: 'linux', dataDir: '/data' };
  /** A dispatcher whose only handler is app:info, answering with whatever `answer` does. */
  function dispatcherAnswering(answer: () => unknown, onUnexpected?: (channel: string, error: unknown) => void) {
    return createDispatcher({ app: { info: answer } } as unknown as Handlers, onUnexpected);
  }

  it('refuses an off-contract handler answer as invalid_response, naming the channel and the field', async () => {
    const dispatch = dispatcherAnswering(() => ({ ...goodInfo, version: 7 }));
    const envelope = await dispatch('app:info', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid_response', field: 'version' } });
    if (!envelope.ok) expect(envelope.error.message).toMatch(/^app:info produced an off-contract answer: version: /);
  });

  it('passes on only what the contract declares, dropping fields a handler added', async () => {
    const dispatch = dispatcherAnswering(async () => ({ ...goodInfo, apiKey: 'sk-leaked' }));
    expect(await dispatch('app:info', undefined)).toEqual({ ok: true, value: goodInfo });
  });

  it('hands the handler the parsed request, and refuses a bad one naming the channel and the field', async () => {
    const received: unknown[] = [];
    const dispatch = createDispatcher({ session: { end: (request: unknown) => (received.push(request), { cancelled: 2 }) } } as unknown as Handlers);
    expect(await dispatch('session:end', { sessionId: 's1' })).toEqual({ ok: true, value: { cancelled: 2 } });
    expect(received).toEqual([{ sessionId: 's1' }]);
    const refused = await dispatch('session:end', { sessionId: '' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_request', field: 'sessionId' } });
    if (!refused.ok) expect(refused.error.message).toMatch(/^session:end refused its request: sessionId: /);
    expect(received).toHaveLength(1);
  });

  it('turns a typed error thrown by a handler into its own envelope, without reporting it as unexpected', async () => {
    const unexpected = vi.fn();
    const dispatch = dispatcherAnswering(() => {
      throw new WorkbenchError('key_missing', 'No API key is set.', 'apiKey');
    }, unexpected);
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'key_missing', message: 'No API key is set.', field: 'apiKey' },
    });
    expect(unexpected).not.toHaveBeenCalled();
  });

  it('turns any other thrown error into an internal error naming the channel and the reason, and reports it', async () => {
    const unexpected = vi.fn();
    const bug = new TypeError('cannot read x of undefined');
    const dispatch = dispatcherAnswering(async () => {
      throw bug;
    }, unexpected);
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app:info failed unexpectedly: cannot read x of undefined' },
    });
    expect(unexpected).toHaveBeenCalledWith('app:info', bug);
  });

  it('says what was thrown when a handler throws something that is not an Error, even with no one to report to', async () => {
    const dispatch = dispatcherAnswering(() => {
      throw 'disk full';
    });
    expect(await dispatch('app:info', undefined)).toEqual({
      ok: false,
      error: { code: 'internal', message: 'app:info failed unexpectedly: disk full' },
    });
  });

  it('names the unknown channel it refuses', async () => {
    const dispatch = dispatcherAnswering(() => goodInfo);
    expect(await dispatch('app:quit', undefined)).toEqual({
      ok: false,
      error: { code: 'unknown_channel', message: 'There is no channel named "app:quit".' },
    });
  });
});
