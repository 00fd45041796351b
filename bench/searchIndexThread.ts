// The search worker's stand-in for the bench, in a Node worker thread: the page's worker runs the same index.
import { parentPort } from 'node:worker_threads';
import { SearchIndex, type SearchIndexRequest } from '../src-renderer/src/engine/events/searchIndex';

const index = new SearchIndex();
parentPort!.on('message', (request: SearchIndexRequest) => {
  const reply = index.handle(request);
  if (reply !== undefined) parentPort!.postMessage(reply, [reply.matches.buffer]);
});
