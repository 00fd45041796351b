import { WorkbenchError } from '../errors';

/** The share of these that passed (expectation results, or whole runs), from 0 to 1; 0 when there are none. */
export function passRate(results: readonly { readonly ok: boolean }[]): number {
  if (results.length === 0) return 0;
  return results.filter((result) => result.ok).length / results.length;
}

/**
 * Whether a test's runs passed often enough. Rates are compared in hundredths, so a `minPassRate` of 0.67
 * accepts 2 runs of 3 as a person writing it means; a test with no runs did not pass.
 */
export function testPassed(runs: readonly { readonly ok: boolean }[], minPassRate: number): boolean {
  return runs.length > 0 && Math.round(passRate(runs) * 100) >= Math.round(minPassRate * 100);
}

/**
 * The `index`-th (1-based) of `count` contiguous slices of the tests, as Playwright shards: sizes differ by at
 * most one, the larger ones first, and across all the shards every test is run exactly once.
 */
export function shardOf<T>(tests: readonly T[], index: number, count: number): T[] {
  if (!Number.isInteger(count) || !Number.isInteger(index) || index < 1 || index > count)
    throw new WorkbenchError('invalid_request', `A shard is i/n with 1 ≤ i ≤ n, both whole numbers; got ${index}/${count}.`, 'shard');
  const size = Math.floor(tests.length / count);
  const larger = tests.length % count;
  const at = index - 1;
  const start = at * size + Math.min(at, larger);
  return tests.slice(start, start + size + (at < larger ? 1 : 0));
}
