import { describe, expect, it } from 'vitest';
import { addUsage, noUsage, sumUsage } from '../../../src-main/services/usage';

describe('usage totals', () => {
  it('starts from nothing', () => {
    expect(noUsage).toEqual({ inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 0 });
  });

  it('adds each call’s input, output and total tokens to the running total', () => {
    const once = addUsage(noUsage, { input_tokens: 10, output_tokens: 4, total_tokens: 15 });
    expect(addUsage(once, { input_tokens: 1, output_tokens: 2, total_tokens: 3 })).toEqual({
      inputTokens: 11,
      outputTokens: 6,
      totalTokens: 18,
      cachedInputTokens: 0,
    });
  });

  it('counts input plus output when a call reports no total', () => {
    expect(addUsage(noUsage, { input_tokens: 7, output_tokens: 5 })).toEqual({
      inputTokens: 7,
      outputTokens: 5,
      totalTokens: 12,
      cachedInputTokens: 0,
    });
  });

  it('adds nothing for a call that reports no usage, or only part of it', () => {
    const total = { inputTokens: 3, outputTokens: 2, totalTokens: 5, cachedInputTokens: 1 };
    expect(addUsage(total, undefined)).toEqual(total);
    expect(addUsage(total, null)).toEqual(total);
    expect(addUsage(total, { output_tokens: 4 })).toEqual({ inputTokens: 3, outputTokens: 6, totalTokens: 9, cachedInputTokens: 1 });
    expect(addUsage(total, { input_tokens: 4 })).toEqual({ inputTokens: 7, outputTokens: 2, totalTokens: 9, cachedInputTokens: 1 });
  });

  it('keeps the cached part of the input apart, as it is billed at its own rate', () => {
    const once = addUsage(noUsage, { input_tokens: 100, output_tokens: 4, input_tokens_details: { cached_tokens: 64 } });
    expect(addUsage(once, { input_tokens: 50, output_tokens: 1, input_tokens_details: { cached_tokens: 32 } })).toMatchObject({
      inputTokens: 150,
      cachedInputTokens: 96,
    });
  });

  it('adds two totals field by field, a missing cached count as none', () => {
    expect(
      sumUsage({ inputTokens: 10, outputTokens: 4, totalTokens: 14, cachedInputTokens: 2 }, { inputTokens: 1, outputTokens: 2, totalTokens: 3 }),
    ).toEqual({ inputTokens: 11, outputTokens: 6, totalTokens: 17, cachedInputTokens: 2 });
    expect(
      sumUsage({ inputTokens: 1, outputTokens: 1, totalTokens: 2 }, { inputTokens: 0, outputTokens: 0, totalTokens: 0, cachedInputTokens: 5 }),
    ).toEqual({
      inputTokens: 1,
      outputTokens: 1,
      totalTokens: 2,
      cachedInputTokens: 5,
    });
  });
});
