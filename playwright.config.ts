import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env['CI']),
  reporter: [['list'], ['./e2e/support/skipReasonReporter.ts']],
  outputDir: 'test-results',
  projects: [
    { name: 'chromium', testMatch: '**/web/*.spec.ts' },
    { name: 'electron', testMatch: '**/electron/*.spec.ts' },
  ],
});
