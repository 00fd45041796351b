import { summarizeEvent } from '../../../src-shared/eventSummary';
import type { SessionEvent } from '../../../src-shared/sessionEvent';

const CHUNK_SIZE = 4_096;

/**
 * Every event of one session, in stream order: append-only, in fixed-size chunks so that appending
 * never copies what is already held, however long the session. Nothing is ever dropped. Each event's
 * search text is made once as it arrives, so searching the whole session is a scan of short strings.
 */
export class EventLog {
  private readonly chunks: SessionEvent[][] = [];
  /** Per event, its type, direction and one-line summary in lower case: what the inspector's search reads. */
  private readonly searchChunks: string[][] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  append(events: readonly SessionEvent[]): void {
    for (const event of events) {
      let chunk = this.chunks[this.chunks.length - 1];
      if (!chunk || chunk.length === CHUNK_SIZE) {
        chunk = [];
        this.chunks.push(chunk);
        this.searchChunks.push([]);
      }
      chunk.push(event);
      this.searchChunks[this.searchChunks.length - 1]!.push(`${event.type} ${event.direction} ${summarizeEvent(event)}`.toLowerCase());
      this.size += 1;
    }
  }

  at(index: number): SessionEvent | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.chunks[Math.floor(index / CHUNK_SIZE)]![index % CHUNK_SIZE];
  }

  /** The text the inspector's search matches for the event at `index` (computed once, as it arrived). */
  searchTextAt(index: number): string {
    return this.searchChunks[Math.floor(index / CHUNK_SIZE)]![index % CHUNK_SIZE]!;
  }

  /** Events from `start` (inclusive) to `end` (exclusive). */
  slice(start: number, end = this.size): SessionEvent[] {
    const result: SessionEvent[] = [];
    for (let index = Math.max(0, start); index < Math.min(end, this.size); index += 1) result.push(this.at(index)!);
    return result;
  }

  /** The number of events whose time is at most `t` (events are in time order). */
  countUpTo(t: number): number {
    let low = 0;
    let high = this.size;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.at(middle)!.t <= t) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /** The position of the event with this seq, if held. */
  indexOfSeq(seq: number): number | undefined {
    let low = 0;
    let high = this.size - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const found = this.at(middle)!.seq;
      if (found === seq) return middle;
      if (found < seq) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }
}
