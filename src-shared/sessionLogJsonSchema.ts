import { z } from 'zod';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, sessionLogEventSchema, sessionLogFooterSchema, sessionLogHeaderSchema } from './sessionLog';
import { loggedImageSchema } from './sessionLogImages';

/**
 * The published JSON Schema of one line of a session log, generated from the zod schemas the app
 * itself reads with (docs/session-log.schema.json; `npm run schema` rewrites it, a test keeps it current).
 */
export function sessionLogJsonSchema(): Record<string, unknown> {
  const line = z.union([sessionLogHeaderSchema, sessionLogEventSchema, sessionLogFooterSchema]);
  const schema = z.toJSONSchema(line, { io: 'input', unrepresentable: 'any' });
  const loggedImage = {
    ...z.toJSONSchema(loggedImageSchema, { io: 'input' }),
    description:
      'What an input_image part of an event payload holds in place of its data URL: `{"type":"input_image","detail":…,"image":<this>}`. `file` is the image in the folder beside the log (the log file name without .jsonl, plus .images); null when images were left out of the log.',
  };
  delete loggedImage.$schema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://voice-agent-workbench.dev/schemas/session-log-v${SESSION_LOG_VERSION}.json`,
    title: `Voice Agent Workbench session log, format ${SESSION_LOG_VERSION}: one line`,
    description: `Each line of a ${SESSION_LOG_FORMAT} file (JSONL) is one of these: the header (first line), a session event, or the footer (last line, only when the session ended cleanly). Readers ignore fields and record kinds they do not know.`,
    ...schema,
    $defs: { ...(schema.$defs ?? {}), loggedImage },
  };
}
