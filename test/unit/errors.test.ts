import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { WorkbenchError, describeZodError, errorPayload } from '../../src-shared/errors';

describe('what an event records of a failure', () => {
  it('keeps a workbench error’s code, message and field', () => {
    expect(errorPayload(new WorkbenchError('settings_invalid', 'The voice is unknown.', 'voice'))).toEqual({
      code: 'settings_invalid',
      message: 'The voice is unknown.',
      field: 'voice',
    });
    expect(errorPayload(new WorkbenchError('timeout', 'Gave up.'))).toEqual({ code: 'timeout', message: 'Gave up.' });
  });

  it('keeps the code of any error that has one, as text, and calls the rest internal', () => {
    const nodeError = Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });
    expect(errorPayload(nodeError)).toEqual({ code: 'ENOENT', message: 'ENOENT: no such file' });
    expect(errorPayload({ code: 429, message: 'not an Error' })).toEqual({ code: '429', message: '[object Object]' });
    expect(errorPayload(new TypeError('x is undefined'))).toEqual({ code: 'internal', message: 'x is undefined' });
  });

  it('words a thrown value that is not an Error, null included, without failing', () => {
    expect(errorPayload('plain words')).toEqual({ code: 'internal', message: 'plain words' });
    expect(errorPayload(null)).toEqual({ code: 'internal', message: 'null' });
    expect(errorPayload(undefined)).toEqual({ code: 'internal', message: 'undefined' });
    expect(errorPayload(42)).toEqual({ code: 'internal', message: '42' });
  });

  it('does not take a field from an error that is not a workbench error', () => {
    const other = Object.assign(new Error('bad'), { code: 'io_error', field: 'path' });
    expect(errorPayload(other)).toEqual({ code: 'io_error', message: 'bad' });
  });
});

describe('zod issues in words', () => {
  const schema = z.object({ name: z.string(), port: z.number() });

  it('names each field at fault, joined by semicolons, and gives the first field', () => {
    const result = schema.safeParse({ name: 1, port: 'x' });
    expect(result.success).toBe(false);
    const described = describeZodError(result.error!, 'settings');
    expect(described.field).toBe('settings.name');
    expect(described.message.split('; ').map((line) => line.split(':')[0])).toEqual(['settings.name', 'settings.port']);
  });

  it('has no field for an issue at the root with no prefix', () => {
    const error = z.string().safeParse(5).error!;
    const described = describeZodError(error);
    expect(described).not.toHaveProperty('field');
    expect(described.message).toBe(error.issues[0]!.message);
  });
});

describe('a workbench error on the wire', () => {
  it('round-trips its code, message and field, and leaves out a field it has not', () => {
    const error = new WorkbenchError('io_error', 'Could not write.', 'path');
    expect(error.name).toBe('WorkbenchError');
    expect(error.toData()).toEqual({ code: 'io_error', message: 'Could not write.', field: 'path' });
    expect(new WorkbenchError('io_error', 'Could not write.').toData()).not.toHaveProperty('field');
    const back = WorkbenchError.fromData(error.toData());
    expect(back).toBeInstanceOf(WorkbenchError);
    expect([back.code, back.message, back.field]).toEqual(['io_error', 'Could not write.', 'path']);
  });
});
