import { WorkbenchError } from './errors';
import { channels, pushEvents, type Envelope, type PushEventName, type RawWorkbenchApi, type WorkbenchApi } from './contract';

/** How a bridge reaches main: Electron IPC in the preload, a WebSocket in browser mode. */
export interface ContractTransport {
  invoke(channel: string, request: unknown): Promise<Envelope>;
  subscribe(channel: string, listener: (payload: unknown) => void): () => void;
}

/** Builds `window.workbench` with exactly one method per contract channel and one subscriber per push event. */
export function buildRawApi(transport: ContractTransport): RawWorkbenchApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const { name, domain, verb } of channels) {
    api[domain] ??= {};
    api[domain][verb] = (request?: unknown) => transport.invoke(name, request);
  }
  const events: Record<string, unknown> = {};
  for (const [eventName, { channel }] of Object.entries(pushEvents)) {
    events[eventName] = (listener: (payload: unknown) => void) => transport.subscribe(channel, listener);
  }
  api['events'] = events;
  return api as unknown as RawWorkbenchApi;
}

function unwrap<T>(envelope: Envelope<T>): T {
  if (envelope.ok) return envelope.value;
  throw WorkbenchError.fromData(envelope.error);
}

/** Wraps the raw bridge so a failed call rejects with a typed WorkbenchError. */
export function unwrapApi(raw: RawWorkbenchApi): WorkbenchApi {
  const api: Record<string, Record<string, unknown>> = {};
  const rawRecord = raw as unknown as Record<string, Record<string, (request?: unknown) => Promise<Envelope>>>;
  for (const { domain, verb } of channels) {
    const method = rawRecord[domain]?.[verb];
    if (!method) throw new WorkbenchError('internal', `The bridge has no method ${domain}.${verb}; preload and renderer are out of step.`);
    api[domain] ??= {};
    api[domain][verb] = async (request?: unknown) => unwrap(await method(request));
  }
  api['events'] = raw.events as unknown as Record<PushEventName, unknown>;
  return api as unknown as WorkbenchApi;
}
