import { timingSafeEqual } from 'node:crypto';
import { parse as parseCookie } from 'cookie';

export interface GuardedRequest {
  readonly url: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export type GuardVerdict = { allowed: true; tokenFromQuery: boolean } | { allowed: false; status: 400 | 403 | 421; reason: string };

export const TOKEN_COOKIE = 'workbench_token';

function header(request: GuardedRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Decides whether a request may reach the web host. The Host check defeats DNS rebinding, the Origin
 * check stops other pages in the same browser, and the per-start token stops other local programs
 * and pages that guess the port.
 */
export function checkWebRequest(request: GuardedRequest, port: number, token: string): GuardVerdict {
  const allowedHosts = [`127.0.0.1:${port}`, `localhost:${port}`];
  const host = header(request, 'host');
  if (!host || !allowedHosts.includes(host.toLowerCase())) {
    return { allowed: false, status: 421, reason: `Refused: Host header ${JSON.stringify(host ?? '')} is not this server.` };
  }
  const origin = header(request, 'origin');
  if (origin !== undefined && !allowedHosts.map((h) => `http://${h}`).includes(origin.toLowerCase())) {
    return { allowed: false, status: 403, reason: `Refused: Origin ${JSON.stringify(origin)} is not this app.` };
  }
  let queryToken: string | null;
  try {
    queryToken = new URL(request.url, 'http://placeholder').searchParams.get('token');
  } catch {
    return { allowed: false, status: 400, reason: 'Refused: the request URL is malformed.' };
  }
  const given = queryToken ?? parseCookie(header(request, 'cookie') ?? '')[TOKEN_COOKIE];
  if (!given || !sameToken(given, token)) {
    return { allowed: false, status: 403, reason: 'Refused: missing or wrong access token. Open the URL the server printed.' };
  }
  return { allowed: true, tokenFromQuery: queryToken !== null };
}
