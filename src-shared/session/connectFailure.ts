/** A failed connect in words a person can act on: the key, the rate limit or the network, named. */
export function connectFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (/status 401/.test(message)) return `The Realtime API refused the session secret (401). Check the API key in Settings. ${message}`;
  if (/status 429/.test(message)) return `The Realtime API is rate limiting this key (429). Wait a moment and connect again. ${message}`;
  if (/Failed to fetch|NetworkError|ERR_/.test(message))
    return `Could not reach the Realtime API: ${message}. Check the network and the API base URL in Settings.`;
  return message;
}

/** A server `error` event while connecting, in words: what the server refused and which field. */
export function refusalMessage(payload: Record<string, unknown>): string {
  const error = (payload['error'] ?? {}) as Record<string, unknown>;
  const about = [error['code'], error['param']].filter((part): part is string => typeof part === 'string' && part !== '').join(', ');
  return `The Realtime API refused the session: ${typeof error['message'] === 'string' ? error['message'] : 'no reason given'}${about ? ` (${about})` : ''}`;
}

/** Rejects when `promise` has not settled within `ms` (the SDK's connect has no timeout of its own). */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s.`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
