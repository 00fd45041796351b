import { useEffect, useReducer, useState } from 'react';
import type { EventLog } from '../../engine/events/eventLog';
import { IncrementalFilter, type EventFilter, type FilteredRows } from '../../engine/events/eventFilter';

interface Filtered {
  readonly log: EventLog;
  readonly filter: EventFilter;
  readonly view: IncrementalFilter;
}

function filtered(log: EventLog, filter: EventFilter, before?: IncrementalFilter): Filtered {
  log.indexInWorker();
  return { log, filter, view: new IncrementalFilter(log, filter, before) };
}

/**
 * The inspector's rows for a filter: when new events arrive only they are tested; a new filter scans the log once.
 * The log inspected is searched by the search worker, which builds its search text as events arrive, off the main
 * thread, so the first search is as quick as the next. While a search waits for the worker, the rows of the filter
 * before it stay on screen, marked as searching, rather than blinking empty at every key.
 */
export function useFilteredRows(log: EventLog, count: number, filter: EventFilter): FilteredRows {
  const [current, setCurrent] = useState(() => filtered(log, filter));
  let shown = current;
  if (current.log !== log || current.filter !== filter) {
    // A new filter or log: made here, during render, so its first rows are the ones this render shows.
    shown = filtered(log, filter, current.view);
    setCurrent(shown);
  }
  const [, searched] = useReducer((answers: number) => answers + 1, 0);
  const { view } = shown;
  useEffect(() => {
    let mounted = true;
    void view.searched.then(() => mounted && searched());
    return () => {
      mounted = false;
    };
  }, [view]);
  return view.update(count);
}
