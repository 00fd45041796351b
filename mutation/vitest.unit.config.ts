import { defineConfig } from 'vitest/config';

// The unit project alone, for Stryker: its Vitest runner has no project option, so it is given this file.
export default defineConfig({
  test: { include: ['test/unit/**/*.test.ts'], environment: 'node' },
});
