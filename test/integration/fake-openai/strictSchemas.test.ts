import { readdir, readFile } from 'node:fs/promises';
import OpenAI, { BadRequestError } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../../../e2e/fake-openai/server';
import { scenarioSchema, type Scenario } from '../../../src-shared/scenario';

let fake: FakeOpenAI;
let openai: OpenAI;

beforeAll(async () => {
  fake = await startFakeOpenAI({ speech: 'tone' });
  openai = new OpenAI({ apiKey: 'sk-test', baseURL: `${fake.baseUrl}/v1`, maxRetries: 0 });
});
afterAll(async () => {
  await fake.close();
});

/** What a user might write: an optional property and an open object, fine without strict mode. */
const looseSchema = { type: 'object', properties: { foo: { type: 'string' }, bar: { type: 'string' } }, required: ['bar'] };

async function refusal(request: Promise<unknown>): Promise<BadRequestError> {
  const error = await request.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BadRequestError);
  return error as BadRequestError;
}

describe('strict schemas sent to the fake Responses API', () => {
  it('refuses a strict function tool whose schema is not strict-compatible, as the real API does', async () => {
    const error = await refusal(
      openai.responses.create({
        model: 'gpt-4.1',
        input: 'hello',
        tools: [{ type: 'function', name: 'lookup', description: 'd', strict: true, parameters: { ...looseSchema, additionalProperties: false } }],
      }),
    );
    expect(error.status).toBe(400);
    expect(error.error).toEqual({
      message:
        "Invalid schema for function 'lookup': In context=(), 'required' is required to be supplied and to be an array including every key in properties. Missing 'foo'.",
      type: 'invalid_request_error',
      param: 'tools[0].parameters',
      code: 'invalid_function_parameters',
    });
  });

  it('refuses a strict json_schema text format with an open object', async () => {
    const error = await refusal(
      openai.responses.create({
        model: 'gpt-4.1',
        input: 'hello',
        text: { format: { type: 'json_schema', name: 'decision', strict: true, schema: { ...looseSchema, required: ['foo', 'bar'] } } },
      }),
    );
    expect(error.error).toMatchObject({
      message: "Invalid schema for response_format 'decision': In context=(), 'additionalProperties' is required to be supplied and to be false.",
      type: 'invalid_request_error',
      param: 'text.format.schema',
    });
  });

  it('takes the same loose schema when strict is off', async () => {
    const response = await openai.responses.create({
      model: 'gpt-4.1',
      input: 'hello',
      tools: [{ type: 'function', name: 'lookup', description: 'd', strict: false, parameters: looseSchema }],
    });
    expect(response.status).toBe('completed');
  });
});

describe("the shipped scenarios' strict schemas", async () => {
  const files = (await readdir('agent-configs')).filter((name) => name.endsWith('.json') && !name.endsWith('.tests.json'));
  const scenarios: Scenario[] = await Promise.all(
    files.map(async (name) => scenarioSchema.parse(JSON.parse(await readFile(`agent-configs/${name}`, 'utf8')))),
  );

  it('ships at least one supervisor and one escalation to check', () => {
    expect(scenarios.some((scenario) => (scenario.supervisor?.tools.length ?? 0) > 0)).toBe(true);
    expect(scenarios.some((scenario) => scenario.escalation)).toBe(true);
  });

  it.each(scenarios.flatMap((scenario) => (scenario.supervisor?.tools ?? []).map((tool) => [scenario.id, tool.name, tool] as const)))(
    '%s: the supervisor tool %s passes strict mode',
    async (_id, name, tool) => {
      const response = await openai.responses.create({
        model: 'gpt-4.1',
        input: 'hello',
        tools: [{ type: 'function', name, description: tool.description, strict: true, parameters: tool.parameters }],
      });
      expect(response.status).toBe('completed');
    },
  );

  it.each(scenarios.flatMap((scenario) => (scenario.escalation ? [[scenario.id, scenario.escalation.outputSchema] as const] : [])))(
    '%s: the escalation output schema passes strict mode',
    async (_id, schema) => {
      const response = await openai.responses.create({
        model: 'gpt-6.1-sol',
        input: 'hello',
        text: { format: { type: 'json_schema', name: 'escalation', strict: true, schema } },
      });
      expect(response.status).toBe('completed');
    },
  );
});
