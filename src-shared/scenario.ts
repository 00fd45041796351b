import { z } from 'zod';

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

export const agentSchema = z.strictObject({
  name: identifier,
  publicDescription: z.string().min(1),
  voice: z.string().min(1).optional(),
  instructions: z.string().min(1),
  handoffs: z.array(identifier).default([]),
  tools: z.array(agentToolSchema).default([]),
});
export type AgentConfig = z.infer<typeof agentSchema>;

export const guardrailCategorySchema = z.strictObject({
  name: z.string().regex(/^[A-Z][A-Z_]*$/, { error: 'must be UPPER_SNAKE_CASE, e.g. OFF_BRAND' }),
  description: z.string().min(1),
});

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
  })
  .superRefine((scenario, context) => {
    const names = scenario.agents.map((agent) => agent.name);
    if (!names.includes(scenario.defaultAgent)) {
      context.addIssue({ code: 'custom', path: ['defaultAgent'], message: `names no agent of this scenario (agents: ${names.join(', ')})` });
    }
    scenario.agents.forEach((agent, index) => {
      if (names.indexOf(agent.name) !== index)
        context.addIssue({ code: 'custom', path: ['agents', index, 'name'], message: `repeats the agent name ${agent.name}` });
      agent.handoffs.forEach((target, handoffIndex) => {
        if (!names.includes(target)) {
          context.addIssue({
            code: 'custom',
            path: ['agents', index, 'handoffs', handoffIndex],
            message: `names no agent of this scenario: ${target}`,
          });
        }
      });
      agent.tools.forEach((tool, toolIndex) => {
        if (tool.runsOn === 'supervisor' && !scenario.supervisor) {
          context.addIssue({
            code: 'custom',
            path: ['agents', index, 'tools', toolIndex, 'runsOn'],
            message: 'is "supervisor" but the scenario has no supervisor section',
          });
        }
        if (tool.runsOn === 'escalation' && !scenario.escalation) {
          context.addIssue({
            code: 'custom',
            path: ['agents', index, 'tools', toolIndex, 'runsOn'],
            message: 'is "escalation" but the scenario has no escalation section',
          });
        }
      });
    });
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
