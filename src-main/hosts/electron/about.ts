import { join } from 'node:path';
import { app } from 'electron';
import { SESSION_LOG_VERSION } from '../../../src-shared/sessionLog';
import { aboutText } from '../../services/aboutText';
import { loadPricing } from '../../services/pricingTable';

export const APP_NAME = 'Voice Agent Workbench';

/** The About text of this app as it runs: its versions, the log format it writes and the prices it uses. */
export async function describeApp(bundledPricing: string): Promise<string> {
  const userPricing = join(app.getPath('userData'), 'pricing.json');
  const prices = await loadPricing(bundledPricing, userPricing).then(
    ({ table, file }) => ({ takenOn: table.takenOn, own: file === userPricing }),
    (error: unknown) => ({ problem: `${bundledPricing}: ${error instanceof Error ? error.message : String(error)}` }),
  );
  return aboutText({
    appName: APP_NAME,
    appVersion: app.getVersion(),
    versions: process.versions,
    sessionLogFormat: SESSION_LOG_VERSION,
    prices,
  });
}

/** `--version` anywhere after the executable: print the About text and end, before any window or lock. */
export function wantsVersion(argv: readonly string[]): boolean {
  return argv.slice(1).includes('--version');
}
