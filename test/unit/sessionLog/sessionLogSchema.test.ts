import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it, vi } from 'vitest';

const published = readFileSync('docs/session-log.schema.json', 'utf8');

describe('the published JSON Schema of the session log', () => {
  it('is the one generated from the zod schemas the app reads with (run `npm run schema` after changing them)', async () => {
    // Generated from a fresh import: the schemas are module-level values, evaluated here rather than before a
    // mutation-testing run switches a change to them on.
    vi.resetModules();
    const { sessionLogJsonSchema } = await import('../../../src-shared/sessionLogJsonSchema');
    expect(JSON.parse(published)).toEqual(sessionLogJsonSchema());
  });

  it('accepts every line of the bundled sample session, and refuses a malformed event', () => {
    const ajv = new Ajv2020({ strict: false, validateFormats: false });
    const validate = ajv.compile(JSON.parse(published) as object);
    const lines = readFileSync('resources/sample-session/customer-service-retail.jsonl', 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const refused = lines.filter((line) => !validate(JSON.parse(line)));
    expect(refused).toEqual([]);
    expect(validate({ seq: -1, t: 0, direction: 'sideways', type: '', payload: {} })).toBe(false);
  });
});
