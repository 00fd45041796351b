import { describe, expect, it } from 'vitest';
import { strictSchemaFault } from '../../../e2e/fake-openai/strictSchema';

const closed = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
  ...extra,
});

describe('the strict-schema rules', () => {
  it('accepts a closed object whose every property is required, with supported keywords', () => {
    expect(
      strictSchemaFault(
        closed({
          name: { type: 'string', pattern: '^[a-z]+$', format: 'email', description: 'who' },
          age: { type: ['integer', 'null'], minimum: 0, maximum: 150 },
          tags: { type: 'array', items: { type: 'string', enum: ['a', 'b'] }, minItems: 1, maxItems: 3 },
          address: closed({ street: { type: 'string' } }),
          either: { anyOf: [{ type: 'string' }, closed({ n: { type: 'number' } })] },
        }),
      ),
    ).toBeUndefined();
  });

  it('refuses an object whose properties are not all required, naming the first missing one', () => {
    expect(strictSchemaFault({ ...closed({ foo: { type: 'string' }, bar: { type: 'string' } }), required: ['bar'] })).toBe(
      "In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'foo'.",
    );
  });

  it('refuses an object without required at all', () => {
    const { required: _required, ...schema } = closed({ foo: { type: 'string' } });
    expect(strictSchemaFault(schema)).toMatch(/^In context=\(\), 'required' is required to be supplied/);
  });

  it('refuses a nested object that leaves additionalProperties open, with the path to it', () => {
    const { additionalProperties: _open, ...address } = closed({ street: { type: 'string' } });
    expect(strictSchemaFault(closed({ address }))).toBe(
      "In context=('properties', 'address'), 'additionalProperties' is required to be supplied and to be false.",
    );
  });

  it('refuses objects inside array items and anyOf branches too', () => {
    expect(strictSchemaFault(closed({ list: { type: 'array', items: { type: 'object', properties: {} } } }))).toMatch(
      /^In context=\('properties', 'list', 'items'\), 'additionalProperties'/,
    );
    expect(strictSchemaFault(closed({ either: { anyOf: [{ type: 'object', properties: {}, required: [] }] } }))).toMatch(
      /^In context=\('properties', 'either', 'anyOf', '0'\), 'additionalProperties'/,
    );
  });

  it.each(['minLength', 'maxLength', 'uniqueItems', 'allOf', 'patternProperties', 'not'])('refuses the unsupported keyword %s', (keyword) => {
    expect(strictSchemaFault(closed({ name: { type: 'string', [keyword]: 1 } }))).toBe(
      `In context=('properties', 'name'), '${keyword}' is not permitted.`,
    );
  });

  it('refuses a string format the API does not support', () => {
    expect(strictSchemaFault(closed({ site: { type: 'string', format: 'uri' } }))).toMatch(/^In context=\('properties', 'site'\), 'format'/);
  });

  it('refuses a required key that is not a property', () => {
    expect(strictSchemaFault({ ...closed({ a: { type: 'string' } }), required: ['a', 'b'] })).toBe("In context=(), Extra required key 'b' supplied.");
  });

  it('refuses a root that is not an object', () => {
    expect(strictSchemaFault({ type: 'array', items: { type: 'string' } })).toBe(
      `schema must be a JSON Schema of 'type: "object"', got 'type: "array"'.`,
    );
    expect(strictSchemaFault({ anyOf: [closed({})] })).toMatch(/root schema must not be 'anyOf'/);
  });

  it('checks definitions as well', () => {
    expect(strictSchemaFault(closed({ a: { $ref: '#/$defs/thing' } }, { $defs: { thing: { type: 'object', properties: {} } } }))).toMatch(
      /^In context=\('\$defs', 'thing'\), 'additionalProperties'/,
    );
  });
});
