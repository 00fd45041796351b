import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pricingTableSchema, type PricingTable } from '../../../src-shared/pricing';
import { runCost, totalCost } from '../../../src-shared/scenarioTests/runCost';
import type { SessionEvent } from '../../../src-shared/sessionEvent';

const table: PricingTable = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));

const events: SessionEvent[] = [
  { seq: 0, t: 0, direction: 'app', type: 'session.started', payload: { model: 'gpt-realtime' } },
  {
    seq: 1,
    t: 10,
    direction: 'server',
    type: 'response.done',
    payload: {
      response: {
        usage: {
          input_tokens: 1000,
          output_tokens: 500,
          input_token_details: { text_tokens: 1000, audio_tokens: 0, cached_tokens: 0 },
          output_token_details: { text_tokens: 500, audio_tokens: 0 },
        },
      },
    },
  },
];

const judgeCall = { model: 'gpt-4.1', usage: { inputTokens: 2000, outputTokens: 100, totalTokens: 2100 } };

describe('what a test run cost', () => {
  it('prices the session’s realtime tokens and the judge’s call with the dates of the prices used', () => {
    const cost = runCost(events, [judgeCall], table);
    // gpt-realtime: 1000 × $4/M + 500 × $16/M; gpt-4.1 (prices of 2025-08-28): 2000 × $2/M + 100 × $8/M.
    expect(cost.dollars).toBeCloseTo(0.004 + 0.008 + 0.004 + 0.0008, 10);
    expect(cost.takenOn).toEqual(['2025-08-28', '2026-12-03']);
  });

  it('gives no figure and no date when no model is in the table', () => {
    const cost = runCost([], [{ model: 'gpt-unknown', usage: { inputTokens: 10, outputTokens: 1, totalTokens: 11 } }], table);
    expect(cost).toEqual({ dollars: undefined, takenOn: [] });
  });

  it('adds several runs, leaving out the ones with no figure, and keeps each date once', () => {
    const total = totalCost([
      { dollars: 0.01, takenOn: ['2026-12-03'] },
      { dollars: undefined, takenOn: [] },
      { dollars: 0.02, takenOn: ['2025-08-28', '2026-12-03'] },
    ]);
    expect(total.dollars).toBeCloseTo(0.03, 10);
    expect(total.takenOn).toEqual(['2025-08-28', '2026-12-03']);
    expect(totalCost([{ dollars: undefined, takenOn: [] }])).toEqual({ dollars: undefined, takenOn: [] });
    expect(totalCost([])).toEqual({ dollars: undefined, takenOn: [] });
  });
});
