import { defineConfig } from 'vitest/config';

// The integration project plus the services' own unit tests, for Stryker's run over the main services.
export default defineConfig({
  test: {
    include: ['test/integration/modelServices.test.ts', 'test/unit/sessionLog/**/*.test.ts', 'test/unit/services/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
