import type { EventDirection } from '../../../../src-shared/sessionEvent';
import type { ColumnQuery, EventLog, IndexedMatches } from './eventLog';
import { searchFormOf } from './searchText';

/** The events of one transcript entry: its item and, for a tool, its call. */
export interface RelatedTo {
  readonly id: string;
  /** Plain words for the filter bar, e.g. `message “Where is my order?”`. */
  readonly label: string;
}

export interface EventFilter {
  /** Matched against type, direction, summary and the payload's JSON, ignoring case and typographic quotes, dashes and arrows (`searchFormOf`). */
  readonly text: string;
  readonly directions: ReadonlySet<EventDirection>;
  readonly errorsOnly: boolean;
  /** Only these types, when not empty. */
  readonly includeTypes: ReadonlySet<string>;
  /** Never these types. */
  readonly excludeTypes: ReadonlySet<string>;
  readonly agent: string | undefined;
  readonly turn: number | undefined;
  readonly related: RelatedTo | undefined;
  /** Fold each item's streaming deltas into one row. */
  readonly fold: boolean;
  /** Fold keys the user opened: their deltas are shown one per row. */
  readonly unfolded: ReadonlySet<string>;
}

export const allDirections: ReadonlySet<EventDirection> = new Set(['client', 'server', 'app']);
const none: ReadonlySet<string> = new Set();

export const defaultFilter: EventFilter = {
  text: '',
  directions: allDirections,
  errorsOnly: false,
  includeTypes: none,
  excludeTypes: none,
  agent: undefined,
  turn: undefined,
  related: undefined,
  fold: true,
  unfolded: none,
};

export interface FilteredRows {
  /** Rows shown. */
  readonly length: number;
  /** Per row, the log position of its (first) event; read only the first `length` (appended to as events arrive). */
  readonly indices: readonly number[];
  /** How many events a row stands for: more than 1 for folded deltas (grows as deltas arrive). */
  foldedAt(row: number): number;
  /** A row's fold key when it is a delta row (folded or not). */
  foldKeyAt(row: number): string | undefined;
  /** Events that passed the filter (folded ones included). */
  readonly matched: number;
  /** The search worker has not answered this filter's search yet: there are no rows until it does. */
  readonly searching: boolean;
  /** How many events of each direction and each type the whole log holds, whatever the filter. */
  readonly counts: Readonly<Record<EventDirection, number>>;
  readonly typeCounts: ReadonlyMap<string, number>;
}

/**
 * The rows of one filter over one log, kept up to date by testing only events it has not seen, so a
 * live session costs O(new events) per frame; a new filter scans the log's columns once. A search of a log
 * the search worker indexes is answered by the worker (`searched`), and events that arrive after are tested here.
 */
export class IncrementalFilter {
  private readonly indices: number[] = [];
  /** Rows standing for more than one event, and how many. */
  private readonly folded = new Map<number, number>();
  /** Per fold group number, the row its deltas fold into (absent until the group's first event passes). */
  private readonly groupRows: number[] = [];
  /** Fold group numbers the user opened. */
  private readonly unfoldedIds: ReadonlySet<number>;
  private readonly needle: string;
  /** Per type number: 1 shown, 2 hidden, 0 not decided yet (a type first seen after the filter was made). */
  private typeVerdicts = new Uint8Array(0);
  private readonly query: ColumnQuery;
  private matched = 0;
  private scanned = 0;
  private snapshot: FilteredRows;
  /** The search worker's answer: undefined while waiting, and for a filter that does not ask it. */
  private indexed: IndexedMatches | undefined;
  private waiting: boolean;
  /** Settles once the search worker has answered (or failed): at once for a filter that does not ask it. */
  readonly searched: Promise<void>;

  /** The filter typed before this one, whose rows stand in while this one waits for the search worker. */
  private before: IncrementalFilter | undefined;

  /** `before`: the filter this one replaces; while this one waits for the search worker, its rows are shown, marked as searching. */
  constructor(
    private readonly log: EventLog,
    readonly filter: EventFilter,
    before?: IncrementalFilter,
  ) {
    this.needle = searchFormOf(filter.text.trim());
    this.unfoldedIds = new Set([...filter.unfolded].map((key) => log.foldIdFor(key)).filter((id) => id !== -1));
    this.query = {
      directionMask: (filter.directions.has('client') ? 1 : 0) | (filter.directions.has('server') ? 2 : 0) | (filter.directions.has('app') ? 4 : 0),
      typeShown: (typeId) => (this.typeVerdicts[typeId] ?? 0) === 1 || (this.typeVerdicts[typeId] !== 2 && this.typeShown(typeId)),
      errorsOnly: filter.errorsOnly,
      turn: filter.turn,
      agent: filter.agent,
      related: filter.related?.id,
    };
    this.waiting = this.needle !== '' && log.indexed;
    this.searched = this.waiting
      ? log.searchIndexed(this.needle).then((answer) => {
          this.indexed = answer;
          this.waiting = false;
          this.before = undefined;
        })
      : Promise.resolve();
    this.snapshot = this.freeze();
    // Only a filter of the same log that has rows to show, so waiting filters never chain.
    if (this.waiting && before?.log === log) this.before = before.waiting ? before.before : before;
  }

  private typeShown(typeId: number): boolean {
    let verdicts = this.typeVerdicts;
    if (typeId >= verdicts.length) {
      verdicts = new Uint8Array(Math.max(this.log.typeCount, typeId + 1));
      verdicts.set(this.typeVerdicts);
      this.typeVerdicts = verdicts;
    }
    if (verdicts[typeId] === 0) {
      const type = this.log.typeName(typeId);
      const { includeTypes, excludeTypes } = this.filter;
      verdicts[typeId] = (includeTypes.size === 0 || includeTypes.has(type)) && !excludeTypes.has(type) ? 1 : 2;
    }
    return verdicts[typeId] === 1;
  }

  /** The rows among the first `count` events; a new object whenever they changed. */
  update(count: number): FilteredRows {
    if (this.waiting) return this.before === undefined ? this.snapshot : { ...this.before.update(count), searching: true };
    if (count <= this.scanned && !this.snapshot.searching) return this.snapshot;
    const add = (index: number) => this.add(index);
    const indexed = this.indexed;
    if (indexed === undefined) this.log.scan(this.scanned, count, this.needle, this.query, add);
    else {
      const answeredTo = Math.min(count, indexed.upTo);
      if (this.scanned < answeredTo) this.log.scanPositions(indexed.matches, this.scanned, answeredTo, this.query, add);
      if (count > indexed.upTo) this.log.scanUnkept(Math.max(this.scanned, indexed.upTo), count, this.needle, this.query, add);
    }
    this.scanned = Math.max(this.scanned, count);
    this.snapshot = this.freeze();
    return this.snapshot;
  }

  private add(index: number): void {
    this.matched += 1;
    const group = this.filter.fold ? this.log.foldIdAt(index) : -1;
    if (group !== -1 && !this.unfoldedIds.has(group)) {
      const row = this.groupRows[group];
      if (row !== undefined) {
        this.folded.set(row, (this.folded.get(row) ?? 1) + 1);
        return;
      }
      this.groupRows[group] = this.indices.length;
    }
    this.indices.push(index);
  }

  private freeze(): FilteredRows {
    const log = this.log;
    return {
      length: this.indices.length,
      indices: this.indices,
      foldedAt: (row) => this.folded.get(row) ?? 1,
      foldKeyAt: (row) => this.log.foldKeyAt(this.indices[row]!),
      matched: this.matched,
      searching: this.waiting,
      counts: this.log.directionCounts(),
      // Made only when read: the type chips are usually closed, and this runs every frame of a live session.
      get typeCounts() {
        return log.typeCounts();
      },
    };
  }
}
