import { defineConfig } from 'vitest/config';

// For Stryker's run over the model services: the integration tests that drive them and their unit tests.
export default defineConfig({
  test: {
    include: ['test/integration/modelServices.test.ts', 'test/integration/supervisorDecisions.test.ts', 'test/unit/services/**/*.test.ts'],
    environment: 'node',
    testTimeout: 30_000,
  },
});
