import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { SearchLines, SearchTextReply, SearchTextRequest } from './searchText';

/** Builds search lines away from the caller's thread: `done` is called later, in request order, or never if it failed. */
export interface SearchTextBuilder {
  build(events: readonly SessionEvent[], done: (lines: SearchLines) => void): void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The page's end of a search worker: numbers each request and hands its reply to whoever asked. Once the
 * worker fails it is asked nothing more, and what it never answered is built on the main thread when searched.
 */
export class SearchTextChannel implements SearchTextBuilder {
  private nextId = 0;
  private readonly waiting = new Map<number, (lines: SearchLines) => void>();
  private failure: string | undefined;

  constructor(private readonly post: (request: SearchTextRequest) => void) {}

  /** Requests sent and not answered yet. */
  get pending(): number {
    return this.waiting.size;
  }

  build(events: readonly SessionEvent[], done: (lines: SearchLines) => void): void {
    if (this.failure !== undefined) return;
    const id = this.nextId;
    this.nextId += 1;
    this.waiting.set(id, done);
    try {
      this.post({ id, events });
    } catch (error) {
      this.fail(`the events could not be sent to the search worker (${messageOf(error)})`);
    }
  }

  receive(reply: SearchTextReply): void {
    const done = this.waiting.get(reply.id);
    this.waiting.delete(reply.id);
    done?.(reply);
  }

  fail(reason: string): void {
    if (this.failure !== undefined) return;
    this.failure = reason;
    this.waiting.clear();
    console.warn(`Event search now builds its text on the main thread, which makes a first search over a long session slower: ${reason}.`);
  }
}

/**
 * One search worker for the page, started by the first request rather than at import. It keeps nothing of any
 * session (each request carries its events), so sessions share it; one per session would outlive its session.
 */
let pageChannel: SearchTextChannel | undefined;

function startPageWorker(): SearchTextChannel {
  let worker: Worker | undefined;
  const channel = new SearchTextChannel((request) => worker?.postMessage(request));
  try {
    worker = new Worker(new URL('./searchText.worker.ts', import.meta.url), { type: 'module' });
  } catch (error) {
    channel.fail(`the search worker could not start (${messageOf(error)})`);
    return channel;
  }
  worker.addEventListener('message', (event: MessageEvent<SearchTextReply>) => channel.receive(event.data));
  worker.addEventListener('error', (event) => channel.fail(`the search worker stopped (${event.message || 'its script could not be loaded'})`));
  return channel;
}

/** The page's search worker, or undefined where there are no workers (Node), where logs build their text when searched. */
export function pageSearchTextBuilder(): SearchTextBuilder | undefined {
  if (typeof Worker !== 'function') return undefined;
  return { build: (events, done) => (pageChannel ??= startPageWorker()).build(events, done) };
}
