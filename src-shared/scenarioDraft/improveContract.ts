import { z } from 'zod';

/** `scenarios:improvePrompt`: one agent's instructions (as edited, unsaved edits included) to be rewritten. */
export const promptImproveRequestSchema = z.strictObject({
  scenarioId: z.string().min(1),
  agent: z.string().min(1),
  instructions: z.string().trim().min(1, { error: 'the instructions are empty; write a line or two first' }).max(100_000),
});
export type PromptImproveRequest = z.infer<typeof promptImproveRequestSchema>;

/** The rewrite, to be accepted or rejected piece by piece; nothing is applied or saved. */
export const improvedPromptSchema = z.object({
  instructions: z.string().min(1),
  /** What the model says it changed, one sentence each. */
  changes: z.array(z.string()),
  /** The model that rewrote it and the metaprompt's version. */
  model: z.string(),
  metaprompt: z.string(),
});
export type ImprovedPrompt = z.infer<typeof improvedPromptSchema>;

/** The strict json_schema the model answers in. */
export const improveAnswerJsonSchema = {
  type: 'object',
  properties: {
    instructions: { type: 'string', description: 'The whole rewritten instructions.' },
    changes: { type: 'array', items: { type: 'string' }, description: 'What was changed, one short sentence each.' },
  },
  required: ['instructions', 'changes'],
  additionalProperties: false,
} as const;

export const improveAnswerSchema = z.object({
  instructions: z.string().trim().min(1, { error: 'is empty' }),
  changes: z.array(z.string()),
});
