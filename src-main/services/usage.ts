import type { Usage } from '../../src-shared/contract';

interface ResponsesUsage {
  input_tokens?: number;
  output_tokens?: number;
  total_tokens?: number;
}

export const noUsage: Usage = { inputTokens: 0, outputTokens: 0, totalTokens: 0 };

/** Adds one Responses API usage block to a running total. */
export function addUsage(total: Usage, usage: ResponsesUsage | null | undefined): Usage {
  const input = usage?.input_tokens ?? 0;
  const output = usage?.output_tokens ?? 0;
  return {
    inputTokens: total.inputTokens + input,
    outputTokens: total.outputTokens + output,
    totalTokens: total.totalTokens + (usage?.total_tokens ?? input + output),
  };
}
