import { z } from 'zod';

const price = z.number().nonnegative({ error: 'must be a price in dollars per 1M tokens, 0 or more' });
const day = z.iso.date({ error: 'must be the date the prices were taken, as YYYY-MM-DD' });

/**
 * One model's prices. A kind without a price (audio on a text model, a cached rate the table does not
 * give) is not billed at some other rate: what falls under it is named as unpriced and left out of totals.
 */
export const modelPriceSchema = z.strictObject({
  textInput: price,
  cachedTextInput: price.optional(),
  audioInput: price.optional(),
  cachedAudioInput: price.optional(),
  imageInput: price.optional(),
  cachedImageInput: price.optional(),
  textOutput: price,
  audioOutput: price.optional(),
  /** When this model's prices were taken, where it differs from the table's date. */
  takenOn: day.optional(),
  /** Where this model's prices were read (a page), where it differs from the table's source. */
  source: z.string().min(1).optional(),
});
export type ModelPrice = z.infer<typeof modelPriceSchema>;

/** The pricing table: bundled in resources/pricing.json, overridable by pricing.json in the data folder. */
export const pricingTableSchema = z.strictObject({
  /** The day the prices were taken, shown beside every figure computed from them; a model's own date overrides it. */
  takenOn: day,
  source: z.string().min(1),
  currency: z.literal('USD'),
  unit: z.literal('per 1M tokens'),
  models: z.record(z.string().min(1), modelPriceSchema),
});
export type PricingTable = z.infer<typeof pricingTableSchema>;

/** The prices a model is billed at, with the entry they come from and that entry's date and source. */
export interface FoundPrice {
  /** The table entry: the model itself, or the model a dated snapshot belongs to. */
  readonly name: string;
  readonly price: ModelPrice;
  readonly takenOn: string;
  readonly source: string;
}

/**
 * The model a dated snapshot belongs to: `gpt-realtime-2025-08-28` → `gpt-realtime`, or in the older
 * `-MMDD` style OpenAI used for gpt-4 and gpt-3.5-turbo, `gpt-4-0613` → `gpt-4`; any other name unchanged.
 * Month and day must be real ones, so `-2025` or `-1.5` are not dates.
 */
function withoutSnapshotDate(model: string): string {
  return model.replace(/-(?:\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])|(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]))$/, '');
}

function entry(table: PricingTable, name: string): FoundPrice | undefined {
  // An own key only: a model named `constructor` or `toString` must not find Object's prototype.
  if (!Object.hasOwn(table.models, name)) return undefined;
  const price = table.models[name]!;
  return { name, price, takenOn: price.takenOn ?? table.takenOn, source: price.source ?? table.source };
}

/**
 * The price of a model: its own entry, or the entry of the model it is a dated snapshot of
 * (`gpt-realtime-2025-08-28` is priced as `gpt-realtime`). Nothing else: a name that merely starts with a
 * known one (`gpt-realtime-2.1`, `gpt-realtime-2.1-preview`, `gpt-5`) is a different model at different
 * prices, so it has no price until the table names it, rather than a wrong one.
 */
export function priceOf(table: PricingTable, model: string): FoundPrice | undefined {
  return entry(table, model) ?? entry(table, withoutSnapshotDate(model));
}
