import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { fieldName, locateFaults, parseJsonFile, zodFaults, type LocatedFault } from '../../src-shared/jsonFileFaults';

function faultsOf(schema: z.ZodType, text: string, comments = false): LocatedFault[] {
  const parsed = parseJsonFile(text, { comments });
  if ('syntax' in parsed) return [parsed.syntax];
  const checked = schema.safeParse(parsed.input);
  return checked.success ? [] : locateFaults(text, parsed.tree, zodFaults(checked.error.issues, parsed.input));
}

const says = (faults: LocatedFault[]) => faults.map((fault) => `${fault.line} ${fault.field}: ${fault.message}`);

describe('faults of a hand-written JSON file', () => {
  it('refuses comments and trailing commas in plain JSON, takes both in JSON with comments, at the line of the first error', () => {
    const schema = z.object({ a: z.number() });
    expect(says(faultsOf(schema, '{\n  // note\n  "a": 1\n}'))).toEqual(['2 : not valid JSON (InvalidCommentToken)']);
    expect(faultsOf(schema, '{\n  // note\n  "a": 1\n}', true)).toEqual([]);
    expect(says(faultsOf(schema, '{\n  "a": 1,\n}'))).toEqual(['3 : not valid JSON (PropertyNameExpected)']);
    expect(faultsOf(schema, '{\n  "a": 1,\n}', true)).toEqual([]);
  });

  it('puts a fault at its key, at a list item, or at the nearest ancestor in the file', () => {
    const schema = z.object({ list: z.array(z.string()).min(2), inner: z.object({ b: z.number().lt(3) }), c: z.string() });
    const text = '\n{\n  "list": [\n    1\n  ],\n  "inner": {\n    "b": 5\n  }\n}';
    expect(says(faultsOf(schema, text))).toEqual([
      '2 c: is missing; it should be text',
      '3 list: should have at least 2 items',
      '4 list[0]: should be text, found a number',
      '7 inner.b: should be less than 3',
    ]);
  });

  it('says what it found where something else belongs, null and lists included', () => {
    const schema = z.object({ a: z.string(), b: z.string(), c: z.array(z.string()).min(1), d: z.string().min(1) });
    expect(says(faultsOf(schema, '{ "a": null, "b": [1], "c": [], "d": "" }'))).toEqual([
      '1 a: should be text, found null',
      '1 b: should be text, found a list',
      '1 c: should have at least 1 item',
      '1 d: should not be empty',
    ]);
    expect(says(faultsOf(z.string(), '3'))).toEqual(['1 : should be text, found a number']);
  });

  it('names every kind of value in words, the expected one and the one found', async () => {
    // A fresh import: the words are a module-level table, read here rather than before a mutation-testing run switches a change on.
    vi.resetModules();
    const fresh = await import('../../src-shared/jsonFileFaults');
    const schema = z.strictObject({
      s: z.string(),
      n: z.number(),
      i: z.int(),
      b: z.boolean(),
      l: z.array(z.string()),
      o: z.object({}),
      r: z.record(z.string(), z.string()),
      z: z.null(),
    });
    const input = { s: true, n: 'x', i: 1.5, b: {}, l: 1, o: null, r: 'x', z: false };
    const result = schema.safeParse(input);
    expect(fresh.zodFaults(result.error!.issues, input).map((fault) => `${fresh.fieldName(fault.path)}: ${fault.message}`)).toEqual([
      's: should be text, found true or false',
      'n: should be a number, found text',
      'i: should be a whole number, found a number',
      'b: should be true or false, found an object',
      'l: should be a list, found a number',
      'o: should be an object, found null',
      'r: should be an object, found text',
      'z: should be null, found true or false',
    ]);
  });

  it('puts a fault at the line of its key when the value is on a later line', () => {
    expect(says(faultsOf(z.object({ a: z.string() }), '{\n  "a":\n    5\n}'))).toEqual(['2 a: should be text, found a number']);
  });

  it('writes a field as a person would', () => {
    expect(fieldName(['agents', 1, 'tools', 0, 'name'])).toBe('agents[1].tools[0].name');
    expect(fieldName([])).toBe('');
  });
});
