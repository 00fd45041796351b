// @ts-check
/**
 * Mutation run 2: the main services that call the model (supervisor, guardrail, escalation and the two
 * helpers they are built from) against the integration suite, which runs them against the fake OpenAI
 * server, and against their unit tests.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.services.config.ts' },
  mutate: [
    'src-main/services/supervisor.ts',
    'src-main/services/guardrail.ts',
    'src-main/services/escalation.ts',
    'src-main/services/structuredOutput.ts',
    'src-main/services/usage.ts',
  ],
  coverageAnalysis: 'perTest',
  // Incremental: CI reuses the committed results of mutants whose code and covering tests did not change,
  // and retests only the rest. Regenerate with `npm run test:mutation -- --force` after large changes.
  incremental: true,
  incrementalFile: 'mutation/incremental/services.json',
  // Static mutants (the step cap, the default guardrail categories) are kept: there are few of them.
  // The machine has two cores shared with other jobs.
  concurrency: 2,
  thresholds: { high: 85, low: 70, break: 70 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/services.html' },
  jsonReporter: { fileName: 'reports/mutation/services.json' },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: build output, reports and other runs' sandboxes.
  ignorePatterns: ['/.stryker-tmp*', '/reports', '/out', '/dist', '/test-results', '/playwright-report'],
  cleanTempDir: 'always',
};
