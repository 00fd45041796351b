import { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import { WorkbenchError } from '../../src-shared/errors';
import { isModelRefusal } from './modelRefusal';

/** Removes a secret from text that might echo it (some servers quote the key they refused). */
export function scrubSecret(text: string, secret: string | undefined): string {
  let scrubbed = text.replace(/\b(sk-[A-Za-z0-9_-]{4})[A-Za-z0-9_-]+/g, '$1…');
  if (secret && secret.length >= 4) scrubbed = scrubbed.split(secret).join(`${secret.slice(0, 3)}…`);
  return scrubbed;
}

/**
 * Turns whatever the openai SDK threw into a typed error a person can act on, naming the endpoint and
 * never the key.
 */
export function toUpstreamError(error: unknown, what: string, baseUrl: string, apiKey: string | undefined): WorkbenchError {
  if (error instanceof WorkbenchError) return error;
  const clean = (text: string) => scrubSecret(text, apiKey);
  if (error instanceof APIUserAbortError) return new WorkbenchError('cancelled', `${what} was cancelled.`);
  if (error instanceof APIConnectionTimeoutError) return new WorkbenchError('timeout', `${what}: ${baseUrl} did not answer in time.`);
  if (error instanceof APIConnectionError)
    return new WorkbenchError(
      'upstream_unreachable',
      `${what}: could not reach ${baseUrl} (${clean(error.message)}). Check the network and the API base URL.`,
    );
  if (error instanceof APIError) {
    const code = error.code ? ` ${error.code}` : '';
    const detail = clean((error.error as { message?: string } | undefined)?.message ?? error.message);
    if (error.status === 401 || error.status === 403) {
      return new WorkbenchError(
        'upstream_auth',
        `The API key was refused by ${baseUrl}: ${error.status}${code}. Check the key in Settings. (${detail})`,
      );
    }
    if (isModelRefusal(error))
      return new WorkbenchError('model_unavailable', `${baseUrl} answered ${error.status ?? 'with an error'}${code}: ${detail}`);
    if (error.status === 429) {
      const retryAfter = error.headers?.get?.('retry-after');
      return new WorkbenchError(
        'upstream_rate_limited',
        `Rate limited by ${baseUrl}: 429${code}${retryAfter ? ` (retry after ${retryAfter} s)` : ''}. ${detail}`,
      );
    }
    return new WorkbenchError('upstream_error', `${what}: ${baseUrl} answered ${error.status ?? 'with an error'}${code}: ${detail}`);
  }
  return new WorkbenchError('internal', `${what} failed: ${clean(error instanceof Error ? error.message : String(error))}`);
}
