// The search worker: builds the search lines of the events the page sends it, off the main thread.
import { answerSearchTextRequest, type SearchTextRequest } from './searchText';

self.addEventListener('message', (event: MessageEvent<SearchTextRequest>) => {
  const reply = answerSearchTextRequest(event.data);
  // The line ends move rather than copy; the text is copied once, as any string is.
  self.postMessage(reply, { transfer: [reply.ends.buffer] });
});
