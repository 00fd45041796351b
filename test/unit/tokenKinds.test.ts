import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { datesInWords, dollarsFor, emptyCost, reduceCost, sessionCost } from '../../src-shared/cost';
import { pricingTableSchema, type ModelPrice, type PricingTable } from '../../src-shared/pricing';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { noTokens, realtimeTokens } from '../../src-shared/tokenCounts';

const table: PricingTable = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));

/** A table of one model, `m`, with these prices. */
const only = (price: ModelPrice): PricingTable => ({ ...table, models: { m: price } });

/** The usage a beta-API stream recorded by another client holds: the details dumped as strings. */
const DUMPED_USAGE = {
  total_tokens: 151,
  input_tokens: 72,
  output_tokens: 79,
  input_token_details: '[Object]',
  output_token_details: '[Object]',
};

/** A realtime session of this model with these usages, one `response.done` each. */
function realtimeSession(model: string, ...usages: Record<string, unknown>[]): SessionEvent[] {
  return [
    { seq: 0, t: 0, direction: 'server', type: 'session.created', payload: { session: { model } } },
    ...usages.map((usage, index): SessionEvent => ({
      seq: index + 1,
      t: index + 1,
      direction: 'server',
      type: 'response.done',
      payload: { response: { usage } },
    })),
  ];
}

describe('image tokens', () => {
  it('counts image input and its cached part apart, and prices each at its own rate', () => {
    const usage = {
      input_tokens: 500,
      output_tokens: 20,
      input_token_details: {
        text_tokens: 200,
        audio_tokens: 0,
        image_tokens: 300,
        cached_tokens: 150,
        cached_tokens_details: { text_tokens: 50, audio_tokens: 0, image_tokens: 100 },
      },
      output_token_details: { text_tokens: 20, audio_tokens: 0 },
    };
    const state = reduceCost(emptyCost, realtimeSession('gpt-realtime-2.1', usage));
    const tokens = state.byModel.get('gpt-realtime-2.1')!;
    expect(tokens).toEqual({ ...noTokens, textInput: 150, cachedTextInput: 50, imageInput: 200, cachedImageInput: 100, textOutput: 20 });
    // 150×4 + 50×0.4 + 200×5 + 100×0.5 + 20×24 per million.
    expect(dollarsFor(table, 'gpt-realtime-2.1', tokens)).toEqual({ dollars: 2150 / 1_000_000, unpriced: [], takenOn: '2026-12-03' });
  });

  it('never counts more cached image tokens than image tokens', () => {
    expect(realtimeTokens({ input_token_details: { image_tokens: 10, cached_tokens_details: { image_tokens: 40 } } })).toMatchObject({
      imageInput: 0,
      cachedImageInput: 10,
    });
  });

  it('names image tokens on a model without an image rate instead of billing them as text', () => {
    expect(dollarsFor(table, 'gpt-4o-realtime-preview', { ...noTokens, imageInput: 7, cachedImageInput: 2 }).unpriced).toEqual([
      '7 image input tokens for gpt-4o-realtime-preview: the pricing table has no rate for them',
      '2 cached image input tokens for gpt-4o-realtime-preview: the pricing table has no rate for them',
    ]);
  });
});

describe('usage without its split by kind', () => {
  it('counts the dumped "[Object]" usage as 72 input and 79 output tokens of unknown kind, not as zero', () => {
    const state = reduceCost(emptyCost, realtimeSession('gpt-realtime', DUMPED_USAGE));
    expect(state.byModel.get('gpt-realtime')).toEqual({ ...noTokens, unknownInput: 72, unknownOutput: 79 });
  });

  it('names them unpriced where the model’s kinds are priced differently, and leaves them out of the total', () => {
    const cost = sessionCost(reduceCost(emptyCost, realtimeSession('gpt-realtime', DUMPED_USAGE)), table);
    expect(cost.total).toBe(0);
    expect(cost.unpriced).toEqual([
      '72 input tokens of unknown kind for gpt-realtime: kinds are priced differently',
      '79 output tokens of unknown kind for gpt-realtime: kinds are priced differently',
    ]);
    expect(cost.byModel[0]).toMatchObject({ dollars: 0, takenOn: '2026-12-03' });
  });

  it.each([
    ['absent', { input_tokens: 30, output_tokens: 4 }],
    ['null', { input_tokens: 30, output_tokens: 4, input_token_details: null, output_token_details: null }],
    ['a list', { input_tokens: 30, output_tokens: 4, input_token_details: [30], output_token_details: [4] }],
    ['empty', { input_tokens: 30, output_tokens: 4, input_token_details: {}, output_token_details: {} }],
  ])('counts all tokens as of unknown kind when the details are %s', (_, usage) => {
    expect(realtimeTokens(usage)).toEqual({ ...noTokens, unknownInput: 30, unknownOutput: 4 });
  });

  it('counts as of unknown kind only what the details leave unnamed', () => {
    const usage = { input_tokens: 100, output_tokens: 50, input_token_details: { text_tokens: 60 }, output_token_details: { audio_tokens: 45 } };
    expect(realtimeTokens(usage)).toEqual({ ...noTokens, textInput: 60, unknownInput: 40, audioOutput: 45, unknownOutput: 5 });
  });

  it('counts a negative count in the details as none, so it cannot swell the unknown part', () => {
    expect(realtimeTokens({ input_tokens: 10, output_tokens: 2, input_token_details: { text_tokens: -5 } })).toEqual({
      ...noTokens,
      unknownInput: 10,
      unknownOutput: 2,
    });
  });

  it('counts nothing as of unknown kind when the details name it all, or more than the totals say', () => {
    expect(realtimeTokens({ input_token_details: { text_tokens: 9 }, output_token_details: { text_tokens: 3 } })).toEqual({
      ...noTokens,
      textInput: 9,
      textOutput: 3,
    });
    expect(
      realtimeTokens({ input_tokens: 5, output_tokens: 1, input_token_details: { audio_tokens: 8 }, output_token_details: { text_tokens: 3 } }),
    ).toEqual({ ...noTokens, audioInput: 8, textOutput: 3 });
  });

  it('takes cached tokens without their split (early beta logs) as cached text, as far as there is text', () => {
    expect(realtimeTokens({ input_tokens: 100, input_token_details: { text_tokens: 80, audio_tokens: 20, cached_tokens: 30 } })).toEqual({
      ...noTokens,
      textInput: 50,
      cachedTextInput: 30,
      audioInput: 20,
    });
    expect(realtimeTokens({ input_token_details: { text_tokens: 10, audio_tokens: 90, cached_tokens: 64 } })).toMatchObject({
      textInput: 0,
      cachedTextInput: 10,
      audioInput: 90,
    });
  });

  it('prices them at the shared rate where every kind of their direction the model bills costs the same', () => {
    const alike = only({ textInput: 2, audioInput: 2, imageInput: 2, textOutput: 8, audioOutput: 8 });
    expect(dollarsFor(alike, 'm', { ...noTokens, unknownInput: 1000, unknownOutput: 100 })).toEqual({
      dollars: (1000 * 2 + 100 * 8) / 1_000_000,
      unpriced: [],
      takenOn: table.takenOn,
    });
    // A text model bills one kind only, so its unknown tokens can only be that kind.
    expect(dollarsFor(table, 'gpt-4.1', { ...noTokens, unknownInput: 1000, unknownOutput: 100 }).dollars).toBeCloseTo(
      (1000 * 2 + 100 * 8) / 1_000_000,
      12,
    );
  });

  it('prices one direction and names the other when only one has a shared rate', () => {
    const inputAlike = only({ textInput: 2, audioInput: 2, textOutput: 8, audioOutput: 16 });
    expect(dollarsFor(inputAlike, 'm', { ...noTokens, unknownInput: 1000, unknownOutput: 100 })).toEqual({
      dollars: 2000 / 1_000_000,
      unpriced: ['100 output tokens of unknown kind for m: kinds are priced differently'],
      takenOn: table.takenOn,
    });
    const imageDiffers = only({ textInput: 2, audioInput: 2, imageInput: 3, textOutput: 8 });
    expect(dollarsFor(imageDiffers, 'm', { ...noTokens, unknownInput: 10, unknownOutput: 100 })).toEqual({
      dollars: 800 / 1_000_000,
      unpriced: ['10 input tokens of unknown kind for m: kinds are priced differently'],
      takenOn: table.takenOn,
    });
  });
});

describe('a rate the table does not give', () => {
  it('names cached tokens of a model without a cached rate instead of billing them at the full input rate', () => {
    const uncached = only({ textInput: 2, audioInput: 10, textOutput: 8 });
    expect(dollarsFor(uncached, 'm', { ...noTokens, textInput: 1000, cachedTextInput: 500, cachedAudioInput: 20, textOutput: 100 })).toEqual({
      dollars: (1000 * 2 + 100 * 8) / 1_000_000,
      unpriced: [
        '500 cached text input tokens for m: the pricing table has no rate for them',
        '20 cached audio input tokens for m: the pricing table has no rate for them',
      ],
      takenOn: table.takenOn,
    });
  });
});

describe('models the table does not name', () => {
  it.each(['gpt-realtime-2.1-preview', 'gpt-5', 'gpt-realtime-3'])('leaves %s out of the total, by name, and still counts its tokens', (model) => {
    const events: SessionEvent[] = [
      ...realtimeSession(model, {
        input_tokens: 10,
        output_tokens: 5,
        input_token_details: { text_tokens: 10 },
        output_token_details: { text_tokens: 5 },
      }),
      { seq: 9, t: 9, direction: 'app', type: 'supervisor.response', payload: { model: 'gpt-4.1', usage: { inputTokens: 1000, outputTokens: 0 } } },
    ];
    const cost = sessionCost(reduceCost(emptyCost, events), table);
    expect(cost.byModel[0]).toMatchObject({ model, tokens: { textInput: 10, textOutput: 5 }, dollars: undefined, takenOn: undefined });
    expect(cost.unpriced).toEqual([`no price for ${model}: not in the pricing table`]);
    expect(cost.total).toBeCloseTo(0.002, 12);
    expect(cost.takenOn).toEqual(['2025-08-28']);
  });

  it('prices a dated snapshot the session names as its model, under the name the session used', () => {
    const usage = { input_tokens: 0, output_tokens: 1000, output_token_details: { text_tokens: 1000 } };
    const cost = sessionCost(reduceCost(emptyCost, realtimeSession('gpt-realtime-mini-2025-12-15', usage)), table);
    expect(cost.byModel).toMatchObject([{ model: 'gpt-realtime-mini-2025-12-15', dollars: 0.0024, takenOn: '2026-12-03' }]);
  });
});

describe('the dates of the prices used', () => {
  it('says one date, two joined by and, more as a list', () => {
    expect(datesInWords(['2026-12-03'])).toBe('2026-12-03');
    expect(datesInWords(['2025-08-28', '2026-12-03'])).toBe('2025-08-28 and 2026-12-03');
    expect(datesInWords(['2025-01-01', '2025-08-28', '2026-12-03'])).toBe('2025-01-01, 2025-08-28 and 2026-12-03');
  });

  it('are the table’s own when nothing was billed', () => {
    expect(sessionCost(emptyCost, table).takenOn).toEqual(['2026-12-03']);
  });
});
