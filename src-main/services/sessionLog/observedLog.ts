import type { PricingTable } from '../../../src-shared/pricing';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { SessionLogHeader } from '../../../src-shared/sessionLog';
import { observeSession, type ObservedSession } from '../../../src-shared/scenarioTests/observedTurns';
import { openLog } from './sessionLogReader';

export interface ObservedLog {
  readonly header: SessionLogHeader | undefined;
  readonly observed: ObservedSession;
  /** How many lines could not be read (a crashed log's cut-off last line). */
  readonly skippedLines: number;
}

/** Reads a whole log (a saved session or a raw Realtime event log) and splits it into user turns. */
export async function readObservedLog(path: string, pricing?: PricingTable): Promise<ObservedLog> {
  const log = await openLog(path);
  try {
    const events: SessionEvent[] = [];
    let skippedLines = 0;
    for (;;) {
      const chunk = await log.next(5_000);
      events.push(...chunk.events);
      skippedLines += chunk.skipped.length;
      if (chunk.done) break;
    }
    return { header: log.header(), observed: observeSession(events, pricing), skippedLines };
  } finally {
    log.close();
  }
}
