import { defineConfig } from 'vitest/config';

// For Stryker's run over the session log services: their unit tests.
export default defineConfig({
  test: { include: ['test/unit/sessionLog/**/*.test.ts'], environment: 'node' },
});
