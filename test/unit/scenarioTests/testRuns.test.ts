import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import { passRate, shardOf, testPassed } from '../../../src-shared/scenarioTests/testRuns';

const runs = (...passed: boolean[]) => passed.map((ok) => ({ ok }));

describe('pass rates', () => {
  it('is the share that passed, and 0 when nothing ran', () => {
    expect(passRate(runs(true, false, true, true))).toBe(0.75);
    expect(passRate(runs(false))).toBe(0);
    expect(passRate(runs(true))).toBe(1);
    expect(passRate([])).toBe(0);
  });

  it('passes a test whose runs passed at least as often as its minimum, compared in hundredths', () => {
    expect(testPassed(runs(true, true, false), 0.67)).toBe(true);
    expect(testPassed(runs(true, false, false), 0.67)).toBe(false);
    expect(testPassed(runs(true, true, false), 0.7)).toBe(false);
    expect(testPassed(runs(true, true), 1)).toBe(true);
    expect(testPassed(runs(true, false), 1)).toBe(false);
    expect(testPassed(runs(false), 0)).toBe(true);
    expect(testPassed([], 0)).toBe(false);
  });
});

describe('shards', () => {
  const numbers = (count: number) => Array.from({ length: count }, (_, index) => index);

  it('splits the tests into contiguous slices, larger ones first, as Playwright does', () => {
    expect([1, 2, 3].map((index) => shardOf(numbers(7), index, 3))).toEqual([
      [0, 1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect([1, 2, 3, 4].map((index) => shardOf(numbers(2), index, 4))).toEqual([[0], [1], [], []]);
    expect(shardOf(numbers(5), 1, 1)).toEqual(numbers(5));
  });

  it('runs every test exactly once across the shards, for many sizes', () => {
    for (let total = 0; total <= 13; total += 1) {
      for (let count = 1; count <= 6; count += 1) {
        const shards = Array.from({ length: count }, (_, at) => shardOf(numbers(total), at + 1, count));
        expect(shards.flat()).toEqual(numbers(total));
        const sizes = shards.map((shard) => shard.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
      }
    }
  });

  it('refuses a shard that is not i/n with 1 ≤ i ≤ n, naming it', () => {
    for (const [index, count] of [
      [0, 3],
      [4, 3],
      [1, 0],
      [1.5, 3],
      [1, 2.5],
    ] as const) {
      expect(() => shardOf(numbers(3), index, count)).toThrow(WorkbenchError);
      expect(() => shardOf(numbers(3), index, count)).toThrow(expect.objectContaining({ code: 'invalid_request', field: 'shard' }) as Error);
      expect(() => shardOf(numbers(3), index, count)).toThrow(`got ${index}/${count}`);
    }
  });
});
