import { randomBytes } from 'node:crypto';
import { ApiError, invalidApiKey, missingApiKey } from './apiError';
import type { ServerSession } from './serverSession';

/** What a bearer token turned out to be. */
export type Credential = { kind: 'apiKey'; key: string } | { kind: 'clientSecret'; secret: IssuedSecret };

export interface IssuedSecret {
  value: string;
  /** Unix seconds. */
  expiresAt: number;
  /** The session config given when it was minted; a realtime session on this secret starts from it. */
  session: ServerSession;
}

/** The API keys the fake accepts and the `ek_` client secrets it has minted. */
export class Credentials {
  private readonly secrets = new Map<string, IssuedSecret>();

  constructor(
    private readonly apiKeys: readonly string[],
    private readonly now: () => number = () => Date.now() / 1000,
  ) {}

  mint(session: ServerSession, ttlSeconds: number): IssuedSecret {
    const secret: IssuedSecret = {
      value: `ek_${randomBytes(16).toString('hex')}`,
      expiresAt: Math.floor(this.now()) + ttlSeconds,
      session,
    };
    this.secrets.set(secret.value, secret);
    return secret;
  }

  /** Marks every minted secret as expired, as if their time had run out. */
  expireAll(): void {
    for (const secret of this.secrets.values()) secret.expiresAt = Math.floor(this.now()) - 1;
  }

  /** Resolves a bearer token, refusing unknown keys and unknown or expired client secrets. */
  authenticate(token: string | undefined, accept: { apiKeys: boolean; clientSecrets: boolean }): Credential {
    if (!token) throw missingApiKey();
    if (token.startsWith('ek_')) {
      const secret = this.secrets.get(token);
      if (!accept.clientSecrets || !secret) throw invalidApiKey(token);
      if (secret.expiresAt <= this.now()) {
        throw new ApiError(401, 'invalid_api_key', 'The client secret has expired. Mint a new one with POST /v1/realtime/client_secrets.');
      }
      return { kind: 'clientSecret', secret };
    }
    if (!accept.apiKeys || !this.apiKeys.includes(token)) throw invalidApiKey(token);
    return { kind: 'apiKey', key: token };
  }
}

/** The token of an `Authorization: Bearer …` header, if there is one. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
