import { useMemo } from 'react';
import { isErrorEvent } from '../../../src-shared/eventSummary';
import type { EventDirection, SessionEvent } from '../../../src-shared/sessionEvent';
import type { EventLog } from '../events/eventLog';

export interface EventFilter {
  /** Matched, case-insensitively, against the type, the direction word and the one-line summary. */
  readonly text: string;
  readonly directions: ReadonlySet<EventDirection>;
  readonly errorsOnly: boolean;
}

export const allDirections: ReadonlySet<EventDirection> = new Set(['client', 'server', 'app']);

/** Whether an event passes the inspector's filter; `searchText` is the log's lower-case type, direction and summary. */
function matches(event: SessionEvent, searchText: string, filter: EventFilter, needle: string): boolean {
  if (!filter.directions.has(event.direction)) return false;
  if (filter.errorsOnly && !isErrorEvent(event)) return false;
  return needle === '' || searchText.includes(needle);
}

export interface FilteredIndices {
  readonly length: number;
  /** Positions in the log; read only the first `length` (the array is appended to as events arrive). */
  readonly indices: readonly number[];
  /** How many events of each direction the whole log holds, whatever the filter. */
  readonly counts: Readonly<Record<EventDirection, number>>;
}

/** The matches of one filter over one log, kept up to date by testing only events it has not seen. */
export class IncrementalFilter {
  private readonly indices: number[] = [];
  private readonly counts: Record<EventDirection, number> = { client: 0, server: 0, app: 0 };
  private readonly needle: string;
  private scanned = 0;
  private snapshot: FilteredIndices;

  constructor(
    private readonly log: EventLog,
    private readonly filter: EventFilter,
  ) {
    this.needle = filter.text.trim().toLowerCase();
    this.snapshot = { length: 0, indices: this.indices, counts: { ...this.counts } };
  }

  /** The matches among the first `count` events; a new object whenever they changed. */
  update(count: number): FilteredIndices {
    if (count <= this.scanned) return this.snapshot;
    for (let index = this.scanned; index < count; index += 1) {
      const event = this.log.at(index)!;
      this.counts[event.direction] += 1;
      if (matches(event, this.log.searchTextAt(index), this.filter, this.needle)) this.indices.push(index);
    }
    this.scanned = count;
    this.snapshot = { length: this.indices.length, indices: this.indices, counts: { ...this.counts } };
    return this.snapshot;
  }
}

/**
 * The positions of the events that match the filter. When new events arrive only they are tested; the
 * whole log is scanned again only when the filter or the session changes.
 */
export function useFilteredIndices(log: EventLog, count: number, filter: EventFilter): FilteredIndices {
  const view = useMemo(() => new IncrementalFilter(log, filter), [log, filter]);
  return view.update(count);
}
