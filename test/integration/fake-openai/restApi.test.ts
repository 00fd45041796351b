import OpenAI, { AuthenticationError, BadRequestError, InternalServerError, RateLimitError } from 'openai';
import type { FunctionTool, ResponseInputItem } from 'openai/resources/responses/responses';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CUSTOMER_PHONE, SUPERVISOR_BILL_ANSWER } from '../../../e2e/fake-openai/defaultScript';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';

let fake: FakeOpenAI;
let openai: OpenAI;

beforeEach(async () => {
  fake = await startFakeOpenAI({ speech: 'tone' });
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1`, maxRetries: 0 });
});
afterEach(async () => {
  await fake.close();
});

const functionTool = (name: string, property: string): FunctionTool => ({
  type: 'function',
  name,
  description: name,
  strict: true,
  parameters: { type: 'object', properties: { [property]: { type: 'string' } }, required: [property], additionalProperties: false },
});
const supervisorTools = [
  functionTool('lookupPolicyDocument', 'topic'),
  functionTool('getUserAccountInfo', 'phone_number'),
  functionTool('findNearestStore', 'zip_code'),
];

const guardrailFormat = {
  type: 'json_schema' as const,
  name: 'output_classification',
  strict: true,
  schema: {
    type: 'object',
    properties: {
      moderationRationale: { type: 'string' },
      moderationCategory: { type: 'string', enum: ['OFFENSIVE', 'OFF_BRAND', 'VIOLENCE', 'NONE'] },
    },
    required: ['moderationRationale', 'moderationCategory'],
    additionalProperties: false,
  },
};

describe('POST /v1/realtime/client_secrets', () => {
  it('mints an ek_ secret with expires_at and the session asked for', async () => {
    const before = Math.floor(Date.now() / 1000);
    const secret = await openai.realtime.clientSecrets.create({
      expires_after: { anchor: 'created_at', seconds: 60 },
      session: { type: 'realtime', model: 'gpt-realtime', audio: { output: { voice: 'sage' } } },
    });
    expect(secret.value).toMatch(/^ek_/);
    expect(secret.expires_at - before).toBeGreaterThanOrEqual(59);
    expect(secret.expires_at - before).toBeLessThanOrEqual(61);
    expect(secret.session).toMatchObject({ type: 'realtime', model: 'gpt-realtime', audio: { output: { voice: 'sage' } } });
  });

  it('refuses a key it was not given with 401 invalid_api_key, in the OpenAI error shape', async () => {
    const stranger = new OpenAI({ apiKey: 'sk-stranger', baseURL: `${fake.baseUrl}/v1`, maxRetries: 0 });
    const error = await stranger.realtime.clientSecrets.create({ session: { type: 'realtime' } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, code: 'invalid_api_key', type: 'invalid_request_error', param: null });
  });

  it('refuses an out-of-range lifetime, naming the parameter', async () => {
    const error = await openai.realtime.clientSecrets
      .create({ expires_after: { anchor: 'created_at', seconds: 5 }, session: { type: 'realtime' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'expires_after.seconds' });
  });
});

describe('POST /v1/responses', () => {
  it('runs the supervisor tool loop: getUserAccountInfo, then the final answer, with usage each time', async () => {
    const input: ResponseInputItem[] = [{ role: 'user', content: 'The caller asks about their last bill.' }];
    const first = await openai.responses.create({ model: 'gpt-4.1', input, tools: supervisorTools });
    expect(first.output).toEqual([
      expect.objectContaining({ type: 'function_call', name: 'getUserAccountInfo', arguments: JSON.stringify({ phone_number: CUSTOMER_PHONE }) }),
    ]);
    expect(first.usage?.total_tokens).toBeGreaterThan(0);
    const call = first.output[0]!;
    if (call.type !== 'function_call') throw new Error('expected a function call');
    const second = await openai.responses.create({
      model: 'gpt-4.1',
      input: [...input, call, { type: 'function_call_output', call_id: call.call_id, output: JSON.stringify({ balance: '$50.00' }) }],
      tools: supervisorTools,
    });
    expect(second.output_text).toBe(SUPERVISOR_BILL_ANSWER);
    expect(second.usage?.output_tokens).toBeGreaterThan(0);
  });

  it('continues a chain by previous_response_id', async () => {
    const first = await openai.responses.create({ model: 'gpt-4.1', input: 'What is my account balance?', tools: supervisorTools });
    const call = first.output[0]!;
    if (call.type !== 'function_call') throw new Error('expected a function call');
    const second = await openai.responses.create({
      model: 'gpt-4.1',
      previous_response_id: first.id,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '{}' }],
      tools: supervisorTools,
    });
    expect(second.output_text).toBe(SUPERVISOR_BILL_ANSWER);
  });

  it('refuses a tool output for a call it never made', async () => {
    const error = await openai.responses
      .create({ model: 'gpt-4.1', input: [{ type: 'function_call_output', call_id: 'call_nope', output: '{}' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BadRequestError);
  });

  it('classifies with the guardrail schema: NONE by default, OFFENSIVE on the trigger word', async () => {
    const classify = async (text: string) =>
      JSON.parse((await openai.responses.create({ model: 'gpt-4o-mini', input: text, text: { format: guardrailFormat } })).output_text) as unknown;
    expect(await classify('Thanks for calling!')).toMatchObject({ moderationCategory: 'NONE' });
    expect(await classify('You are an idiot.')).toMatchObject({ moderationCategory: 'OFFENSIVE' });
  });

  it('answers a structured-output request no rule covers with a value that fits the schema', async () => {
    const response = await openai.responses.create({
      model: 'gpt-6.1-sol',
      input: 'anything',
      text: {
        format: {
          type: 'json_schema',
          name: 'thing',
          schema: {
            type: 'object',
            properties: { ok: { type: 'boolean' }, count: { type: 'integer' }, label: { type: 'string', enum: ['A', 'B'] } },
            required: ['ok', 'count', 'label'],
          },
        },
      },
    });
    expect(JSON.parse(response.output_text)).toEqual({ ok: true, count: 0, label: 'A' });
  });

  it('streams server-sent events with the real names, ending in response.completed with usage', async () => {
    const stream = await openai.responses.create({ model: 'gpt-4.1', input: 'What is my bill?', tools: supervisorTools, stream: true });
    const types: string[] = [];
    let completed: unknown;
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'response.completed') completed = event.response;
    }
    expect(types.slice(0, 3)).toEqual(['response.created', 'response.in_progress', 'response.output_item.added']);
    expect(types).toContain('response.function_call_arguments.delta');
    expect(types.slice(-3)).toEqual(['response.function_call_arguments.done', 'response.output_item.done', 'response.completed']);
    expect(completed).toMatchObject({ status: 'completed', usage: { total_tokens: expect.any(Number) } });

    const textStream = openai.responses.stream({ model: 'gpt-4.1', input: 'hello' });
    const deltas: string[] = [];
    textStream.on('response.output_text.delta', (event) => deltas.push(event.delta));
    const final = await textStream.finalResponse();
    expect(deltas.join('')).toBe(final.output_text);
  });

  it('needs a model', async () => {
    const error = await openai.responses.create({ input: 'hi' } as never).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 400, code: 'missing_required_parameter', param: 'model' });
  });
});

describe('faults', () => {
  it('answers 429 with retry-after, only on the route it targets, only as many times as asked', async () => {
    fake.faults.set([{ route: 'responses', status: 429, retryAfterSeconds: 7, times: 1 }]);
    await expect(openai.realtime.clientSecrets.create({ session: { type: 'realtime' } })).resolves.toHaveProperty('value');
    const error = await openai.responses.create({ model: 'gpt-4.1', input: 'hi' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).headers?.get('retry-after')).toBe('7');
    await expect(openai.responses.create({ model: 'gpt-4.1', input: 'hi' })).resolves.toHaveProperty('status', 'completed');
  });

  it('answers 500 and 503 in the OpenAI error shape', async () => {
    fake.faults.set([
      { route: 'responses', status: 500, times: 1 },
      { route: 'client_secrets', status: 503, times: 1 },
    ]);
    await expect(openai.responses.create({ model: 'gpt-4.1', input: 'hi' })).rejects.toBeInstanceOf(InternalServerError);
    await expect(openai.realtime.clientSecrets.create({ session: { type: 'realtime' } })).rejects.toMatchObject({
      status: 503,
      type: 'server_error',
    });
  });

  it('adds latency before the first byte', async () => {
    fake.faults.set([{ route: 'responses', latencyMs: 400 }]);
    const started = Date.now();
    await openai.responses.create({ model: 'gpt-4.1', input: 'hi' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('slows each streamed delta by deltaDelayMs', async () => {
    fake.faults.set([{ route: 'responses', deltaDelayMs: 60 }]);
    const started = Date.now();
    const stream = await openai.responses.create({ model: 'gpt-4.1', input: 'hello', stream: true });
    let deltas = 0;
    for await (const event of stream) if (event.type === 'response.output_text.delta') deltas += 1;
    expect(deltas).toBeGreaterThan(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(deltas * 60 - 10);
  });

  it('mints secrets that have already expired, which the calls endpoint then refuses', async () => {
    fake.faults.set([{ route: 'client_secrets', expiredSecrets: true }]);
    const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime' } });
    expect(secret.expires_at).toBeLessThanOrEqual(Date.now() / 1000);
    const response = await fetch(`${fake.baseUrl}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${secret.value}`, 'Content-Type': 'application/sdp' },
      body: 'v=0\r\n',
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key' } });
  });

  it('drops a streamed response mid-way', async () => {
    fake.faults.set([{ route: 'responses', dropMidResponse: true }]);
    const stream = await openai.responses.create({ model: 'gpt-4.1', input: 'hello', stream: true });
    const types: string[] = [];
    const consume = async () => {
      for await (const event of stream) types.push(event.type);
    };
    await expect(consume()).rejects.toThrow();
    expect(types).toContain('response.output_text.delta');
    expect(types).not.toContain('response.completed');
  });
});

describe('POST /v1/realtime/calls', () => {
  const offer = (token: string, contentType = 'application/sdp') =>
    fetch(`${fake.baseUrl}/v1/realtime/calls`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': contentType },
      body: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n',
    });

  it('refuses an unknown key or secret with 401 invalid_api_key', async () => {
    for (const token of ['sk-nope', 'ek_never_minted']) {
      const response = await offer(token);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: 'invalid_api_key', type: 'invalid_request_error' } });
    }
  });

  it('refuses a body that is not application/sdp', async () => {
    const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime' } });
    expect((await offer(secret.value, 'application/json')).status).toBe(415);
  });

  it('refuses the SDP offer when the fault says so', async () => {
    fake.faults.set([{ route: 'calls', refuseSdp: true, times: 1 }]);
    const secret = await openai.realtime.clientSecrets.create({ session: { type: 'realtime' } });
    const response = await offer(secret.value);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: 'invalid_offer' } });
  });
});

describe('CORS and the record of requests', () => {
  it.each(['/v1/realtime/client_secrets', '/v1/realtime/calls', '/v1/responses'])('answers a browser preflight on %s', async (path) => {
    const response = await fetch(`${fake.baseUrl}${path}`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'authorization,content-type,x-openai-agents-sdk',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Authorization.*Content-Type.*X-OpenAI-Agents-SDK/);
    expect(response.headers.get('access-control-expose-headers')).toContain('Location');
  });

  it('records each request with its body and the status it answered', async () => {
    await openai.responses.create({ model: 'gpt-4.1', input: 'hi' });
    await fake.received.waitFor('the status', () => fake.received.http.at(-1)?.status !== undefined);
    expect(fake.received.http.at(-1)).toMatchObject({ method: 'POST', path: '/v1/responses', body: { model: 'gpt-4.1', input: 'hi' }, status: 200 });
  });
});
