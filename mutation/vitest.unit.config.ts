import { defineConfig } from 'vitest/config';

// The unit project alone, for Stryker: its Vitest runner has no project option, so it is given this file.
// Instrumented code runs several times slower, so a test that takes a second or two in the unit run (the search
// worker's, over 12,000 events) gets more than Vitest's 5 s default here; a mutant that hangs is still cut off by
// Stryker's own timeout.
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
});
