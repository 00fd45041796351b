import { z } from 'zod';
import { sessionSettingsSchema } from './session/sessionSettings';

/**
 * A scenario file (agent-configs/*.json, or the user's scenario folder): agents, their handoff graph,
 * tools with JSON-schema parameters and mock results, and what runs on the supervisor or escalation model.
 */

const identifier = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_]{0,63}$/, { error: 'must start with a letter and hold only letters, digits and _ (64 at most)' });

export const jsonSchemaObjectSchema = z
  .looseObject({
    type: z.literal('object'),
    properties: z.record(z.string(), z.unknown()),
    required: z.array(z.string()).optional(),
    additionalProperties: z.boolean().optional(),
  })
  .refine((schema) => (schema.required ?? []).every((name) => name in schema.properties), {
    error: 'lists a required property that is not among its properties',
    path: ['required'],
  });
export type JsonSchemaObject = z.infer<typeof jsonSchemaObjectSchema>;

/** Where a realtime agent's tool call is answered. */
export const toolRunsOnSchema = z.enum(['agent', 'supervisor', 'escalation']);

export const mockToolSchema = z.strictObject({
  name: identifier,
  description: z.string().min(1),
  parameters: jsonSchemaObjectSchema,
  /** What the tool returns: the scenario's stand-in for a real backend. */
  mockResult: z.unknown().optional(),
});

export const agentToolSchema = mockToolSchema.extend({ runsOn: toolRunsOnSchema.default('agent') });
export type AgentTool = z.infer<typeof agentToolSchema>;

/**
 * A hosted MCP server an agent may use: the Realtime API lists its tools and calls them itself. A header's value
 * is the name of a secret in the key store (resolved in main at connect), never the secret itself.
 */
export const mcpServerSchema = z.strictObject({
  serverLabel: identifier,
  serverUrl: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }),
  allowedTools: z.array(z.string().min(1)).min(1).optional(),
  /** `always`: each call waits for the user's decision in the Tools panel; `never` (default): calls run unasked unless the panel says Ask me. */
  requireApproval: z.enum(['always', 'never']).default('never'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,64}$/, { error: 'must be an HTTP header name' }), identifier).optional(),
});
export type McpServerConfig = z.infer<typeof mcpServerSchema>;

export const agentSchema = z.strictObject({
  name: identifier,
  publicDescription: z.string().min(1),
  voice: z.string().min(1).optional(),
  instructions: z.string().min(1),
  handoffs: z.array(identifier).default([]),
  tools: z.array(agentToolSchema).default([]),
  /** Optional (absent: none), so a file, a log or a draft without MCP servers reads as before. */
  mcp: z.array(mcpServerSchema).optional(),
});
export type AgentConfig = z.infer<typeof agentSchema>;

export const guardrailCategorySchema = z.strictObject({
  name: z.string().regex(/^[A-Z][A-Z_]*$/, { error: 'must be UPPER_SNAKE_CASE, e.g. OFF_BRAND' }),
  description: z.string().min(1),
});

/** A fault in how a scenario's parts refer to each other, at the path of the referring field. */
export interface ScenarioReferenceIssue {
  readonly path: (string | number)[];
  readonly message: string;
}

const recordOf = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const listOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * The agent names, handoffs, default agent and tool destinations that point at nothing. It reads the file
 * loosely, so these faults are reported alongside structural ones instead of only once those are fixed.
 */
export function scenarioReferenceIssues(input: unknown): ScenarioReferenceIssue[] {
  const scenario = recordOf(input);
  const agents = listOf(scenario['agents']).map(recordOf);
  const names = agents.map((agent) => agent['name']).filter((name): name is string => typeof name === 'string');
  const issues: ScenarioReferenceIssue[] = [];
  const defaultAgent = scenario['defaultAgent'];
  if (typeof defaultAgent === 'string' && !names.includes(defaultAgent)) {
    issues.push({ path: ['defaultAgent'], message: `names no agent of this scenario (agents: ${names.join(', ') || 'none'})` });
  }
  agents.forEach((agent, index) => {
    const name = agent['name'];
    if (typeof name === 'string' && agents.slice(0, index).some((earlier) => earlier['name'] === name)) {
      issues.push({ path: ['agents', index, 'name'], message: `repeats the agent name ${name}` });
    }
    listOf(agent['handoffs']).forEach((target, handoffIndex) => {
      if (typeof target === 'string' && !names.includes(target)) {
        issues.push({ path: ['agents', index, 'handoffs', handoffIndex], message: `names no agent of this scenario: ${target}` });
      }
    });
    listOf(agent['mcp']).forEach((server, serverIndex) => {
      const label = recordOf(server)['serverLabel'];
      if (
        typeof label === 'string' &&
        listOf(agent['mcp'])
          .slice(0, serverIndex)
          .some((earlier) => recordOf(earlier)['serverLabel'] === label)
      ) {
        issues.push({ path: ['agents', index, 'mcp', serverIndex, 'serverLabel'], message: `repeats the MCP server label ${label}` });
      }
    });
    listOf(agent['tools']).forEach((tool, toolIndex) => {
      const runsOn = recordOf(tool)['runsOn'];
      if ((runsOn === 'supervisor' || runsOn === 'escalation') && scenario[runsOn] === undefined) {
        issues.push({ path: ['agents', index, 'tools', toolIndex, 'runsOn'], message: `is "${runsOn}" but the scenario has no ${runsOn} section` });
      }
    });
  });
  return issues;
}

export const scenarioSchema = z
  .strictObject({
    id: identifier,
    name: z.string().min(1),
    description: z.string().min(1),
    defaultAgent: identifier,
    agents: z.array(agentSchema).min(1),
    supervisor: z.strictObject({ instructions: z.string().min(1), tools: z.array(mockToolSchema).default([]) }).optional(),
    escalation: z.strictObject({ instructions: z.string().min(1), outputSchema: jsonSchemaObjectSchema }).optional(),
    guardrail: z
      .strictObject({
        companyName: z.string().min(1),
        categories: z.array(guardrailCategorySchema).min(1),
      })
      .refine((guardrail) => guardrail.categories.some((category) => category.name === 'NONE'), {
        error: 'must include a NONE category for acceptable output',
        path: ['categories'],
      })
      .optional(),
    /** The Realtime session's own settings for this scenario; each field set here wins over Settings → Session. */
    session: sessionSettingsSchema.optional(),
  })
  .superRefine((scenario, context) => {
    for (const issue of scenarioReferenceIssues(scenario)) context.addIssue({ code: 'custom', ...issue });
  });
export type Scenario = z.infer<typeof scenarioSchema>;

/** A scenario file that could not be loaded, with where the fault is. */
export const scenarioProblemSchema = z.object({
  path: z.string(),
  line: z.number().int().positive().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type ScenarioProblem = z.infer<typeof scenarioProblemSchema>;

export const scenarioCatalogSchema = z.object({
  scenarios: z.array(scenarioSchema.and(z.object({ source: z.object({ path: z.string(), origin: z.enum(['builtin', 'user']) }) }))),
  problems: z.array(scenarioProblemSchema),
  userFolder: z.string(),
});
export type ScenarioCatalog = z.infer<typeof scenarioCatalogSchema>;
