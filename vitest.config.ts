import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      { test: { name: 'integration', include: ['test/integration/**/*.test.ts'], environment: 'node', testTimeout: 30_000 } },
      // The README's commands against the build, so they run after `npm run build`.
      { test: { name: 'readme', include: ['test/readme/**/*.test.ts'], environment: 'node', testTimeout: 90_000 } },
    ],
  },
});
