import { describe, expect, it } from 'vitest';
import { costWords } from '../../../src-renderer/src/views/tests/costWords';

describe('a test run’s cost in the Tests panel', () => {
  it('names the dollars with the date of the prices, every date when there are several', () => {
    expect(costWords({ dollars: 0.01234, takenOn: ['2026-12-03'] })).toBe('$0.0123 (prices of 2026-12-03)');
    expect(costWords({ dollars: 1.5, takenOn: ['2025-08-28', '2026-12-03'] })).toBe('$1.50 (prices of 2025-08-28 and 2026-12-03)');
  });

  it('says a run nothing could be priced for is not priced, never $0', () => {
    expect(costWords({ dollars: undefined, takenOn: [] })).toBe('cost not priced');
  });
});
