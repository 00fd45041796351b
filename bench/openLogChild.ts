// One way of opening a saved log, in a process of its own so its peak memory is its own. Prints JSON.
// Usage: tsx bench/openLogChild.ts streaming|read-all FILE
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import type { SessionEvent } from '../src-shared/sessionEvent';
import { parseLogLine } from '../src-shared/sessionLog';
import { emptyTranscript } from '../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../src-shared/transcript/transcriptReducer';
import { openLog } from '../src-main/services/sessionLog/sessionLogReader';
import { EventLog } from '../src-renderer/src/engine/events/eventLog';

const [mode, file] = process.argv.slice(2);
let peakHeap = process.memoryUsage().heapUsed;
const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed)), 5);
const baseHeap = process.memoryUsage().heapUsed;
const started = performance.now();
let firstPaintMs = 0;
const held = new EventLog();
let transcript = emptyTranscript();

if (mode === 'streaming') {
  // The app's way: the reader hands over a chunk at a time; the first chunk is on screen at once.
  const log = await openLog(file!);
  for (;;) {
    const chunk = await log.next(5_000);
    held.append(chunk.events);
    transcript = reduceTranscript(transcript, chunk.events);
    if (firstPaintMs === 0) firstPaintMs = performance.now() - started;
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
    if (chunk.done) break;
  }
} else {
  // The baseline: read the whole file, split it, parse every line, then show anything.
  const lines = (await readFile(file!, 'utf8')).split('\n');
  const events: SessionEvent[] = [];
  for (const line of lines) {
    const parsed = line === '' ? undefined : parseLogLine(line);
    if (parsed?.kind === 'event') events.push(parsed.event);
  }
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  held.append(events);
  transcript = reduceTranscript(transcript, events);
  firstPaintMs = performance.now() - started;
}
peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
clearInterval(sampler);
console.log(JSON.stringify({ firstPaintMs, peakHeapMiB: (peakHeap - baseHeap) / 1048576, events: held.length, entries: transcript.entries.length }));
