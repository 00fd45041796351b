// The search worker: holds the search text of the logs the page inspects, and searches it, off the main thread.
import { SearchIndex, type SearchIndexRequest } from './searchIndex';

const index = new SearchIndex();

self.addEventListener('message', (event: MessageEvent<SearchIndexRequest>) => {
  const reply = index.handle(event.data);
  // The matches move rather than copy.
  if (reply !== undefined) self.postMessage(reply, { transfer: [reply.matches.buffer] });
});
