import { EventAnnotator, type EventAnnotation } from '../../../../src-shared/eventAnnotations';
import { isErrorEvent, seconds, summarizeEvent } from '../../../../src-shared/eventSummary';
import type { EventDirection, SessionEvent } from '../../../../src-shared/sessionEvent';
import { buildSearchLines, type SearchLines } from './searchText';
import { pageSearchTextBuilder, type SearchTextBuilder } from './searchTextWorker';
import { SharedStrings } from './sharedStrings';

const CHUNK_SIZE = 4_096;
/**
 * Events sent to be built ahead at a time (or fewer, to finish a chunk): a few hundred make few messages, and
 * the unsent tail a search builds itself costs well under a millisecond.
 */
const AHEAD_SEGMENT = 256;

const directionCodes: Record<EventDirection, number> = { client: 0, server: 1, app: 2 };
export const directionOf: readonly EventDirection[] = ['client', 'server', 'app'];
const ERROR_BIT = 4;

/**
 * One chunk's events and, column by column, what filters read: type and agent as small numbers,
 * direction and error flag in one byte, the turn, and the item, call and fold key an event is about.
 */
class Chunk {
  readonly events: SessionEvent[] = [];
  readonly typeIds = new Uint32Array(CHUNK_SIZE);
  readonly flags = new Uint8Array(CHUNK_SIZE);
  readonly turns = new Uint32Array(CHUNK_SIZE);
  readonly agentIds = new Uint16Array(CHUNK_SIZE);
  readonly itemIds: (string | undefined)[] = [];
  readonly callIds: (string | undefined)[] = [];
  /** The fold group of each event (an index into the log's fold keys), -1 for an event that does not fold. */
  readonly foldIds = new Int32Array(CHUNK_SIZE);
  /**
   * The search text of every event, one line each: built ahead by a search worker as events arrive once the
   * log is inspected (`EventLog.buildSearchTextAhead`), and here, on the main thread, for whatever a search
   * reaches before the worker has answered (or in a log no one inspects, so opening a log stays fast and small).
   * Lines arrive in pieces and are joined into one flat string when the chunk is full or searched: searching
   * a string made of many pieces would first copy them together, on the keystroke that searches it.
   */
  private searchText = '';
  private searchPieces: string[] = [];
  /** Where each event's line starts in the search text; one more entry than events covered. */
  readonly searchStarts = new Uint32Array(CHUNK_SIZE + 1);
  searchCovered = 0;

  get length(): number {
    return this.events.length;
  }

  /** The search text of every event now in the chunk. */
  searchable(): string {
    const covered = this.searchCovered;
    if (covered < this.events.length) this.takeSearchLines(covered, buildSearchLines(this.events.slice(covered)));
    this.joinSearchPieces();
    return this.searchText;
  }

  /** Adds the search lines of the events from `from` on, less those the chunk already has; lines past a gap are not taken. */
  takeSearchLines(from: number, lines: SearchLines): void {
    const covered = this.searchCovered;
    const to = from + lines.ends.length;
    if (from > covered || to <= covered) return;
    const skipped = covered - from;
    const offset = skipped === 0 ? 0 : lines.ends[skipped - 1]!;
    const base = this.searchStarts[covered]! - offset;
    for (let line = skipped; line < lines.ends.length; line += 1) this.searchStarts[from + line + 1] = base + lines.ends[line]!;
    this.searchPieces.push(skipped === 0 ? lines.text : lines.text.slice(offset));
    this.searchCovered = to;
    if (to === CHUNK_SIZE) this.joinSearchPieces();
  }

  private joinSearchPieces(): void {
    if (this.searchPieces.length === 0) return;
    this.searchText = [this.searchText, ...this.searchPieces].join('');
    this.searchPieces = [];
  }
}

/**
 * Every event of one session, in stream order: append-only, in fixed-size chunks so that appending
 * never copies what is already held, however long the session. Nothing is ever dropped. Each event is
 * annotated once as it arrives (agent, turn, item, fold key) and counted by direction and type, so
 * filtering the whole session is a scan of small numbers, and searching it is one native string search
 * per chunk.
 */
export class EventLog {
  private readonly chunks: Chunk[] = [];
  private readonly annotator = new EventAnnotator();
  private readonly strings = new SharedStrings();
  private readonly typeNames: string[] = [];
  private readonly typeIndex = new Map<string, number>();
  private readonly typeTotals: number[] = [];
  private readonly agentNames: string[] = [];
  private readonly foldKeys: string[] = [];
  private readonly foldIndex = new Map<string, number>();
  /** Response durations, by log position of their `response.done`: few, so kept sparse. */
  private readonly responseDurations = new Map<number, number>();
  private readonly directionTotals: Record<EventDirection, number> = { client: 0, server: 0, app: 0 };
  private size = 0;
  private ahead: SearchTextBuilder | undefined;
  /** Events before this position have been sent to be built ahead (or were already built here). */
  private sentAhead = 0;

  get length(): number {
    return this.size;
  }

  append(events: readonly SessionEvent[]): void {
    for (const event of events) {
      let chunk = this.chunks[this.chunks.length - 1];
      if (!chunk || chunk.length === CHUNK_SIZE) {
        chunk = new Chunk();
        this.chunks.push(chunk);
      }
      const local = chunk.length;
      this.strings.shareRepeated(event);
      const annotation = this.annotator.annotate(event);
      chunk.events.push(event);
      chunk.typeIds[local] = this.typeIdOf(event.type);
      chunk.flags[local] = directionCodes[event.direction] | (isErrorEvent(event) ? ERROR_BIT : 0);
      chunk.turns[local] = annotation.turn;
      chunk.agentIds[local] = this.agentIdOf(annotation.agent);
      chunk.itemIds.push(annotation.itemId);
      chunk.callIds.push(annotation.callId);
      chunk.foldIds[local] = this.foldIdOf(annotation.foldKey);
      if (annotation.responseMs !== undefined) this.responseDurations.set(this.size, annotation.responseMs);
      this.directionTotals[event.direction] += 1;
      this.size += 1;
    }
    this.sendAhead();
  }

  /**
   * Builds every event's search text ahead, with `builder` (the page's search worker by default), for the events
   * held now and then as they arrive, so the first search costs what later ones do. Searches stay complete
   * meanwhile: what the builder has not answered when a search reaches it is built then, on the main thread.
   */
  buildSearchTextAhead(builder: SearchTextBuilder | undefined = pageSearchTextBuilder()): void {
    if (this.ahead !== undefined || builder === undefined) return;
    this.ahead = builder;
    this.sendAhead();
  }

  private sendAhead(): void {
    const ahead = this.ahead;
    if (ahead === undefined) return;
    while (this.sentAhead < this.size) {
      const chunkIndex = Math.floor(this.sentAhead / CHUNK_SIZE);
      const chunk = this.chunks[chunkIndex]!;
      const base = chunkIndex * CHUNK_SIZE;
      const from = Math.max(this.sentAhead - base, chunk.searchCovered);
      const unsent = chunk.length - from;
      if (unsent > 0 && unsent < AHEAD_SEGMENT && chunk.length < CHUNK_SIZE) return;
      if (unsent > 0) ahead.build(chunk.events.slice(from), (lines) => chunk.takeSearchLines(from, lines));
      this.sentAhead = base + chunk.length;
    }
  }

  private typeIdOf(type: string): number {
    let id = this.typeIndex.get(type);
    if (id === undefined) {
      id = this.typeNames.length;
      this.typeNames.push(type);
      this.typeIndex.set(type, id);
      this.typeTotals.push(0);
    }
    this.typeTotals[id] = this.typeTotals[id]! + 1;
    return id;
  }

  /** 0 for no agent yet, else the agent's position in `agents` plus one. */
  private agentIdOf(agent: string | undefined): number {
    if (agent === undefined) return 0;
    const known = this.agentNames.indexOf(agent);
    if (known !== -1) return known + 1;
    this.agentNames.push(agent);
    return this.agentNames.length;
  }

  at(index: number): SessionEvent | undefined {
    if (index < 0 || index >= this.size) return undefined;
    return this.chunks[Math.floor(index / CHUNK_SIZE)]!.events[index % CHUNK_SIZE];
  }

  /** Where the event at `index` happened: agent, turn, item, call, and its fold key if it is a streaming delta. */
  annotationAt(index: number): EventAnnotation {
    const chunk = this.chunks[Math.floor(index / CHUNK_SIZE)]!;
    const local = index % CHUNK_SIZE;
    const agentId = chunk.agentIds[local]!;
    return {
      agent: agentId === 0 ? undefined : this.agentNames[agentId - 1],
      turn: chunk.turns[local]!,
      itemId: chunk.itemIds[local],
      callId: chunk.callIds[local],
      foldKey: this.foldKeyName(chunk.foldIds[local]!),
      responseMs: this.responseDurations.get(index),
    };
  }

  /** The row's one-line summary, with what only the stream knows added (a response's duration). */
  summaryAt(index: number): string {
    const summary = summarizeEvent(this.at(index)!);
    const duration = seconds(this.responseDurations.get(index));
    return duration === undefined ? summary : [summary, duration].filter(Boolean).join(' · ');
  }

  foldKeyAt(index: number): string | undefined {
    return this.foldKeyName(this.foldIdAt(index));
  }

  /** The event's fold group as a number (-1 when it does not fold), for filters that group without hashing strings. */
  foldIdAt(index: number): number {
    return this.chunks[Math.floor(index / CHUNK_SIZE)]!.foldIds[index % CHUNK_SIZE]!;
  }

  /** The number of a fold key already seen, or -1. */
  foldIdFor(key: string): number {
    return this.foldIndex.get(key) ?? -1;
  }

  private foldKeyName(id: number): string | undefined {
    return id === -1 ? undefined : this.foldKeys[id];
  }

  private foldIdOf(key: string | undefined): number {
    if (key === undefined) return -1;
    let id = this.foldIndex.get(key);
    if (id === undefined) {
      id = this.foldKeys.length;
      this.foldKeys.push(key);
      this.foldIndex.set(key, id);
    }
    return id;
  }

  /** Every agent seen active so far, in the order they first were. */
  get agents(): readonly string[] {
    return this.agentNames;
  }

  /** The last turn number seen (0 before the user first spoke or typed). */
  get turns(): number {
    return this.size === 0 ? 0 : this.annotationAt(this.size - 1).turn;
  }

  /** How many events of each direction the log holds. */
  directionCounts(): Readonly<Record<EventDirection, number>> {
    return { ...this.directionTotals };
  }

  /** How many events of each type the log holds. */
  typeCounts(): ReadonlyMap<string, number> {
    return new Map(this.typeNames.map((type, id) => [type, this.typeTotals[id]!]));
  }

  typeName(typeId: number): string {
    return this.typeNames[typeId]!;
  }

  get typeCount(): number {
    return this.typeNames.length;
  }

  /**
   * Calls `visit` for every event in [from, to) that passes `query`, in order; with a needle, only for
   * events whose search text contains it, found with one native string search per chunk.
   */
  scan(from: number, to: number, needle: string, query: ColumnQuery, visit: (index: number) => void): void {
    const agentId = query.agent === undefined ? -1 : this.agentNames.indexOf(query.agent) + 1;
    if (agentId === 0) return;
    const { directionMask, errorsOnly, turn, related } = query;
    for (let chunkIndex = Math.floor(from / CHUNK_SIZE); chunkIndex * CHUNK_SIZE < to && chunkIndex < this.chunks.length; chunkIndex += 1) {
      const chunk = this.chunks[chunkIndex]!;
      const base = chunkIndex * CHUNK_SIZE;
      const end = Math.min(to - base, chunk.length);
      const { typeIds, flags, turns, agentIds, itemIds, callIds } = chunk;
      const passes = (local: number): boolean => {
        const flag = flags[local]!;
        return (
          (directionMask & (1 << (flag & 3))) !== 0 &&
          query.typeShown(typeIds[local]!) &&
          (!errorsOnly || (flag & ERROR_BIT) !== 0) &&
          (turn === undefined || turns[local] === turn) &&
          (agentId === -1 || agentIds[local] === agentId) &&
          (related === undefined || itemIds[local] === related || callIds[local] === related)
        );
      };
      let local = Math.max(from - base, 0);
      if (needle === '') {
        for (; local < end; local += 1) if (passes(local)) visit(base + local);
        continue;
      }
      const text = chunk.searchable();
      const starts = chunk.searchStarts;
      for (let found = text.indexOf(needle, starts[local]); found !== -1 && local < end; found = text.indexOf(needle, starts[local])) {
        while (local < end && starts[local + 1]! <= found) local += 1;
        if (local >= end) break;
        if (passes(local)) visit(base + local);
        local += 1;
      }
    }
  }

  /** Builds the search text of every chunk not yet searchable (a search does this for the chunks it reaches). */
  indexForSearch(): void {
    for (const chunk of this.chunks) chunk.searchable();
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

/** What a scan keeps: each test is skipped when its field is undefined. */
export interface ColumnQuery {
  /** Bit 0 client, bit 1 server, bit 2 app. */
  readonly directionMask: number;
  readonly typeShown: (typeId: number) => boolean;
  readonly errorsOnly: boolean;
  readonly turn: number | undefined;
  readonly agent: string | undefined;
  /** An item or call id the event must be about. */
  readonly related: string | undefined;
}
