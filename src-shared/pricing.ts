import { z } from 'zod';

const price = z.number().nonnegative({ error: 'must be a price in dollars per 1M tokens, 0 or more' });

export const modelPriceSchema = z.strictObject({
  textInput: price,
  cachedTextInput: price.optional(),
  audioInput: price.optional(),
  cachedAudioInput: price.optional(),
  textOutput: price,
  audioOutput: price.optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** The pricing table: bundled in resources/pricing.json, overridable by pricing.json in the data folder. */
export const pricingTableSchema = z.strictObject({
  /** The day the prices were taken, shown beside every figure computed from them. */
  takenOn: z.iso.date({ error: 'must be the date the prices were taken, as YYYY-MM-DD' }),
  source: z.string().min(1),
  currency: z.literal('USD'),
  unit: z.literal('per 1M tokens'),
  models: z.record(z.string().min(1), modelPriceSchema),
});
export type PricingTable = z.infer<typeof pricingTableSchema>;

/**
 * The price of a model: its own entry, or the longest entry its name starts with (`gpt-realtime-2025-08-28`
 * is priced as `gpt-realtime`); undefined when the table has none, so no figure is made up.
 */
export function priceOf(table: PricingTable, model: string): { name: string; price: ModelPrice } | undefined {
  const exact = table.models[model];
  if (exact) return { name: model, price: exact };
  const prefix = Object.keys(table.models)
    .filter((name) => model.startsWith(`${name}-`))
    .sort((a, b) => b.length - a.length)[0];
  return prefix === undefined ? undefined : { name: prefix, price: table.models[prefix]! };
}
