import { useMemo } from 'react';
import type { EventLog } from '../../engine/events/eventLog';
import { IncrementalFilter, type EventFilter, type FilteredRows } from '../../engine/events/eventFilter';

/** The inspector's rows for a filter: when new events arrive only they are tested; a new filter scans the log once. */
export function useFilteredRows(log: EventLog, count: number, filter: EventFilter): FilteredRows {
  const view = useMemo(() => new IncrementalFilter(log, filter), [log, filter]);
  return view.update(count);
}
