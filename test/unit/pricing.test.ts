import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { dollarsFor } from '../../src-shared/cost';
import { priceOf, pricingTableSchema, type PricingTable } from '../../src-shared/pricing';
import { noTokens } from '../../src-shared/tokenCounts';

const table: PricingTable = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));
const MODEL_PAGE = 'https://developers.openai.com/api/docs/models/';

/** Dollars for a million tokens of one kind, as the app bills them. */
const perMillion = (model: string, kind: keyof typeof noTokens) => dollarsFor(table, model, { ...noTokens, [kind]: 1_000_000 }).dollars;

/** A realtime model's rates per 1M tokens: text in, cached, out; audio in, cached, out; image in, cached. */
const realtimeRates = (text: [number, number, number], audio: [number, number, number], image: [number, number]) => ({
  textInput: text[0],
  cachedTextInput: text[1],
  textOutput: text[2],
  audioInput: audio[0],
  cachedAudioInput: audio[1],
  audioOutput: audio[2],
  imageInput: image[0],
  cachedImageInput: image[1],
});
const textRates = (input: number, cached: number, output: number) => ({ textInput: input, cachedTextInput: cached, textOutput: output });

describe('the bundled pricing table', () => {
  it('ships valid, dated 2026-12-03, and says it leaves out long-context rates', () => {
    expect(table.takenOn).toBe('2026-12-03');
    expect(table.source).toContain('https://openai.com/api/pricing');
    expect(table.source).toContain('272K');
  });

  it.each(['gpt-realtime-2.1', 'gpt-realtime-2'])('prices %s at its own rates, text output at $24, not as gpt-realtime', (model) => {
    expect(priceOf(table, model)).toEqual({
      name: model,
      price: { ...realtimeRates([4, 0.4, 24], [32, 0.4, 64], [5, 0.5]), takenOn: '2026-12-03', source: `${MODEL_PAGE}${model}` },
      takenOn: '2026-12-03',
      source: `${MODEL_PAGE}${model}`,
    });
    expect(perMillion(model, 'textOutput')).toBe(24);
  });

  it('prices gpt-realtime-2.1-mini at its own rates, not as gpt-realtime', () => {
    expect(priceOf(table, 'gpt-realtime-2.1-mini')).toMatchObject({
      name: 'gpt-realtime-2.1-mini',
      price: realtimeRates([0.6, 0.06, 2.4], [10, 0.3, 20], [0.8, 0.08]),
      takenOn: '2026-12-03',
      source: `${MODEL_PAGE}gpt-realtime-2.1-mini`,
    });
    expect(perMillion('gpt-realtime-2.1-mini', 'textInput')).toBe(0.6);
    expect(perMillion('gpt-realtime-2.1-mini', 'audioOutput')).toBe(20);
  });

  it.each(['gpt-realtime-1.5', 'gpt-realtime'])('prices %s with text output at $16 and image input', (model) => {
    expect(priceOf(table, model)).toMatchObject({
      name: model,
      price: realtimeRates([4, 0.4, 16], [32, 0.4, 64], [5, 0.5]),
      takenOn: '2026-12-03',
      source: `${MODEL_PAGE}${model}`,
    });
  });

  it('prices gpt-realtime-mini with image input', () => {
    expect(priceOf(table, 'gpt-realtime-mini')).toMatchObject({
      name: 'gpt-realtime-mini',
      price: realtimeRates([0.6, 0.06, 2.4], [10, 0.3, 20], [0.8, 0.08]),
      takenOn: '2026-12-03',
      source: `${MODEL_PAGE}gpt-realtime-mini`,
    });
  });

  it.each([
    ['gpt-6.1-sol', 2, 0.1, 10],
    ['gpt-6.1-terra', 1, 0.05, 5],
    ['gpt-6-sol', 2, 0.2, 10],
    ['gpt-6-luna', 0.1, 0.01, 0.5],
    ['gpt-6-astra', 10, 1, 50],
  ])('prices the gpt-6 text model %s at %s / %s cached / %s out', (model, input, cached, output) => {
    expect(priceOf(table, model)).toEqual({
      name: model,
      price: { ...textRates(input, cached, output), takenOn: '2026-12-03', source: `${MODEL_PAGE}${model} and https://openai.com/api/pricing` },
      takenOn: '2026-12-03',
      source: `${MODEL_PAGE}${model} and https://openai.com/api/pricing`,
    });
  });

  it.each([
    ['gpt-5.6-terra', 2, 0.2, 12],
    ['gpt-5.6-luna', 0.2, 0.02, 1.2],
  ])('prices the gpt-5.6 text model %s at %s / %s cached / %s out', (model, input, cached, output) => {
    expect(priceOf(table, model)).toMatchObject({ name: model, price: textRates(input, cached, output), takenOn: '2026-12-03' });
  });

  it.each([
    ['gpt-4.1', 2, 0.5, 8],
    ['gpt-4.1-mini', 0.4, 0.1, 1.6],
    ['gpt-4.1-nano', 0.1, 0.025, 0.4],
    ['o4-mini', 1.1, 0.275, 4.4],
    ['o3', 2, 0.5, 8],
  ])('keeps the legacy model %s at its 2025-08-28 prices, so old sessions are still priced', (model, input, cached, output) => {
    expect(priceOf(table, model)).toMatchObject({ name: model, price: textRates(input, cached, output), takenOn: '2025-08-28' });
  });

  it('keeps gpt-4o-realtime-preview at its 2025-08-28 prices, with no image rate', () => {
    const found = priceOf(table, 'gpt-4o-realtime-preview')!;
    expect(found).toMatchObject({
      price: { textInput: 5, cachedTextInput: 2.5, audioInput: 40, cachedAudioInput: 2.5, textOutput: 20, audioOutput: 80 },
    });
    expect(found.takenOn).toBe('2025-08-28');
    expect(found.price.imageInput).toBeUndefined();
  });

  it('dates and sources every model itself', () => {
    for (const [name, price] of Object.entries(table.models)) {
      expect(price.takenOn, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(price.source, name).toMatch(/^https:\/\//);
    }
  });
});

describe('finding a model’s price', () => {
  it.each([
    ['gpt-realtime-2025-08-28', 'gpt-realtime'],
    ['gpt-realtime-mini-2025-12-15', 'gpt-realtime-mini'],
    ['gpt-realtime-mini-2025-10-06', 'gpt-realtime-mini'],
    ['gpt-4.1-2025-04-14', 'gpt-4.1'],
    ['gpt-4o-realtime-preview-2024-12-17', 'gpt-4o-realtime-preview'],
    ['o3-2025-04-16', 'o3'],
  ])('prices the dated snapshot %s as %s', (snapshot, name) => {
    expect(priceOf(table, snapshot)).toEqual(priceOf(table, name));
  });

  it('prices the older -MMDD snapshots OpenAI names (gpt-4-0613) as their model', () => {
    const old: PricingTable = { ...table, models: { 'gpt-4': { textInput: 30, textOutput: 60 } } };
    expect(priceOf(old, 'gpt-4-0613')?.name).toBe('gpt-4');
    expect(priceOf(old, 'gpt-4-0314')?.name).toBe('gpt-4');
    expect(priceOf(old, 'gpt-4-1301')).toBeUndefined();
    expect(priceOf(old, 'gpt-4-0632')).toBeUndefined();
    expect(priceOf(old, 'gpt-4-0600')).toBeUndefined();
    expect(priceOf(old, 'gpt-4-0013')).toBeUndefined();
  });

  it.each([
    'gpt-realtime-2.1-preview',
    'gpt-realtime-3',
    'gpt-5',
    'gpt-realtime-2025',
    'gpt-realtime-2025-13-01',
    'gpt-realtime-2025-08-32',
    'gpt-realtime-2025-08-00',
    'gpt-realtime-2025-00-28',
    'gpt-realtime-25-08-28',
    'gpt-realtime-08-28',
    'gpt-realtime-2025-0828',
    'gpt-realtime-2025-08-28-preview',
    'gpt-4.1-2025-04-14-mini',
    'constructor',
    'toString',
  ])('does not price %s, which only starts like a known model', (model) => {
    expect(priceOf(table, model)).toBeUndefined();
  });

  it('prefers a model’s own entry to the one its name would strip to', () => {
    const dated: PricingTable = { ...table, models: { ...table.models, 'gpt-realtime-2025-08-28': { textInput: 1, textOutput: 1 } } };
    expect(priceOf(dated, 'gpt-realtime-2025-08-28')?.name).toBe('gpt-realtime-2025-08-28');
  });

  it('dates and sources a model by the table where its entry does not say', () => {
    const plain: PricingTable = { ...table, takenOn: '2026-01-01', source: 'mine', models: { x: { textInput: 1, textOutput: 1 } } };
    expect(priceOf(plain, 'x')).toMatchObject({ takenOn: '2026-01-01', source: 'mine' });
  });
});

describe('the pricing table’s form', () => {
  /** The schema from a fresh import: it is a module-level value, built here rather than before a mutation-testing run switches a change on. */
  async function schema() {
    vi.resetModules();
    return (await import('../../src-shared/pricing')).pricingTableSchema;
  }

  it('refuses a table without its date, naming the field', async () => {
    const result = (await schema()).safeParse({ ...table, takenOn: 'last week' });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path).toEqual(['takenOn']);
    expect(result.error!.issues[0]!.message).toBe('must be the date the prices were taken, as YYYY-MM-DD');
  });

  it('refuses a model’s own date or source that is not one, naming the model and field', async () => {
    const pricingTableSchema = await schema();
    const badDate = pricingTableSchema.safeParse({ ...table, models: { x: { textInput: 1, textOutput: 1, takenOn: 'Dec 3' } } });
    expect(badDate.error!.issues[0]).toMatchObject({ path: ['models', 'x', 'takenOn'], message: expect.stringContaining('YYYY-MM-DD') });
    const badSource = pricingTableSchema.safeParse({ ...table, models: { x: { textInput: 1, textOutput: 1, source: '' } } });
    expect(badSource.error!.issues[0]!.path).toEqual(['models', 'x', 'source']);
    const badImage = pricingTableSchema.safeParse({ ...table, models: { x: { textInput: 1, textOutput: 1, cachedImageInput: -1 } } });
    expect(badImage.error!.issues[0]).toMatchObject({
      path: ['models', 'x', 'cachedImageInput'],
      message: 'must be a price in dollars per 1M tokens, 0 or more',
    });
  });

  it('takes prices in US dollars per 1M tokens only, from a named source, for named models', async () => {
    const pricingTableSchema = await schema();
    const refused = (value: unknown) => !pricingTableSchema.safeParse(value).success;
    expect(refused({ ...table, currency: 'EUR' })).toBe(true);
    expect(refused({ ...table, unit: 'per 1K tokens' })).toBe(true);
    expect(refused({ ...table, source: '' })).toBe(true);
    expect(refused({ ...table, models: { '': { textInput: 1, textOutput: 1 } } })).toBe(true);
    expect(refused({ ...table, extra: true })).toBe(true);
    expect(refused({ ...table, models: { x: { textInput: 1, textOutput: 1, audio: 2 } } })).toBe(true);
    expect(refused({ ...table, models: { x: { textInput: 1, textOutput: 1, source: 'https://example.com/prices', takenOn: '2026-12-01' } } })).toBe(
      false,
    );
    expect(pricingTableSchema.parse(table)).toEqual(table);
  });
});
