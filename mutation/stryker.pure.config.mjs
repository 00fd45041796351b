// @ts-check
/**
 * Mutation run 1: the pure modules against the unit suite.
 * `npm run test:mutation` (scripts/run-mutation.mjs) runs this, then the services and session log runs;
 * a score under `break` fails it.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.unit.config.ts' },
  mutate: [
    'src-shared/**/*.ts',
    'src-main/security/**/*.ts',
    'src-main/ipc/dispatcher.ts',
    // Declarative, left out on purpose: these three files are zod declarations of the wire contract
    // (channel list, settings, saved-session requests) with no logic of their own. Their mutants are
    // error wordings and bounds such as `.max(200)`; what they refuse at run time is tested through
    // the dispatcher (every channel against malformed payloads) and the scenario and log schema tests.
    '!src-shared/contract.ts',
    '!src-shared/settings.ts',
    '!src-shared/sessionLibrary.ts',
    // The same for the contract's newer declarations (the Tests panel's and the comparison's channels, the usage
    // schema): what they refuse is tested through the dispatcher in test/integration/testsHandlers.test.ts and
    // sessionComparisonChannels.test.ts.
    '!src-shared/testsContract.ts',
    '!src-shared/sessionComparisonContract.ts',
    '!src-shared/usage.ts',
    // The session engine (moved here from the page) drives a realtime session over a transport; what tests it
    // is the headless integration run and the e2e suite, not the unit suite this run uses. Not yet under mutation.
    '!src-shared/session/**',
    // The same for a scenario test's run (it drives a session through a host's port): the integration run of
    // `npm run scenario-test` against the fake tests it, not the unit suite. Its matcher, reader and comparison are here.
    '!src-shared/scenarioTests/testRun.ts',
  ],
  coverageAnalysis: 'perTest',
  // Incremental: CI reuses the committed results of mutants whose code and covering tests did not change,
  // and retests only the rest. Regenerate with `npm run test:mutation -- --force` after large changes.
  incremental: true,
  incrementalFile: 'mutation/incremental/pure.json',
  // Static mutants (module-level code, mostly the zod schemas of the contract and the log format) need every
  // test rerun per mutant, nine tenths of the run time; the schemas are pinned by their own schema tests.
  // Module-level mutants that a test also reaches through a lazy import (the preload bridge test) are not
  // ignored, and cannot be killed in this setup: the module was built before the mutant was switched on. They are
  // the survivors in scenario.ts, sessionEvent.ts and sessionLog.ts's schemas and patterns.
  ignoreStatic: true,
  // The machine has two cores shared with other jobs.
  concurrency: 2,
  thresholds: { high: 90, low: 80, break: 80 },
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/pure.html' },
  jsonReporter: { fileName: 'reports/mutation/pure.json' },
  tempDirName: '.stryker-tmp',
  // Not copied into the sandbox: build output, reports and other runs' sandboxes.
  ignorePatterns: ['/.stryker-tmp*', '/reports', '/out', '/dist', '/test-results', '/playwright-report'],
  cleanTempDir: 'always',
};
