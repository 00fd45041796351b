import { z } from 'zod';
import { scenarioSchema } from '../scenario';
import { testsFileSchema } from '../scenarioTests/testsFile';

/** `scenarios:draft`: a scenario and its tests drafted by a text model from a description (not saved). */
export const scenarioDraftRequestSchema = z.strictObject({
  description: z.string().trim().min(10, { error: 'describe the use case in a sentence or more' }).max(4_000),
});

export const draftedScenarioSchema = z.object({
  scenario: scenarioSchema,
  tests: testsFileSchema,
  /** The model that drafted it, how many requests it took (2 when repaired) and the metaprompt's version. */
  model: z.string(),
  requests: z.number().int().positive(),
  metaprompt: z.string(),
});
export type DraftedScenario = z.infer<typeof draftedScenarioSchema>;

/** `scenarios:create`: writes a drafted scenario and its tests into the user scenario folder, never over a file. */
export const scenarioCreateRequestSchema = z.strictObject({ scenario: scenarioSchema, tests: testsFileSchema });
export const scenarioCreatedSchema = z.object({ path: z.string(), testsPath: z.string() });
