import type { Usage } from '../../src-shared/contract';

interface ResponsesUsage {
  input_tokens?: number;
  input_tokens_details?: { cached_tokens?: number } | null;
  output_tokens?: number;
  total_tokens?: number;
}

export const noUsage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 0 };

/** Adds one Responses API usage block to a running total. */
export function addUsage(total: Usage, usage: ResponsesUsage | null | undefined): Usage {
  const input = usage?.input_tokens ?? 0;
  const output = usage?.output_tokens ?? 0;
  return {
    inputTokens: total.inputTokens + input,
    outputTokens: total.outputTokens + output,
    totalTokens: total.totalTokens + (usage?.total_tokens ?? input + output),
    cachedInputTokens: (total.cachedInputTokens ?? 0) + (usage?.input_tokens_details?.cached_tokens ?? 0),
  };
}

/** Two usage totals added up. */
export function sumUsage(a: Usage, b: Usage): Usage {
  return {
    inputTokens: a.inputTokens + b.inputTokens,
    outputTokens: a.outputTokens + b.outputTokens,
    totalTokens: a.totalTokens + b.totalTokens,
    cachedInputTokens: (a.cachedInputTokens ?? 0) + (b.cachedInputTokens ?? 0),
  };
}
