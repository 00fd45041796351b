/** What Help → About and `--version` name. */
export interface AboutFacts {
  readonly appName: string;
  readonly appVersion: string;
  /** `process.versions`: Electron and Chromium are absent when not running under Electron. */
  readonly versions: { readonly electron?: string | undefined; readonly chrome?: string | undefined; readonly node: string };
  readonly sessionLogFormat: number;
  /** The prices costs are computed with: their date and whether they are the user's own table; or why none could be read. */
  readonly prices: { readonly takenOn: string; readonly own: boolean } | { readonly problem: string };
}

/** The About text, one fact a line, the same in the dialog and on the command line. */
export function aboutText(facts: AboutFacts): string {
  const prices =
    'problem' in facts.prices
      ? `Prices: none could be read (${facts.prices.problem})`
      : `Prices of ${facts.prices.takenOn}${facts.prices.own ? ' (your pricing.json)' : ''}`;
  return [
    `${facts.appName} ${facts.appVersion}`,
    `Electron ${facts.versions.electron ?? '(not running under Electron)'}`,
    `Chromium ${facts.versions.chrome ?? '(not running under Electron)'}`,
    `Node ${facts.versions.node}`,
    `Session log format ${facts.sessionLogFormat}`,
    prices,
  ].join('\n');
}
