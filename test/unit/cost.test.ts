import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dollarsFor, emptyCost, formatDollars, reduceCost, sessionCost, type CostState } from '../../src-shared/cost';
import { pricingTableSchema, type PricingTable } from '../../src-shared/pricing';
import { noTokens } from '../../src-shared/tokenCounts';
import type { SessionEvent } from '../../src-shared/sessionEvent';

const table: PricingTable = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));

let seq = 0;
const at = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>): SessionEvent => ({
  seq: seq++,
  t: seq * 10,
  direction,
  type,
  payload,
});

function session(): SessionEvent[] {
  seq = 0;
  return [
    at('app', 'session.started', { model: 'gpt-realtime' }),
    at('server', 'response.done', {
      response: {
        usage: {
          input_tokens: 1500,
          output_tokens: 1000,
          input_token_details: {
            text_tokens: 1000,
            audio_tokens: 500,
            cached_tokens: 300,
            cached_tokens_details: { text_tokens: 200, audio_tokens: 100 },
          },
          output_token_details: { text_tokens: 300, audio_tokens: 700 },
        },
      },
    }),
    at('app', 'supervisor.response', {
      callId: 'c1',
      model: 'gpt-4.1',
      durationMs: 900,
      usage: { inputTokens: 2000, outputTokens: 100, totalTokens: 2100, cachedInputTokens: 1000 },
    }),
    at('app', 'guardrail.verdict', { itemId: 'a1', model: 'gpt-4.1-mini', usage: { inputTokens: 400, outputTokens: 20, totalTokens: 420 } }),
    at('server', 'response.done', {
      response: {
        usage: { input_tokens: 50, output_tokens: 10, input_token_details: { text_tokens: 50 }, output_token_details: { text_tokens: 10 } },
      },
    }),
    at('server', 'response.done', { response: { status: 'cancelled' } }),
  ];
}

function inChunks(events: readonly SessionEvent[], size: number): CostState {
  let state = emptyCost;
  for (let index = 0; index < events.length; index += size) state = reduceCost(state, events.slice(index, index + size));
  return state;
}

describe('token usage and cost', () => {
  it('splits realtime usage into text, audio and cached input and text and audio output, per response and per model', () => {
    const state = reduceCost(emptyCost, session());
    expect(state.responses.toArray().map((response) => [response.source, response.model])).toEqual([
      ['realtime', 'gpt-realtime'],
      ['supervisor', 'gpt-4.1'],
      ['guardrail', 'gpt-4.1-mini'],
      ['realtime', 'gpt-realtime'],
    ]);
    expect(state.byModel.get('gpt-realtime')).toEqual({
      ...noTokens,
      textInput: 850,
      cachedTextInput: 200,
      audioInput: 400,
      cachedAudioInput: 100,
      textOutput: 310,
      audioOutput: 700,
    });
    expect(state.byModel.get('gpt-4.1')).toEqual({ ...noTokens, textInput: 1000, cachedTextInput: 1000, textOutput: 100 });
  });

  it('prices each part at its own rate, and the session as the sum of its models', () => {
    const state = reduceCost(emptyCost, session());
    // 850×4 + 200×0.4 + 400×32 + 100×0.4 + 310×16 + 700×64 per million.
    expect(dollarsFor(table, 'gpt-realtime', state.byModel.get('gpt-realtime')!).dollars).toBeCloseTo(0.06608, 10);
    // 1000×2 + 1000×0.5 + 100×8 per million.
    expect(dollarsFor(table, 'gpt-4.1', state.byModel.get('gpt-4.1')!).dollars).toBeCloseTo(0.0033, 10);
    const cost = sessionCost(state, table);
    expect(cost.total).toBeCloseTo(0.06608 + 0.0033 + (400 * 0.4 + 20 * 1.6) / 1_000_000, 10);
    expect(cost.unpriced).toEqual([]);
    expect(cost.takenOn).toEqual(['2025-08-28', '2026-12-03']);
    expect(cost.byModel.map((model) => [model.model, model.takenOn])).toEqual([
      ['gpt-realtime', '2026-12-03'],
      ['gpt-4.1', '2025-08-28'],
      ['gpt-4.1-mini', '2025-08-28'],
    ]);
  });

  it('names what it cannot price instead of guessing: an unknown model, or audio on a text model', () => {
    const state = reduceCost(emptyCost, [
      { seq: 0, t: 0, direction: 'app', type: 'supervisor.response', payload: { model: 'mystery-1', usage: { inputTokens: 10, outputTokens: 5 } } },
    ]);
    expect(sessionCost(state, table)).toMatchObject({
      total: 0,
      unpriced: ['no price for mystery-1: not in the pricing table'],
      takenOn: [table.takenOn],
    });
    expect(dollarsFor(table, 'gpt-4.1', { ...noTokens, audioInput: 10, imageInput: 3, audioOutput: 4 }).unpriced).toEqual([
      '10 audio input tokens for gpt-4.1: the pricing table has no rate for them',
      '3 image input tokens for gpt-4.1: the pricing table has no rate for them',
      '4 audio output tokens for gpt-4.1: the pricing table has no rate for them',
    ]);
  });

  it('gives the same result fed whole or in chunks, and counts a repeated response once', () => {
    const whole = reduceCost(emptyCost, session());
    for (const size of [1, 2, 3, 7]) {
      const chunked = inChunks(session(), size);
      expect(chunked.responses.toArray()).toEqual(whole.responses.toArray());
      expect(chunked.byModel).toEqual(whole.byModel);
    }
    const events = session();
    expect(reduceCost(reduceCost(emptyCost, events), events.slice(1, 3)).byModel).toEqual(whole.byModel);
    expect(reduceCost(emptyCost, [...events, events[1]!]).byModel).toEqual(whole.byModel);
  });

  it('formats fractions of a cent readably', () => {
    expect(formatDollars(0.066083)).toBe('$0.0661');
    expect(formatDollars(12.345)).toBe('$12.35');
  });
});
