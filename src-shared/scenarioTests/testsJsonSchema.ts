import { z } from 'zod';
import { testsFileSchema } from './testsFile';

/**
 * The published JSON Schema of a tests file, generated from the zod schema the app reads it with
 * (docs/scenario-tests.schema.json; `npm run schema` rewrites it, a test keeps it current). Editors use it
 * through a file's `$schema`; what it cannot say (exactly one of user, audio or silenceMs; a valid regular
 * expression; unique test names) the app's reader checks.
 */
export function testsFileJsonSchema(): Record<string, unknown> {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://voice-agent-workbench.dev/schemas/scenario-tests.json',
    title: 'Voice Agent Workbench scenario tests (<anything>.tests.json)',
    description:
      'Tests run against one scenario: scripted turns (typed text, audio, silence) or a simulated caller, each turn with what it is expected to do. JSON with comments.',
    ...z.toJSONSchema(testsFileSchema, { io: 'input', unrepresentable: 'any' }),
  };
}
