import { z } from 'zod';

/** Every failure that crosses the contract is one of these codes, so callers can branch on it. */
export const errorCodes = [
  'unknown_channel',
  'invalid_request',
  'invalid_response',
  'forbidden_sender',
  'key_missing',
  'key_storage_unavailable',
  'settings_invalid',
  'io_error',
  'internal',
  'transport_closed',
  'timeout',
  'cancelled',
  'scenario_unknown',
  'upstream_auth',
  'upstream_rate_limited',
  'upstream_error',
  'upstream_unreachable',
  'upstream_bad_output',
  /** The API does not serve the model a setting chose (retired, or never existed): the message names the setting and a replacement. */
  'model_unavailable',
  'log_unreadable',
  'log_unwritable',
  'session_unknown',
  'not_waiting',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const workbenchErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** Dotted path of the field at fault, when one field is to blame. */
  field: z.string().optional(),
});
export type WorkbenchErrorData = z.infer<typeof workbenchErrorSchema>;

/** A typed error whose message says what went wrong and where, in words a person can act on. */
export class WorkbenchError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;

  constructor(code: ErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'WorkbenchError';
    this.code = code;
    this.field = field;
  }

  toData(): WorkbenchErrorData {
    return this.field === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, field: this.field };
  }

  static fromData(data: WorkbenchErrorData): WorkbenchError {
    return new WorkbenchError(data.code, data.message, data.field);
  }
}

/** Renders zod issues as "field: problem" so the user sees which field is wrong. */
export function describeZodError(error: z.ZodError, prefix = ''): { message: string; field?: string } {
  const first = error.issues[0];
  const fieldOf = (path: PropertyKey[]) => [prefix, ...path.map(String)].filter((part) => part !== '').join('.');
  const lines = error.issues.map((issue) => {
    const field = fieldOf(issue.path);
    return field === '' ? issue.message : `${field}: ${issue.message}`;
  });
  const field = first ? fieldOf(first.path) : '';
  return field === '' ? { message: lines.join('; ') } : { message: lines.join('; '), field };
}

/** What an event records of a failure: its code (`internal` when it has none), its message and the field at fault. */
export function errorPayload(error: unknown): { code: string; message: string; field?: string } {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'internal';
  const message = error instanceof Error ? error.message : String(error);
  return error instanceof WorkbenchError && error.field !== undefined ? { code, message, field: error.field } : { code, message };
}
