// The first search of a long session as a person types it: the search text built and searched in a worker thread,
// as the events arrived (the page's search worker, in Node), against the lazy build the first search used to do itself.
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import type { SessionEvent } from '../src-shared/sessionEvent';
import { EventLog } from '../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter } from '../src-renderer/src/engine/events/eventFilter';
import type { SearchIndexReply } from '../src-renderer/src/engine/events/searchIndex';
import { SearchIndexChannel } from '../src-renderer/src/engine/events/searchIndexClient';

/** A type name, typed one key at a time; each key is a fresh search of the whole log, as in the inspector. */
const TYPED = 'session.started';

export interface FirstSearchFigures {
  /** The first key's search, and the slowest of the keys after it. */
  readonly firstMs: number;
  readonly laterMs: number;
}

/** Each key from typed to rows, the search worker's answer awaited where it is asked. */
async function typeInto(log: EventLog): Promise<FirstSearchFigures> {
  const times: number[] = [];
  for (let length = 1; length <= TYPED.length; length += 1) {
    const started = performance.now();
    const filter = new IncrementalFilter(log, { ...defaultFilter, text: TYPED.slice(0, length) });
    await filter.searched;
    if (filter.update(log.length).searching) throw new Error('The search worker had not answered.');
    times.push(performance.now() - started);
  }
  return { firstMs: times[0]!, laterMs: Math.max(...times.slice(1)) };
}

function arrive(log: EventLog, events: readonly SessionEvent[], batch: number): void {
  for (let index = 0; index < events.length; index += batch) log.append(events.slice(index, index + batch));
}

/** With the search text built in the worker as events arrive `batch` at a time, and then typed into. */
export async function firstSearchBuiltAhead(events: readonly SessionEvent[], batch: number): Promise<FirstSearchFigures> {
  // A worker thread starts without tsx's loader (Node 20 refuses a .ts entry), so it registers it before loading the script.
  const script = JSON.stringify(new URL('./searchIndexThread.ts', import.meta.url).href);
  const thread = new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${script}); })`, { eval: true });
  try {
    const channel = new SearchIndexChannel((request) => thread.postMessage(request));
    thread.on('message', (reply: SearchIndexReply) => channel.receive(reply));
    const log = new EventLog();
    log.indexInWorker(channel);
    arrive(log, events, batch);
    // The worker has caught up when it answers a search: messages are handled in order.
    await new IncrementalFilter(log, { ...defaultFilter, text: 'caught up' }).searched;
    return await typeInto(log);
  } finally {
    await thread.terminate();
  }
}

/** As before: nothing built until the first search reaches each chunk. */
export async function firstSearchBuiltLazily(events: readonly SessionEvent[], batch: number): Promise<FirstSearchFigures> {
  const log = new EventLog();
  arrive(log, events, batch);
  return typeInto(log);
}
