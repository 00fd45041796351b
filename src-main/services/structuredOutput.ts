import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { Usage } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import type { JsonSchemaObject } from '../../src-shared/scenario';
import type { UpstreamClient } from './openaiClient';
import { addUsage, noUsage } from './usage';

/** One Responses API call whose answer must be JSON matching `schema`. */
export async function askForJson(
  upstream: UpstreamClient,
  what: string,
  options: { model: string; instructions: string; input: ResponseInputItem[]; schemaName: string; schema: JsonSchemaObject; signal: AbortSignal },
): Promise<{ value: Record<string, unknown>; usage: Usage }> {
  const response = await upstream.call(what, (client) =>
    client.responses.create(
      {
        model: options.model,
        instructions: options.instructions,
        input: options.input,
        text: { format: { type: 'json_schema', name: options.schemaName, schema: options.schema, strict: true } },
        store: false,
      },
      { signal: options.signal },
    ),
  );
  let value: unknown;
  try {
    value = JSON.parse(response.output_text);
  } catch {
    throw new WorkbenchError(
      'upstream_bad_output',
      `${what}: ${upstream.baseUrl} answered with text that is not JSON: ${response.output_text.slice(0, 200)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new WorkbenchError('upstream_bad_output', `${what}: ${upstream.baseUrl} answered with JSON that is not an object.`);
  }
  const missing = (options.schema.required ?? []).filter((field) => !(field in value));
  if (missing.length > 0) {
    throw new WorkbenchError('upstream_bad_output', `${what}: the answer is missing ${missing.join(', ')}.`, missing[0]);
  }
  return { value: value as Record<string, unknown>, usage: addUsage(noUsage, response.usage) };
}
