import { z } from 'zod';

/**
 * The realtime client events the fake understands, validated loosely where the real API is loose
 * (unknown fields pass) and strictly where it is strict (required fields, known types).
 */
const eventId = z.string().optional();

const contentPart = z.looseObject({
  type: z.enum(['input_text', 'input_audio', 'input_image', 'output_text', 'output_audio', 'text', 'audio']),
  text: z.string().optional(),
  transcript: z.string().nullable().optional(),
  audio: z.string().optional(),
  /** input_image: a base64 data URL (checked in imageContent.ts with the real API's messages). */
  image_url: z.string().optional(),
  detail: z.string().optional(),
});

const item = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('message'),
    id: z.string().optional(),
    role: z.enum(['user', 'assistant', 'system']),
    content: z.array(contentPart),
  }),
  z.looseObject({
    type: z.literal('function_call'),
    id: z.string().optional(),
    call_id: z.string().optional(),
    name: z.string(),
    arguments: z.string(),
  }),
  z.looseObject({ type: z.literal('function_call_output'), id: z.string().optional(), call_id: z.string(), output: z.string() }),
  z.looseObject({
    type: z.literal('mcp_approval_response'),
    id: z.string().optional(),
    approval_request_id: z.string(),
    approve: z.boolean(),
    reason: z.string().nullable().optional(),
  }),
]);

export const clientEventSchemas = {
  'session.update': z.looseObject({ event_id: eventId, session: z.looseObject({ type: z.enum(['realtime', 'transcription']) }) }),
  'conversation.item.create': z.looseObject({ event_id: eventId, previous_item_id: z.string().nullable().optional(), item }),
  'conversation.item.retrieve': z.looseObject({ event_id: eventId, item_id: z.string() }),
  'conversation.item.delete': z.looseObject({ event_id: eventId, item_id: z.string() }),
  'conversation.item.truncate': z.looseObject({
    event_id: eventId,
    item_id: z.string(),
    content_index: z.number().int().nonnegative(),
    audio_end_ms: z.number().int().nonnegative(),
  }),
  'input_audio_buffer.append': z.looseObject({ event_id: eventId, audio: z.string() }),
  'input_audio_buffer.commit': z.looseObject({ event_id: eventId }),
  'input_audio_buffer.clear': z.looseObject({ event_id: eventId }),
  'output_audio_buffer.clear': z.looseObject({ event_id: eventId }),
  'response.create': z.looseObject({
    event_id: eventId,
    response: z
      .looseObject({
        instructions: z.string().optional(),
        output_modalities: z.array(z.enum(['text', 'audio'])).optional(),
        conversation: z.union([z.literal('auto'), z.literal('none'), z.string()]).optional(),
        metadata: z.record(z.string(), z.string()).nullable().optional(),
      })
      .optional(),
  }),
  'response.cancel': z.looseObject({ event_id: eventId, response_id: z.string().optional() }),
} as const;

export type ClientEventType = keyof typeof clientEventSchemas;
export type ClientEvent<T extends ClientEventType> = z.output<(typeof clientEventSchemas)[T]>;
export type ConversationItemInput = z.output<typeof item>;

/** A client event the real API would refuse, with the code, message and param the real one gives. */
export class ClientEventError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly param: string | null = null,
    readonly clientEventId: string | null = null,
  ) {
    super(message);
    this.name = 'ClientEventError';
  }
}

export type ParsedClientEvent = { [T in ClientEventType]: { type: T; event: ClientEvent<T> } }[ClientEventType];

export function parseClientEvent(raw: string): ParsedClientEvent {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new ClientEventError(
      'invalid_json',
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
    );
  }
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new ClientEventError('invalid_value', 'A client event must be a JSON object.');
  const { type, event_id: clientEventId } = json as { type?: unknown; event_id?: unknown };
  const id = typeof clientEventId === 'string' ? clientEventId : null;
  if (typeof type !== 'string') throw new ClientEventError('missing_required_parameter', "Missing required parameter: 'type'.", 'type', id);
  if (!(type in clientEventSchemas)) {
    throw new ClientEventError(
      'invalid_value',
      `Invalid value: '${type}'. Supported values are: ${Object.keys(clientEventSchemas)
        .map((name) => `'${name}'`)
        .join(', ')}.`,
      'type',
      id,
    );
  }
  const result = clientEventSchemas[type as ClientEventType].safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const param = issue.path.join('.');
    const missing = issue.code === 'invalid_type' && (issue as { input?: unknown }).input === undefined;
    throw new ClientEventError(
      missing ? 'missing_required_parameter' : 'invalid_value',
      missing ? `Missing required parameter: '${param}'.` : `Invalid value for '${param}': ${issue.message}.`,
      param,
      id,
    );
  }
  return { type, event: result.data } as ParsedClientEvent;
}
