import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import { buildSearchLines } from './searchText';

/** Lines kept in one string: enough that a search is a few native string searches, few enough to join quickly. */
const LINES_PER_BLOCK = 4_096;

/** What the page asks of the search worker, for the log it numbered `log`. */
export type SearchIndexRequest =
  /** The log's next events, in order. */
  | { readonly kind: 'add'; readonly log: number; readonly events: readonly SessionEvent[] }
  /** The positions below `upTo` whose search line contains `needle` (already in search form). */
  | { readonly kind: 'search'; readonly log: number; readonly id: number; readonly needle: string; readonly upTo: number }
  /** The log is gone: drop its lines. */
  | { readonly kind: 'forget'; readonly log: number };

export interface SearchIndexReply {
  readonly id: number;
  /** Ascending log positions. */
  readonly matches: Uint32Array<ArrayBuffer>;
}

/** A run of consecutive lines: the text is joined from its pieces when first searched. */
interface Block {
  readonly first: number;
  text: string;
  pieces: string[];
  /** Where each line ends in the joined text. */
  ends: number[];
}

/** Joins the block's pieces into its text: searching a string made of pieces would copy them together first. */
function join(block: Block): void {
  if (block.pieces.length === 0) return;
  block.text = [block.text, ...block.pieces].join('');
  block.pieces = [];
}

/** The search lines of one log, in blocks. */
class IndexedLog {
  private readonly blocks: Block[] = [];
  private size = 0;

  add(events: readonly SessionEvent[]): void {
    let from = 0;
    while (from < events.length) {
      let block = this.blocks.at(-1);
      if (block === undefined || block.ends.length === LINES_PER_BLOCK) {
        block = { first: this.size, text: '', pieces: [], ends: [] };
        this.blocks.push(block);
      }
      const taken = events.slice(from, from + LINES_PER_BLOCK - block.ends.length);
      const lines = buildSearchLines(taken);
      const base = block.ends.at(-1) ?? 0;
      for (const end of lines.ends) block.ends.push(base + end);
      block.pieces.push(lines.text);
      // A full block is joined now, while no one waits: a search joins only the block still filling.
      if (block.ends.length === LINES_PER_BLOCK) join(block);
      this.size += taken.length;
      from += taken.length;
    }
  }

  search(needle: string, upTo: number): Uint32Array<ArrayBuffer> {
    const found: number[] = [];
    for (const block of this.blocks) {
      if (block.first >= upTo) break;
      join(block);
      const { text, ends, first } = block;
      const last = Math.min(ends.length, upTo - first);
      let line = 0;
      for (let at = text.indexOf(needle); at !== -1 && line < last; at = text.indexOf(needle, ends[line - 1] ?? 0)) {
        while (line < last && ends[line]! <= at) line += 1;
        if (line >= last) break;
        found.push(first + line);
        line += 1;
      }
    }
    return Uint32Array.from(found);
  }
}

/**
 * The search worker's whole job, kept apart from its message glue so it runs (and is tested) anywhere: it holds the
 * search text of every log the page inspects, so the page's heap holds none, and answers searches over it.
 */
export class SearchIndex {
  private readonly logs = new Map<number, IndexedLog>();

  handle(request: SearchIndexRequest): SearchIndexReply | undefined {
    switch (request.kind) {
      case 'add': {
        let log = this.logs.get(request.log);
        if (log === undefined) {
          log = new IndexedLog();
          this.logs.set(request.log, log);
        }
        log.add(request.events);
        return undefined;
      }
      case 'search':
        return { id: request.id, matches: this.logs.get(request.log)?.search(request.needle, request.upTo) ?? new Uint32Array(0) };
      case 'forget':
        this.logs.delete(request.log);
        return undefined;
    }
  }

  /** How many logs are held. */
  get logCount(): number {
    return this.logs.size;
  }
}
