import OpenAI from 'openai';
import type { KeyStore } from './keyStore';
import type { SettingsStore } from './settingsStore';
import { effectiveBaseUrl } from './baseUrl';
import { toUpstreamError } from './upstreamError';
import { UPSTREAM_MAX_RETRIES, UPSTREAM_REQUEST_TIMEOUT_MS } from '../../src-shared/timeouts';

export interface UpstreamClient {
  readonly client: OpenAI;
  readonly baseUrl: string;
  /** Runs an SDK call, turning any failure into a typed error that names the endpoint, never the key. */
  call<T>(what: string, run: (client: OpenAI) => Promise<T>): Promise<T>;
}

export type UpstreamClientFactory = () => Promise<UpstreamClient>;

/** A fresh client per call, so a changed key or base URL takes effect at once. */
export function createUpstreamClientFactory(
  keys: KeyStore,
  settings: SettingsStore,
  env: Readonly<Record<string, string | undefined>>,
): UpstreamClientFactory {
  return async () => {
    const apiKey = await keys.resolve();
    const baseUrl = effectiveBaseUrl(settings.get(), env);
    const client = new OpenAI({
      apiKey,
      baseURL: baseUrl,
      timeout: UPSTREAM_REQUEST_TIMEOUT_MS,
      maxRetries: UPSTREAM_MAX_RETRIES,
      dangerouslyAllowBrowser: false,
    });
    return {
      client,
      baseUrl,
      async call(what, run) {
        try {
          return await run(client);
        } catch (error) {
          throw toUpstreamError(error, what, baseUrl, apiKey);
        }
      },
    };
  };
}
