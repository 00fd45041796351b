/** What electronegativity reports, one issue (the fields of a row of its CSV report). */
export interface Finding {
  readonly check: string;
  readonly severity: string;
  readonly confidence: string;
  readonly file: string;
  readonly location: string;
  readonly sample: string;
  readonly description: string;
}

/**
 * Findings that have been read and accepted, each pinned to one check in one file, with the reason.
 * A second finding of the same check in that file, or one anywhere else, still fails.
 */
export interface ReviewedFinding {
  readonly check: string;
  /** Path relative to the scanned root; undefined for a check accepted everywhere. */
  readonly file?: string;
  readonly reason: string;
}

export const REVIEWED_FINDINGS: readonly ReviewedFinding[] = [
  {
    check: 'PRELOAD_JS_CHECK',
    reason: 'the generic "review your preload": ours exposes only the contract methods, checked by test/unit/preloadBridge.test.ts',
  },
  {
    check: 'OPEN_EXTERNAL_JS_CHECK',
    file: 'src-main/hosts/electron/mainWindow.ts',
    reason: 'the one openExternal call, behind isAllowedExternalUrl (http(s) allow-list, test/unit/externalUrl.test.ts)',
  },
];

const BLOCKING_SEVERITIES = new Set(['CRITICAL', 'HIGH', 'MEDIUM']);

/** The findings that fail the lint: high or medium (or critical), not reviewed, and not a reviewed one seen twice. */
export function blockingFindings(findings: readonly Finding[], reviewed: readonly ReviewedFinding[] = REVIEWED_FINDINGS): Finding[] {
  const seenPinned = new Set<ReviewedFinding>();
  return findings.filter((finding) => {
    if (!BLOCKING_SEVERITIES.has(finding.severity)) return false;
    const review = reviewed.find((entry) => entry.check === finding.check && (entry.file === undefined || entry.file === finding.file));
    if (!review) return true;
    if (review.file === undefined) return false;
    if (seenPinned.has(review)) return true;
    seenPinned.add(review);
    return false;
  });
}
