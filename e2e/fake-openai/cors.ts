import type { IncomingMessage, ServerResponse } from 'node:http';

const alwaysAllowedHeaders = ['Authorization', 'Content-Type', 'X-OpenAI-Agents-SDK', 'OpenAI-Beta'];

/** The browser app calls the fake directly, with non-simple requests, and reads the call id from `Location`. */
export function applyCors(req: IncomingMessage, res: ServerResponse): void {
  res.setHeader('Access-Control-Allow-Origin', req.headers.origin ?? '*');
  res.setHeader('Vary', 'Origin');
  res.setHeader('Access-Control-Allow-Methods', 'GET, POST, DELETE, OPTIONS');
  const requested = req.headers['access-control-request-headers'];
  res.setHeader('Access-Control-Allow-Headers', [...alwaysAllowedHeaders, ...(requested ? [requested] : [])].join(', '));
  res.setHeader('Access-Control-Expose-Headers', 'Location, x-request-id, retry-after');
  res.setHeader('Access-Control-Max-Age', '600');
}
