import type { ServerResponse } from 'node:http';
import type { Response, ResponseOutputItem, ResponseStreamEvent, ResponseUsage } from 'openai/resources/responses/responses';
import { ApiError, badRequest } from './apiError';
import type { FaultEffect } from './faults';
import { newId } from './ids';
import { planResponsesAnswer, type ResponsesTurn } from './responsesModel';
import type { FakeScript } from './script';
import { strictSchemaFault } from './strictSchema';

/** A response as it travels on the wire; `output_text` is a convenience the SDK adds on the client. */
export type WireResponse = Omit<Response, 'output_text'>;

type InputItem = Record<string, unknown> & { type?: string; role?: string };

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The Responses API over a script: stateless answers, with `previous_response_id` chains kept in memory. */
export class ResponsesApi {
  private readonly stored = new Map<string, { input: InputItem[]; output: ResponseOutputItem[] }>();

  constructor(private readonly script: () => FakeScript) {}

  async handle(request: Record<string, unknown>, res: ServerResponse, faults: FaultEffect, deltaIntervalMs: number): Promise<void> {
    const response = this.answer(request);
    if (request['stream'] !== true) {
      res.writeHead(200, { 'Content-Type': 'application/json', 'x-request-id': newId('req') });
      res.end(JSON.stringify(response));
      return;
    }
    await streamResponse(response, res, faults, Math.max(deltaIntervalMs, faults.deltaDelayMs));
  }

  /** Builds the whole response for a request, validating it the way the real API does. */
  answer(request: Record<string, unknown>): WireResponse {
    const model = request['model'];
    if (typeof model !== 'string' || !model) throw badRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
    const input = normaliseInput(request['input']);
    const previousId = request['previous_response_id'];
    let history: InputItem[] = [];
    if (typeof previousId === 'string') {
      const previous = this.stored.get(previousId);
      if (!previous)
        throw new ApiError(400, 'previous_response_not_found', `Previous response with id '${previousId}' not found.`, 'previous_response_id');
      history = [...previous.input, ...(previous.output as unknown as InputItem[])];
    }
    const conversation = [...history, ...input];
    for (const [index, item] of input.entries()) {
      if (
        item.type === 'function_call_output' &&
        !conversation.some((other) => other.type === 'function_call' && other['call_id'] === item['call_id'])
      ) {
        throw badRequest(`No tool call found for function call output with call_id ${String(item['call_id'])}.`, `input[${index}]`, 'invalid_value');
      }
    }
    const tools = (Array.isArray(request['tools']) ? request['tools'] : []) as Record<string, unknown>[];
    for (const [index, tool] of tools.entries()) {
      if (tool['type'] === 'function' && typeof tool['name'] !== 'string')
        throw badRequest(`Missing required parameter: 'tools[${index}].name'.`, `tools[${index}].name`, 'missing_required_parameter');
      const fault = tool['type'] === 'function' && tool['strict'] === true ? strictSchemaFault(tool['parameters']) : undefined;
      if (fault !== undefined)
        throw badRequest(
          `Invalid schema for function '${String(tool['name'])}': ${fault}`,
          `tools[${index}].parameters`,
          'invalid_function_parameters',
        );
    }
    const text = request['text'] as { format?: { type?: string; name?: unknown; schema?: Record<string, unknown>; strict?: unknown } } | undefined;
    if (text?.format?.type === 'json_schema') {
      if (typeof text.format.name !== 'string')
        throw badRequest("Missing required parameter: 'text.format.name'.", 'text.format.name', 'missing_required_parameter');
      if (!text.format.schema || typeof text.format.schema !== 'object')
        throw badRequest("Missing required parameter: 'text.format.schema'.", 'text.format.schema', 'missing_required_parameter');
      const fault = text.format.strict === true ? strictSchemaFault(text.format.schema) : undefined;
      if (fault !== undefined)
        throw badRequest(`Invalid schema for response_format '${text.format.name}': ${fault}`, 'text.format.schema', 'invalid_json_schema');
    }
    const instructions = typeof request['instructions'] === 'string' ? request['instructions'] : '';
    const lastUser = conversation.findLastIndex((item) => (item.type ?? 'message') === 'message' && item.role === 'user');
    const turn: ResponsesTurn = {
      instructions,
      inputText: conversation.map(messageText).filter(Boolean).join('\n'),
      toolNames: tools.flatMap((tool) => (tool['type'] === 'function' && typeof tool['name'] === 'string' ? [tool['name']] : [])),
      jsonSchema: text?.format?.type === 'json_schema' ? text.format.schema : undefined,
      toolOutputsSinceUser: conversation.slice(lastUser + 1).filter((item) => item.type === 'function_call_output').length,
    };
    const plan = planResponsesAnswer(this.script(), turn);
    const output: ResponseOutputItem[] =
      'toolCall' in plan
        ? [
            {
              type: 'function_call',
              id: newId('fc'),
              call_id: newId('call'),
              name: plan.toolCall.name,
              arguments: JSON.stringify(plan.toolCall.arguments),
              status: 'completed',
            },
          ]
        : [
            {
              type: 'message',
              id: newId('msg'),
              role: 'assistant',
              status: 'completed',
              content: [{ type: 'output_text', text: plan.text, annotations: [], logprobs: [] }],
            },
          ];
    const id = newId('resp');
    if (request['store'] !== false) this.stored.set(id, { input: conversation, output });
    const createdAt = Math.floor(Date.now() / 1000);
    return {
      id,
      object: 'response',
      created_at: createdAt,
      completed_at: createdAt,
      status: 'completed',
      model,
      output,
      error: null,
      incomplete_details: null,
      access_programs: null,
      instructions: typeof request['instructions'] === 'string' ? request['instructions'] : null,
      metadata: (request['metadata'] as Record<string, string> | undefined) ?? {},
      parallel_tool_calls: request['parallel_tool_calls'] !== false,
      temperature: typeof request['temperature'] === 'number' ? request['temperature'] : 1,
      top_p: typeof request['top_p'] === 'number' ? request['top_p'] : 1,
      tool_choice: (request['tool_choice'] as WireResponse['tool_choice'] | undefined) ?? 'auto',
      tools: tools as unknown as WireResponse['tools'],
      text: (text as WireResponse['text'] | undefined) ?? { format: { type: 'text' } },
      previous_response_id: typeof previousId === 'string' ? previousId : null,
      reasoning: (request['reasoning'] as WireResponse['reasoning'] | undefined) ?? null,
      truncation: 'disabled',
      usage: usageOf(turn, output),
    };
  }
}

function normaliseInput(input: unknown): InputItem[] {
  if (typeof input === 'string') return [{ type: 'message', role: 'user', content: input }];
  if (input === undefined) return [];
  if (!Array.isArray(input)) throw badRequest("Invalid type for 'input': expected a string or an array of input items.", 'input', 'invalid_type');
  return input.map((item, index) => {
    if (!item || typeof item !== 'object')
      throw badRequest(`Invalid type for 'input[${index}]': expected an object.`, `input[${index}]`, 'invalid_type');
    return item as InputItem;
  });
}

function messageText(item: InputItem): string {
  if ((item.type ?? 'message') !== 'message') return '';
  const content = item['content'];
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content.map((part: { text?: unknown }) => (typeof part?.text === 'string' ? part.text : '')).join(' ');
}

function usageOf(turn: ResponsesTurn, output: ResponseOutputItem[]): ResponseUsage {
  const input = Math.ceil((turn.instructions.length + turn.inputText.length) / 4) + 10;
  const out = Math.ceil(JSON.stringify(output).length / 8);
  return {
    input_tokens: input,
    input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
    output_tokens: out,
    output_tokens_details: { reasoning_tokens: 0 },
    total_tokens: input + out,
  };
}

type StreamEvent = ResponseStreamEvent extends infer E ? (E extends unknown ? Omit<E, 'sequence_number'> : never) : never;

/** Server-sent events in the real order: created, in_progress, per item added/deltas/done, completed. */
async function streamResponse(response: WireResponse, res: ServerResponse, faults: FaultEffect, interval: number): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-cache',
    Connection: 'keep-alive',
    'x-request-id': newId('req'),
  });
  let sequence = 0;
  let deltas = 0;
  const send = (event: StreamEvent) => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify({ ...event, sequence_number: sequence++ })}\n\n`);
  };
  /** After each delta: pace, and maybe drop the stream (a fault). Returns false once dropped. */
  const afterDelta = async () => {
    deltas += 1;
    if (faults.dropMidResponse && deltas === 1) {
      // Let what was written reach the client first, so it sees a stream cut short rather than no response.
      await new Promise<void>((resolve) => res.write('', () => resolve()));
      res.destroy();
      return false;
    }
    await sleep(interval);
    return true;
  };
  const inProgress = { ...response, status: 'in_progress' as const, output: [], usage: undefined, completed_at: null } as unknown as Response;
  send({ type: 'response.created', response: inProgress });
  send({ type: 'response.in_progress', response: inProgress });
  for (const [outputIndex, item] of response.output.entries()) {
    if (item.type === 'message') {
      const part = item.content[0]!;
      const full = part.type === 'output_text' ? part.text : '';
      send({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, status: 'in_progress', content: [] } });
      send({
        type: 'response.content_part.added',
        item_id: item.id,
        output_index: outputIndex,
        content_index: 0,
        part: { type: 'output_text', text: '', annotations: [], logprobs: [] },
      });
      for (const delta of full.match(/\S+\s*|\s+/g) ?? []) {
        send({ type: 'response.output_text.delta', item_id: item.id, output_index: outputIndex, content_index: 0, delta, logprobs: [] });
        if (!(await afterDelta())) return;
      }
      send({ type: 'response.output_text.done', item_id: item.id, output_index: outputIndex, content_index: 0, text: full, logprobs: [] });
      send({ type: 'response.content_part.done', item_id: item.id, output_index: outputIndex, content_index: 0, part });
    } else if (item.type === 'function_call') {
      send({ type: 'response.output_item.added', output_index: outputIndex, item: { ...item, arguments: '', status: 'in_progress' } });
      for (const delta of item.arguments.match(/.{1,24}/gs) ?? []) {
        send({ type: 'response.function_call_arguments.delta', item_id: item.id!, output_index: outputIndex, delta });
        if (!(await afterDelta())) return;
      }
      send({ type: 'response.function_call_arguments.done', item_id: item.id!, output_index: outputIndex, arguments: item.arguments });
    }
    send({ type: 'response.output_item.done', output_index: outputIndex, item });
  }
  send({ type: 'response.completed', response: response as Response });
  res.end();
}
