import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPricing } from '../../../src-main/services/pricingTable';
import { priceOf } from '../../../src-shared/pricing';

const BUNDLED = 'resources/pricing.json';

describe('the pricing table in use', () => {
  it('is the bundled one when the user has none', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pricing-'));
    const loaded = await loadPricing(BUNDLED, join(folder, 'pricing.json'));
    expect(loaded.file).toBe(BUNDLED);
    expect(loaded.problem).toBeUndefined();
    expect(loaded.table.models['gpt-realtime']).toBeDefined();
  });

  it('is the user’s own when it is sound', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pricing-'));
    const own = join(folder, 'pricing.json');
    const table = JSON.parse(await readFile(BUNDLED, 'utf8')) as { takenOn: string; models: Record<string, { textInput: number }> };
    table.takenOn = '2026-11-01';
    table.models['gpt-realtime']!.textInput = 3;
    await writeFile(own, JSON.stringify(table));
    const loaded = await loadPricing(BUNDLED, own);
    expect(loaded).toMatchObject({ file: own, table: { takenOn: '2026-11-01' } });
    expect(loaded.table.models['gpt-realtime']!.textInput).toBe(3);
  });

  it('reads a user table written before models had their own dates, dating each model by the table', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pricing-'));
    const own = join(folder, 'pricing.json');
    const old = {
      takenOn: '2025-08-28',
      source: 'https://openai.com/api/pricing',
      currency: 'USD',
      unit: 'per 1M tokens',
      models: { 'gpt-realtime': { textInput: 4, cachedTextInput: 0.4, audioInput: 32, cachedAudioInput: 0.4, textOutput: 16, audioOutput: 64 } },
    };
    await writeFile(own, JSON.stringify(old));
    const loaded = await loadPricing(BUNDLED, own);
    expect(loaded).toMatchObject({ file: own, table: old });
    expect(loaded.problem).toBeUndefined();
    expect(priceOf(loaded.table, 'gpt-realtime-2025-08-28')).toMatchObject({ takenOn: '2025-08-28', source: 'https://openai.com/api/pricing' });
  });

  it('falls back to the bundled prices for a broken user table, naming the file and the field, and leaves the file alone', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'pricing-'));
    const own = join(folder, 'pricing.json');
    const text = JSON.stringify({
      takenOn: '2026-11-01',
      source: 'mine',
      currency: 'USD',
      unit: 'per 1M tokens',
      models: { 'gpt-4.1': { textInput: -1, textOutput: 8 } },
    });
    await writeFile(own, text);
    const loaded = await loadPricing(BUNDLED, own);
    expect(loaded.file).toBe(BUNDLED);
    expect(loaded.problem).toContain(`${own}: models.gpt-4.1.textInput: must be a price in dollars per 1M tokens, 0 or more`);
    expect(await readFile(own, 'utf8')).toBe(text);
  });
});
