import { useEffect, useMemo } from 'react';
import type { EventLog } from '../../engine/events/eventLog';
import { IncrementalFilter, type EventFilter, type FilteredRows } from '../../engine/events/eventFilter';

/**
 * The inspector's rows for a filter: when new events arrive only they are tested; a new filter scans the log once.
 * The log inspected has its search text built ahead, off the main thread, so the first search is as quick as the next.
 */
export function useFilteredRows(log: EventLog, count: number, filter: EventFilter): FilteredRows {
  useEffect(() => log.buildSearchTextAhead(), [log]);
  const view = useMemo(() => new IncrementalFilter(log, filter), [log, filter]);
  return view.update(count);
}
