// @ts-check
/**
 * Mutation run 3: the session log services (log and WAV writers, reader, redaction, and the library's recorder,
 * catalog, summaries and replay readers) against their unit tests.
 * Kept apart from run 2 because every integration test builds the main services, and so runs this code:
 * under per-test coverage each of these mutants would rerun the whole slow integration file.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.sessionLog.config.ts' },
  mutate: ['src-main/services/sessionLog/*.ts'],
  coverageAnalysis: 'perTest',
  // Incremental: CI reuses the committed results of mutants whose code and covering tests did not change,
  // and retests only the rest. Regenerate with `npm run test:mutation -- --force` after large changes.
  incremental: true,
  incrementalFile: 'mutation/incremental/sessionLog.json',
  ignoreStatic: true,
  concurrency: 2,
  thresholds: { high: 85, low: 70, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/sessionLog.html' },
  jsonReporter: { fileName: 'reports/mutation/sessionLog.json' },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: build output, reports and other runs' sandboxes.
  ignorePatterns: ['/.stryker-tmp*', '/reports', '/out', '/dist', '/test-results', '/playwright-report'],
  cleanTempDir: 'always',
};
