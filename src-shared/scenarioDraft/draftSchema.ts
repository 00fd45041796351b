import { z } from 'zod';

/**
 * What a text model is asked to answer when it drafts a scenario: the scenario file and a tests file in one
 * object, as Structured Outputs with `strict: true`. Strict mode takes only closed objects whose every field is
 * required (an optional one is nullable), so this is the scenario's own shape with two changes: optional fields
 * are nullable, and the free-form JSON a scenario holds (a tool's JSON Schema parameters, its mock result, the
 * escalation's output schema) travels as JSON text, parsed and checked on arrival (`draftToFiles`).
 */

const jsonText = (what: string) => z.string().describe(`${what}, as JSON text`);

const draftToolSchema = z.strictObject({
  name: z.string().describe('camelCase or snake_case, letters, digits and _ only, starting with a letter'),
  description: z.string().describe('When the agent should call it, in one or two sentences'),
  runsOn: z
    .enum(['agent', 'supervisor', 'escalation'])
    .describe('agent: answered by its mock result; supervisor / escalation: answered by that model (the scenario must then have that section)'),
  parametersJson: jsonText(
    'A JSON Schema of the arguments: {"type":"object","properties":{…},"required":[…],"additionalProperties":false}, every property described',
  ),
  mockResultJson: jsonText('The result the tool returns in the workbench: realistic, matching what the instructions promise'),
});

const draftAgentSchema = z.strictObject({
  name: z.string().describe('snake_case or camelCase identifier, e.g. authentication'),
  publicDescription: z.string().describe('One sentence other agents read to decide to hand off here'),
  voice: z.string().nullable().describe('A realtime voice such as sage, alloy, marin, cedar; null for the default'),
  instructions: z.string().describe('The agent’s prompt in the state-machine form the instructions describe'),
  handoffs: z.array(z.string()).describe('Names of the agents this one may transfer the user to'),
  tools: z.array(draftToolSchema),
});

const draftTurnSchema = z.strictObject({
  user: z.string().describe('What the user types in this turn'),
  expect: z.strictObject({
    toolCalls: z.array(z.string()).describe('Names of the tools the turn must call (transfer_to_<agent> for a handoff); [] for none required'),
    handoffTo: z.string().nullable().describe('The agent this turn hands off to, or null'),
    replyIncludes: z.array(z.string()).describe('Short words the reply must contain, ignoring case; [] for none'),
    judge: z.string().nullable().describe('A criterion a judge model checks the reply against, or null'),
  }),
});

const draftTestSchema = z.strictObject({
  name: z.string().describe('What the test checks, in a few words; unique'),
  startAgent: z.string().nullable().describe('The agent the test starts with, or null for the default agent'),
  turns: z.array(draftTurnSchema),
});

export const scenarioDraftSchema = z.strictObject({
  id: z.string().describe('camelCase identifier of the scenario, e.g. bikeShopSupport'),
  name: z.string().describe('A short title'),
  description: z.string().describe('One or two sentences: who calls and what the agents do'),
  defaultAgent: z.string().describe('The name of the agent the session starts with'),
  agents: z.array(draftAgentSchema),
  supervisor: z
    .strictObject({ instructions: z.string(), tools: z.array(draftToolSchema.omit({ runsOn: true })) })
    .nullable()
    .describe('A smarter text model that answers tools marked runsOn supervisor, or null'),
  escalation: z
    .strictObject({ instructions: z.string(), outputSchemaJson: jsonText('The JSON Schema of the decision it returns (an object schema)') })
    .nullable()
    .describe('A reasoning model that makes the high-stakes decision of tools marked runsOn escalation, or null'),
  guardrail: z
    .strictObject({
      companyName: z.string(),
      categories: z
        .array(z.strictObject({ name: z.string().describe('UPPER_SNAKE_CASE'), description: z.string() }))
        .describe('What the assistant must not say, by category; one of them is NONE, for acceptable output'),
    })
    .nullable(),
  tests: z.array(draftTestSchema).describe('Tests of the scenario’s main flows, two to five'),
});
export type ScenarioDraft = z.infer<typeof scenarioDraftSchema>;

type JsonSchema = Record<string, unknown>;

/** Keywords strict Structured Outputs refuse or that say nothing to the model. */
const dropped = new Set(['$schema', 'minLength', 'maxLength']);

function strictForm(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(strictForm);
  if (typeof node !== 'object' || node === null) return node;
  return Object.fromEntries(
    Object.entries(node as JsonSchema)
      .filter(([key]) => !dropped.has(key))
      .map(([key, value]) => [key, strictForm(value)]),
  );
}

/** The JSON Schema the draft is requested with (`text.format` json_schema, strict), generated from the zod schema. */
export function scenarioDraftJsonSchema(): JsonSchema {
  return strictForm(z.toJSONSchema(scenarioDraftSchema, { io: 'output' })) as JsonSchema;
}
