import type { z } from 'zod';
import { findChannel, type Contract, type Domain, type Envelope, type ParsedRequestOf } from '../../src-shared/contract';
import { WorkbenchError, describeZodError } from '../../src-shared/errors';

type HandlerFor<S> = S extends { request: z.ZodType; response: z.ZodType }
  ? (request: ParsedRequestOf<S>) => Promise<z.input<S['response']>> | z.input<S['response']>
  : never;

/** One handler per contract channel; TypeScript refuses a missing or extra one. */
export type Handlers = {
  readonly [D in Domain]: { readonly [V in keyof Contract[D]]: HandlerFor<Contract[D][V]> };
};

export type Dispatch = (channel: string, request: unknown) => Promise<Envelope>;

function toErrorEnvelope(error: unknown, channel: string): Envelope {
  if (error instanceof WorkbenchError) return { ok: false, error: error.toData() };
  const reason = error instanceof Error ? error.message : String(error);
  return { ok: false, error: { code: 'internal', message: `${channel} failed unexpectedly: ${reason}` } };
}

/**
 * Validates the request against the contract, calls the handler, and validates what it answers, so that
 * neither a hostile renderer nor a main-process bug can push an off-contract value across the boundary.
 * Never throws: every outcome is an envelope.
 */
export function createDispatcher(handlers: Handlers, onUnexpected?: (channel: string, error: unknown) => void): Dispatch {
  return async (channel, request) => {
    const entry = typeof channel === 'string' ? findChannel(channel) : undefined;
    if (!entry) {
      return { ok: false, error: { code: 'unknown_channel', message: `There is no channel named ${JSON.stringify(channel)}.` } };
    }
    const parsed = entry.spec.request.safeParse(request);
    if (!parsed.success) {
      const { message, field } = describeZodError(parsed.error);
      return { ok: false, error: new WorkbenchError('invalid_request', `${entry.name} refused its request: ${message}`, field).toData() };
    }
    const domain = handlers[entry.domain as Domain] as Record<string, (request: unknown) => unknown>;
    try {
      const value = await domain[entry.verb]!(parsed.data);
      const checked = entry.spec.response.safeParse(value);
      if (!checked.success) {
        const { message, field } = describeZodError(checked.error);
        return {
          ok: false,
          error: new WorkbenchError('invalid_response', `${entry.name} produced an off-contract answer: ${message}`, field).toData(),
        };
      }
      return { ok: true, value: checked.data };
    } catch (error) {
      if (!(error instanceof WorkbenchError)) onUnexpected?.(entry.name, error);
      return toErrorEnvelope(error, entry.name);
    }
  };
}
