// The search worker's stand-in for the bench, in a Node worker thread: the page's worker runs the same function.
import { parentPort } from 'node:worker_threads';
import { answerSearchTextRequest, type SearchTextRequest } from '../src-renderer/src/engine/events/searchText';

parentPort!.on('message', (request: SearchTextRequest) => {
  const reply = answerSearchTextRequest(request);
  parentPort!.postMessage(reply, [reply.ends.buffer]);
});
