import { z } from 'zod';
import { WorkbenchError, describeZodError, type WorkbenchErrorData } from '../../../src-shared/errors';

const invokeMessageSchema = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string(),
  request: z.unknown().optional(),
});
export type InvokeMessage = z.infer<typeof invokeMessageSchema>;

export type ParsedSocketMessage =
  | { readonly ok: true; readonly message: InvokeMessage }
  /** `id` is the caller's call id when the message carried a usable one, so the answer reaches that call. */
  | { readonly ok: false; readonly id: number | null; readonly error: WorkbenchErrorData };

const EXPECTED = 'expected a JSON text frame {"type":"invoke","id":<number>,"channel":"domain:verb","request":…}';

function refused(id: number | null, message: string, field?: string): ParsedSocketMessage {
  return { ok: false, id, error: new WorkbenchError('invalid_request', message, field).toData() };
}

function idOf(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value;
  return typeof id === 'number' && Number.isInteger(id) && id >= 0 ? id : null;
}

/** Reads one frame from the browser-mode socket; anything but a contract call becomes a typed refusal. */
export function parseSocketMessage(data: string, isBinary: boolean): ParsedSocketMessage {
  if (isBinary) return refused(null, `The workbench socket refused a binary frame: ${EXPECTED}.`);
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch (error) {
    return refused(null, `The workbench socket refused a frame that is not JSON (${(error as Error).message}): ${EXPECTED}.`);
  }
  const parsed = invokeMessageSchema.safeParse(value);
  if (!parsed.success) {
    const { message, field } = describeZodError(parsed.error);
    return refused(idOf(value), `The workbench socket refused a malformed call (${message}): ${EXPECTED}.`, field);
  }
  return { ok: true, message: parsed.data };
}
