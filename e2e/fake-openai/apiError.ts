import type { ServerResponse } from 'node:http';

/** The `type` field OpenAI puts on an error body, by HTTP status. */
const errorTypeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'invalid_request_error',
  404: 'invalid_request_error',
  405: 'invalid_request_error',
  415: 'invalid_request_error',
  429: 'rate_limit_exceeded',
  500: 'server_error',
  503: 'server_error',
};

/** An HTTP error answered in OpenAI's shape: `{"error":{"message","type","code","param"}}`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get body(): { error: { message: string; type: string; code: string | null; param: string | null } } {
    return { error: { message: this.message, type: errorTypeByStatus[this.status] ?? 'invalid_request_error', code: this.code, param: this.param } };
  }
}

export function invalidApiKey(shown: string): ApiError {
  const masked = shown.length > 8 ? `${shown.slice(0, 3)}***${shown.slice(-4)}` : '***';
  return new ApiError(
    401,
    'invalid_api_key',
    `Incorrect API key provided: ${masked}. You can find your API key at https://platform.openai.com/account/api-keys.`,
  );
}

export function missingApiKey(): ApiError {
  return new ApiError(
    401,
    null,
    "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
  );
}

export function badRequest(message: string, param: string | null = null, code: string | null = null): ApiError {
  return new ApiError(400, code, message, param);
}

export function sendApiError(res: ServerResponse, error: ApiError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(error.status, { 'Content-Type': 'application/json', ...error.headers });
  res.end(JSON.stringify(error.body));
}

/** The error a fault injects, shaped like the real one for that status. */
export function injectedFault(status: number, retryAfterSeconds: number | undefined): ApiError {
  if (status === 429) {
    return new ApiError(429, 'rate_limit_exceeded', 'Rate limit reached for requests (injected by fake-openai). Please try again later.', null, {
      'retry-after': String(retryAfterSeconds ?? 1),
    });
  }
  if (status === 401) return new ApiError(401, 'invalid_api_key', 'Incorrect API key provided (injected by fake-openai).');
  const headers: Record<string, string> = retryAfterSeconds !== undefined ? { 'retry-after': String(retryAfterSeconds) } : {};
  if (status === 503)
    return new ApiError(503, 'service_unavailable', 'The server is overloaded or not ready yet (injected by fake-openai).', null, headers);
  return new ApiError(status, 'server_error', 'The server had an error while processing your request (injected by fake-openai).', null, headers);
}
