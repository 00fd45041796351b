import { readFile } from 'node:fs/promises';
import { pricingTableSchema, type PricingTable } from '../../src-shared/pricing';

export interface LoadedPricing {
  readonly table: PricingTable;
  /** Which file the prices came from. */
  readonly file: string;
  /** Why the user's own table was not used, naming the file and the field; absent when nothing is wrong. */
  readonly problem?: string;
}

async function readTable(file: string): Promise<PricingTable> {
  const parsed = JSON.parse(await readFile(file, 'utf8')) as unknown;
  const result = pricingTableSchema.safeParse(parsed);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new Error(`${issue.path.join('.') || 'the table'}: ${issue.message}`);
}

/**
 * The pricing table: the user's `pricing.json` in the data folder when there is one and it is sound,
 * otherwise the bundled one. A user table that cannot be used is reported and left untouched.
 */
export async function loadPricing(bundledFile: string, userFile?: string): Promise<LoadedPricing> {
  const bundled = { table: await readTable(bundledFile), file: bundledFile };
  if (!userFile) return bundled;
  try {
    return { table: await readTable(userFile), file: userFile };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return bundled;
    return { ...bundled, problem: `${userFile}: ${(error as Error).message}; using the bundled prices of ${bundled.table.takenOn}` };
  }
}
