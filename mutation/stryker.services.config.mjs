// @ts-check
/**
 * Mutation run 2: the main services that call the model (supervisor, guardrail, escalation and the
 * helpers they are built from) against the integration suite and the fake OpenAI server, and the
 * session log services against their unit tests.
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
    'src-main/services/sessionLog/*.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level code, mostly the zod schemas of the contract and the log format) need every
  // test rerun per mutant, nine tenths of the run time; the schemas are pinned by their own schema tests.
  ignoreStatic: true,
  concurrency: 2,
  thresholds: { high: 85, low: 70, break: 70 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/services.html' },
  jsonReporter: { fileName: 'reports/mutation/services.json' },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
