import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { describe, expect, it } from 'vitest';
import { effectiveBaseUrl } from '../../../src-main/services/baseUrl';
import { scrubSecret, toUpstreamError } from '../../../src-main/services/upstreamError';
import { addUsage, noUsage } from '../../../src-main/services/usage';
import { DEFAULT_BASE_URL } from '../../../src-shared/settings';

const base = 'http://127.0.0.1:5555/v1';
const key = 'sk-proj-abcdefghijklmnop';

describe('the effective base URL', () => {
  it('is the setting by default', () => {
    expect(effectiveBaseUrl({ baseUrl: DEFAULT_BASE_URL }, {})).toBe(DEFAULT_BASE_URL);
  });
  it('honours OPENAI_BASE_URL while the setting is the default, as the openai SDK does', () => {
    expect(effectiveBaseUrl({ baseUrl: DEFAULT_BASE_URL }, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1/' })).toBe('http://127.0.0.1:9/v1');
  });
  it('lets a base URL the user set win over the environment', () => {
    expect(effectiveBaseUrl({ baseUrl: 'https://gateway.example/v1' }, { OPENAI_BASE_URL: 'http://127.0.0.1:9/v1' })).toBe(
      'https://gateway.example/v1',
    );
  });
});

describe('upstream errors', () => {
  const apiError = (status: number, message: string, headers: Record<string, string> = {}) =>
    APIError.generate(status, { error: { message, type: 'x', code: status === 401 ? 'invalid_api_key' : null } }, message, new Headers(headers));

  it('say a refused key is refused, by which endpoint, without the key', () => {
    const error = toUpstreamError(apiError(401, `Incorrect API key provided: ${key}`), 'Minting', base, key);
    expect(error).toMatchObject({
      code: 'upstream_auth',
      message: expect.stringContaining(`The API key was refused by ${base}: 401 invalid_api_key`),
    });
    expect(error.message).not.toContain(key);
  });

  it('say when to retry a rate limit', () => {
    expect(toUpstreamError(apiError(429, 'slow down', { 'retry-after': '3' }), 'The supervisor call', base, key)).toMatchObject({
      code: 'upstream_rate_limited',
      message: expect.stringContaining(`Rate limited by ${base}: 429 (retry after 3 s)`),
    });
  });

  it('name the status of a server failure', () => {
    expect(toUpstreamError(apiError(503, 'overloaded'), 'The supervisor call', base, key)).toMatchObject({
      code: 'upstream_error',
      message: `The supervisor call: ${base} answered 503: overloaded`,
    });
  });

  it('tell an unreachable endpoint and a cancellation apart', () => {
    expect(toUpstreamError(new APIConnectionError({ message: 'ECONNREFUSED' }), 'Minting', base, key)).toMatchObject({
      code: 'upstream_unreachable',
      message: expect.stringContaining(`could not reach ${base}`),
    });
    expect(toUpstreamError(new APIUserAbortError(), 'Minting', base, key)).toMatchObject({ code: 'cancelled' });
  });

  it('scrub anything that looks like a key', () => {
    expect(scrubSecret(`bad key ${key} and sk-other-1234567890`, key)).not.toMatch(/abcdefghijklmnop|1234567890/);
  });
});

describe('usage', () => {
  it('adds up over the steps of a tool loop', () => {
    const total = [{ input_tokens: 10, output_tokens: 2, total_tokens: 12 }, { input_tokens: 20, output_tokens: 5 }, null].reduce(addUsage, noUsage);
    expect(total).toEqual({ inputTokens: 30, outputTokens: 7, totalTokens: 37, cachedInputTokens: 0 });
  });
});
