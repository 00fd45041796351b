import { EventAnnotator, type EventAnnotation } from '../../../../src-shared/eventAnnotations';
import { isErrorEvent, seconds, summarizeEvent } from '../../../../src-shared/eventSummary';
import type { EventDirection, SessionEvent } from '../../../../src-shared/sessionEvent';
import { buildSearchLines, searchTextOf } from './searchText';
import { pageSearchIndex, type SearchIndexPort } from './searchIndexClient';
import { SharedStrings } from './sharedStrings';

const CHUNK_SIZE = 4_096;
/** Events sent to the search worker at a time (a search sends the rest): a few hundred make few messages. */
const INDEX_SEGMENT = 256;

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
   * The search text of every event, one line each, built here on the main thread by the first search that reaches
   * the chunk, and then as events arrive, for a log searched without the search worker (no workers, or it failed).
   * A log searched with the worker holds no search text here.
   */
  private searchText = '';
  /** Where each event's line starts in the search text; one more entry than events covered. */
  readonly searchStarts = new Uint32Array(CHUNK_SIZE + 1);
  private searchCovered = 0;

  get length(): number {
    return this.events.length;
  }

  get searchTextLength(): number {
    return this.searchText.length;
  }

  /** The search text of every event now in the chunk. */
  searchable(): string {
    const covered = this.searchCovered;
    if (covered === this.events.length) return this.searchText;
    const lines = buildSearchLines(this.events.slice(covered));
    const base = this.searchStarts[covered]!;
    for (let line = 0; line < lines.ends.length; line += 1) this.searchStarts[covered + line + 1] = base + lines.ends[line]!;
    this.searchText = covered === 0 ? lines.text : this.searchText + lines.text;
    this.searchCovered = this.events.length;
    return this.searchText;
  }
}

/** Tells the search worker to drop a log's text once the log itself is gone. */
const forgetWhenCollected =
  typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry<{ port: SearchIndexPort; log: number }>(({ port, log }) => port.forget(log))
    : undefined;

/** A search answered by the search worker: the matching positions below `upTo`. */
export interface IndexedMatches {
  readonly matches: Uint32Array;
  readonly upTo: number;
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
  private index: { readonly port: SearchIndexPort; readonly log: number } | undefined;
  /** Events before this position have been sent to the search worker. */
  private sentToIndex = 0;

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
    this.sendToIndex(false);
  }

  /**
   * Hands the log's search to `port` (the page's search worker by default): it builds and holds every event's
   * search text as events arrive, off the main thread and out of the page's heap, and answers searches over it
   * (`searchIndexed`), so the first search costs what later ones do. Without a port, or once it fails, a search
   * builds the text here, on the main thread.
   */
  indexInWorker(port: SearchIndexPort | undefined = pageSearchIndex()): void {
    if (this.index !== undefined || port === undefined || port.failed) return;
    this.index = { port, log: port.register() };
    forgetWhenCollected?.register(this, this.index);
    this.sendToIndex(false);
  }

  /** How many characters of search text the page holds: none for a log the search worker indexes. */
  get searchTextHeld(): number {
    return this.chunks.reduce((sum, chunk) => sum + chunk.searchTextLength, 0);
  }

  /** Whether searches are answered by the search worker. */
  get indexed(): boolean {
    return this.index !== undefined && !this.index.port.failed;
  }

  private sendToIndex(all: boolean): void {
    const index = this.index;
    if (index === undefined) return;
    const unsent = this.size - this.sentToIndex;
    if (unsent === 0 || (!all && unsent < INDEX_SEGMENT)) return;
    index.port.add(index.log, this.slice(this.sentToIndex));
    this.sentToIndex = this.size;
  }

  /**
   * The positions of every event held now whose search text contains `needle`, from the search worker; undefined
   * when the log is not indexed, or the worker failed (search with `scan` then).
   */
  async searchIndexed(needle: string): Promise<IndexedMatches | undefined> {
    if (!this.indexed) return undefined;
    this.sendToIndex(true);
    const upTo = this.size;
    const matches = await this.index!.port.search(this.index!.log, needle, upTo);
    return matches === undefined ? undefined : { matches, upTo };
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

  /** A test of the columns `query` reads, for a chunk and a position in it; undefined when nothing can pass. */
  private columnTest(query: ColumnQuery): ((chunk: Chunk, local: number) => boolean) | undefined {
    const agentId = query.agent === undefined ? -1 : this.agentNames.indexOf(query.agent) + 1;
    if (agentId === 0) return undefined;
    const { directionMask, errorsOnly, turn, related } = query;
    return (chunk, local) => {
      const flag = chunk.flags[local]!;
      return (
        (directionMask & (1 << (flag & 3))) !== 0 &&
        query.typeShown(chunk.typeIds[local]!) &&
        (!errorsOnly || (flag & ERROR_BIT) !== 0) &&
        (turn === undefined || chunk.turns[local] === turn) &&
        (agentId === -1 || chunk.agentIds[local] === agentId) &&
        (related === undefined || chunk.itemIds[local] === related || chunk.callIds[local] === related)
      );
    };
  }

  /**
   * Calls `visit` for every event in [from, to) that passes `query`, in order; with a needle, only for
   * events whose search text contains it, found with one native string search per chunk (the text built
   * here, on the main thread: `searchIndexed` asks the search worker instead).
   */
  scan(from: number, to: number, needle: string, query: ColumnQuery, visit: (index: number) => void): void {
    const passes = this.columnTest(query);
    if (passes === undefined) return;
    for (let chunkIndex = Math.floor(from / CHUNK_SIZE); chunkIndex * CHUNK_SIZE < to && chunkIndex < this.chunks.length; chunkIndex += 1) {
      const chunk = this.chunks[chunkIndex]!;
      const base = chunkIndex * CHUNK_SIZE;
      const end = Math.min(to - base, chunk.length);
      let local = Math.max(from - base, 0);
      if (needle === '') {
        for (; local < end; local += 1) if (passes(chunk, local)) visit(base + local);
        continue;
      }
      const text = chunk.searchable();
      const starts = chunk.searchStarts;
      for (let found = text.indexOf(needle, starts[local]); found !== -1 && local < end; found = text.indexOf(needle, starts[local])) {
        while (local < end && starts[local + 1]! <= found) local += 1;
        if (local >= end) break;
        if (passes(chunk, local)) visit(base + local);
        local += 1;
      }
    }
  }

  /** Calls `visit` for every position of `positions` (ascending, as the search worker answers) in [from, to) that passes `query`. */
  scanPositions(positions: Uint32Array, from: number, to: number, query: ColumnQuery, visit: (index: number) => void): void {
    const passes = this.columnTest(query);
    if (passes === undefined) return;
    for (const index of positions) {
      if (index < from) continue;
      if (index >= to) break;
      if (passes(this.chunks[Math.floor(index / CHUNK_SIZE)]!, index % CHUNK_SIZE)) visit(index);
    }
  }

  /**
   * Calls `visit` for every event in [from, to) that passes `query` and whose search text contains `needle`, the
   * text built for the moment and not kept: for the few events that arrive after the search worker answered.
   */
  scanUnkept(from: number, to: number, needle: string, query: ColumnQuery, visit: (index: number) => void): void {
    const passes = this.columnTest(query);
    if (passes === undefined) return;
    for (let index = from; index < Math.min(to, this.size); index += 1) {
      const chunk = this.chunks[Math.floor(index / CHUNK_SIZE)]!;
      const local = index % CHUNK_SIZE;
      if (passes(chunk, local) && searchTextOf(chunk.events[local]!).includes(needle)) visit(index);
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
