import type { Reporter, TestCase, TestResult } from '@playwright/test/reporter';

/** Prints why each skipped test was skipped, so a skip is never mistaken for a pass. */
export default class SkipReasonReporter implements Reporter {
  private readonly skipped: string[] = [];

  onTestEnd(test: TestCase, result: TestResult): void {
    if (result.status !== 'skipped') return;
    const reason = test.annotations.find((annotation) => annotation.type === 'skip')?.description ?? 'no reason given';
    this.skipped.push(`  skipped: ${test.titlePath().filter(Boolean).join(' › ')}\n    reason: ${reason}`);
  }

  onEnd(): void {
    if (this.skipped.length > 0) console.log(`\n${this.skipped.length} skipped, NOT passed:\n${this.skipped.join('\n')}\n`);
  }
}
