import { z } from 'zod';

/** The tokens a model call used, as every server-side call reports them. */
export const usageSchema = z.object({
  inputTokens: z.number().int().nonnegative(),
  outputTokens: z.number().int().nonnegative(),
  totalTokens: z.number().int().nonnegative(),
  /** Of the input tokens, how many were served from the prompt cache (billed at the cached rate). */
  cachedInputTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof usageSchema>;
