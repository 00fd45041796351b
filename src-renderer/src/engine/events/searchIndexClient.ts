import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { SearchIndexReply, SearchIndexRequest } from './searchIndex';

/** Where a log's search text is held and searched, away from the page's main thread. */
export interface SearchIndexPort {
  /** Once failed, it is asked nothing more, and logs search on the main thread. */
  readonly failed: boolean;
  /** A number for a new log, unique for this port. */
  register(): number;
  /** The log's next events, in order. */
  add(log: number, events: readonly SessionEvent[]): void;
  /** Ascending positions below `upTo` whose search line contains `needle`; undefined if the index failed first. */
  search(log: number, needle: string, upTo: number): Promise<Uint32Array | undefined>;
  forget(log: number): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The page's end of a search worker: numbers each search and hands its answer to whoever asked. Once the worker
 * fails it is asked nothing more, every search waiting is answered with undefined, and logs search on the main thread.
 */
export class SearchIndexChannel implements SearchIndexPort {
  private nextLog = 0;
  private nextSearch = 0;
  private readonly waiting = new Map<number, (matches: Uint32Array | undefined) => void>();
  private failure: string | undefined;

  constructor(private readonly post: (request: SearchIndexRequest) => void) {}

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** Searches sent and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  register(): number {
    this.nextLog += 1;
    return this.nextLog;
  }

  add(log: number, events: readonly SessionEvent[]): void {
    this.send({ kind: 'add', log, events });
  }

  search(log: number, needle: string, upTo: number): Promise<Uint32Array | undefined> {
    if (this.failed) return Promise.resolve(undefined);
    const id = this.nextSearch;
    this.nextSearch += 1;
    const answered = new Promise<Uint32Array | undefined>((resolve) => this.waiting.set(id, resolve));
    this.send({ kind: 'search', log, id, needle, upTo });
    return answered;
  }

  forget(log: number): void {
    this.send({ kind: 'forget', log });
  }

  receive(reply: SearchIndexReply): void {
    const answer = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    answer?.(reply.matches);
  }

  fail(reason: string): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    for (const answer of this.waiting.values()) answer(undefined);
    this.waiting.clear();
    console.warn(`Event search now runs on the main thread, which makes a first search over a long session slower: ${reason}.`);
  }

  private send(request: SearchIndexRequest): void {
    if (this.failed) return;
    try {
      this.post(request);
    } catch (error) {
      this.fail(`a request could not be sent to the search worker (${messageOf(error)})`);
    }
  }
}

/**
 * One search worker for the page, started by the first log inspected rather than at import. It holds the search
 * text of every inspected log, each dropped when its log is (see `EventLog.indexInWorker`).
 */
let pageChannel: SearchIndexChannel | undefined;

function startPageWorker(): SearchIndexChannel {
  let worker: Worker | undefined;
  const channel = new SearchIndexChannel((request) => worker?.postMessage(request));
  try {
    worker = new Worker(new URL('./searchIndex.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    channel.fail(`the search worker could not start (${messageOf(error)})`);
    return channel;
  }
  worker.addEventListener('message', (event: MessageEvent<SearchIndexReply>) => channel.receive(event.data));
  worker.addEventListener('error', (event) => channel.fail(`the search worker stopped (${event.message || 'its script could not be loaded'})`));
  return channel;
}

/** The page's search worker, or undefined where there are no workers (Node), where logs search on the main thread. */
export function pageSearchIndex(): SearchIndexPort | undefined {
  if (typeof Worker !== 'function') return undefined;
  return (pageChannel ??= startPageWorker());
}
