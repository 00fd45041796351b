import type { ClientSecretCreateResponse } from 'openai/resources/realtime/client-secrets';
import { badRequest } from './apiError';
import type { Credentials } from './credentials';
import { parseJsonBody } from './httpExchange';
import { DEFAULT_REALTIME_MODEL, defaultSession, mergeSession } from './sessionConfig';
import { sessionFieldFault } from './sessionFieldRules';

const DEFAULT_TTL_SECONDS = 600;

/** POST /v1/realtime/client_secrets: mints an `ek_` secret carrying the session config it was asked for. */
export function mintClientSecret(
  body: string,
  credentials: Credentials,
  expired: boolean,
  gateModel: (model: string) => void,
): ClientSecretCreateResponse {
  const request = body.trim() ? parseJsonBody(body) : {};
  const expiresAfter = request['expires_after'] as { anchor?: unknown; seconds?: unknown } | undefined;
  const seconds = expiresAfter?.seconds ?? DEFAULT_TTL_SECONDS;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 10 || seconds > 7200) {
    throw badRequest(
      `Invalid 'expires_after.seconds': ${String(seconds)}. Expected an integer between 10 and 7200.`,
      'expires_after.seconds',
      'invalid_value',
    );
  }
  if (expiresAfter?.anchor !== undefined && expiresAfter.anchor !== 'created_at') {
    throw badRequest(`Invalid value: '${String(expiresAfter.anchor)}'. Supported values are: 'created_at'.`, 'expires_after.anchor', 'invalid_value');
  }
  const sessionRequest = (request['session'] ?? { type: 'realtime' }) as Record<string, unknown>;
  if (sessionRequest['type'] !== 'realtime') {
    throw badRequest(
      "Missing required parameter: 'session.type'. This fake supports 'realtime' sessions.",
      'session.type',
      'missing_required_parameter',
    );
  }
  const model = typeof sessionRequest['model'] === 'string' ? sessionRequest['model'] : DEFAULT_REALTIME_MODEL;
  gateModel(model);
  const fault = sessionFieldFault(sessionRequest);
  if (fault) throw badRequest(fault.message, fault.param, fault.code);
  const session = mergeSession(defaultSession(model), sessionRequest);
  const secret = credentials.mint(session, expired ? -1 : seconds);
  session.expires_at = secret.expiresAt;
  return { value: secret.value, expires_at: secret.expiresAt, session: session as unknown as ClientSecretCreateResponse['session'] };
}
