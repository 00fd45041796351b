import { injectedFault } from './apiError';
import { type Credential, type Credentials } from './credentials';
import type { FaultControl, FaultEffect, FaultRoute } from './faults';

export type Route = Exclude<FaultRoute, '*'>;

/** What a request that got in carries on with: the faults on it and who it is. */
export interface Admitted {
  fault: FaultEffect;
  credential: Credential;
}

/**
 * The door every request and connection goes through, in the real API's order: injected latency and
 * failures first, then the bearer token (client secrets only where the real API takes them).
 */
export function admitter(credentials: Credentials, faults: FaultControl) {
  return async (route: Route, token: string | undefined, acceptsClientSecrets: boolean): Promise<Admitted> => {
    const fault = faults.take(route, 'request');
    if (fault.latencyMs) await new Promise((resolve) => setTimeout(resolve, fault.latencyMs));
    if (fault.status) throw injectedFault(fault.status, fault.retryAfterSeconds);
    return { fault, credential: credentials.authenticate(token, { apiKeys: true, clientSecrets: acceptsClientSecrets }) };
  };
}

export type Admit = ReturnType<typeof admitter>;
