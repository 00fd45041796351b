// Writes docs/session-log.schema.json from the zod schemas of the session log. Run: npm run schema
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { sessionLogJsonSchema } from '../src-shared/sessionLogJsonSchema';

const path = 'docs/session-log.schema.json';
const options = (await resolveConfig(path)) ?? {};
writeFileSync(path, await format(JSON.stringify(sessionLogJsonSchema()), { ...options, parser: 'json' }));
console.log(`Wrote ${path}`);
