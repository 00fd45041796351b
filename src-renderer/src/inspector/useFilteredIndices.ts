import { useMemo } from 'react';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { EventLog } from '../events/eventLog';

/** Whether an event matches the inspector's filter text: its type, or its direction word. */
export function matchesFilter(event: SessionEvent, needle: string): boolean {
  return needle === '' || event.type.toLowerCase().includes(needle) || event.direction === needle;
}

export interface FilteredIndices {
  readonly length: number;
  /** Positions in the log; read only the first `length` (the array is appended to as events arrive). */
  readonly indices: readonly number[];
}

/** The matches of one filter over one log, kept up to date by testing only events it has not seen. */
export class IncrementalFilter {
  private readonly indices: number[] = [];
  private scanned = 0;
  private snapshot: FilteredIndices = { length: 0, indices: this.indices };

  constructor(
    private readonly log: EventLog,
    private readonly needle: string,
  ) {}

  /** The matches among the first `count` events; a new object whenever they changed. */
  update(count: number): FilteredIndices {
    if (count <= this.scanned) return this.snapshot;
    for (let index = this.scanned; index < count; index += 1) if (matchesFilter(this.log.at(index)!, this.needle)) this.indices.push(index);
    this.scanned = count;
    if (this.indices.length !== this.snapshot.length) this.snapshot = { length: this.indices.length, indices: this.indices };
    return this.snapshot;
  }
}

/**
 * The positions of the events that match the filter. When new events arrive only they are tested; the
 * whole log is scanned again only when the filter text or the session changes.
 */
export function useFilteredIndices(log: EventLog, count: number, filter: string): FilteredIndices {
  const needle = filter.trim().toLowerCase();
  const view = useMemo(() => new IncrementalFilter(log, needle), [log, needle]);
  return view.update(count);
}
