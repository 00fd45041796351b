// Writes the published JSON Schemas from the zod schemas the app reads with: docs/session-log.schema.json
// (one line of a session log) and docs/scenario-tests.schema.json (a tests file). Run: npm run schema
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { testsFileJsonSchema } from '../src-shared/scenarioTests/testsJsonSchema';
import { sessionLogJsonSchema } from '../src-shared/sessionLogJsonSchema';

const schemas: Record<string, Record<string, unknown>> = {
  'docs/session-log.schema.json': sessionLogJsonSchema(),
  'docs/scenario-tests.schema.json': testsFileJsonSchema(),
};
for (const [path, schema] of Object.entries(schemas)) {
  const options = (await resolveConfig(path)) ?? {};
  writeFileSync(path, await format(JSON.stringify(schema), { ...options, parser: 'json' }));
  console.log(`Wrote ${path}`);
}
