// `npm run bench`: the figures the session-log work is held to, one line each:
//   bench <name>: <value> <unit> (baseline <value> <unit>)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { PersistentList } from '../src-shared/persistentList';
import { sanitizePayload, type SessionEvent } from '../src-shared/sessionEvent';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, toLogLine, type SessionLogHeader } from '../src-shared/sessionLog';
import { emptyTranscript, type TranscriptState } from '../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../src-shared/transcript/transcriptReducer';
import { scenarioSchema } from '../src-shared/scenario';
import { readFileSync } from 'node:fs';
import { EventLog } from '../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter } from '../src-renderer/src/engine/events/eventFilter';
import { EventAnnotator } from '../src-shared/eventAnnotations';
import { summarizeEvent } from '../src-shared/eventSummary';
import { firstSearchBuiltAhead, firstSearchBuiltLazily } from './firstSearch';
import { timeListRenders } from './renderList';
import { EAGER_RENDERER, SPLIT_RENDERER, buildBothRenderers, firstChunkBytes } from './rendererChunks';
import { syntheticSession } from './syntheticSession';
import { SCENARIO_TESTS, timeScenarioTests } from './scenarioTests';

const EVENTS = 200_000;
/** Events per animation frame: a busy live session's worth. */
const BATCH = 20;

function line(name: string, value: number, unit: string, baseline: number, digits = 0): void {
  console.log(`bench ${name}: ${value.toFixed(digits)} ${unit} (baseline ${baseline.toFixed(digits)} ${unit})`);
}

/** The store and reducers as they are now: append to chunks, fold the batch into a persistent transcript. */
function ingestNow(events: readonly SessionEvent[]): number {
  const log = new EventLog();
  let state = emptyTranscript();
  const started = performance.now();
  for (let index = 0; index < events.length; index += BATCH) {
    const batch = events.slice(index, index + BATCH).map((event) => ({ ...event, payload: sanitizePayload(event.type, event.payload) }));
    log.append(batch);
    state = reduceTranscript(state, batch);
  }
  return events.length / ((performance.now() - started) / 1000);
}

/**
 * The approach before this change, at its cost per batch: the whole event array copied (and capped at
 * 20,000), and the transcript's entries and index copied and rebuilt before the batch is folded.
 */
function ingestBefore(events: readonly SessionEvent[]): number {
  let stored: readonly SessionEvent[] = [];
  let state: TranscriptState = emptyTranscript();
  const started = performance.now();
  for (let index = 0; index < events.length; index += BATCH) {
    const batch = events.slice(index, index + BATCH).map((event) => ({ ...event, payload: sanitizePayload(event.type, event.payload) }));
    const all = [...stored, ...batch];
    stored = all.length > 20_000 ? all.slice(all.length - 20_000) : all;
    const entries = state.entries.toArray();
    const copied: TranscriptState = { ...state, entries: PersistentList.of(entries), index: new Map(), indexSize: -1 };
    state = reduceTranscript(copied, batch);
  }
  return events.length / ((performance.now() - started) / 1000);
}

const events = syntheticSession(EVENTS);
line('ingest 200000 events', ingestNow(events), 'events/s', ingestBefore(events));

const log = new EventLog();
log.append(events);
const SEARCHES = ['delta', 'question 199', 'lookuporders', 'no such thing'];

/** The slowest of a few runs of `work`, in ms: each is what one keystroke or one click on a chip costs. */
function slowest(runs: readonly (() => unknown)[]): number {
  let worst = 0;
  for (const run of runs) {
    const started = performance.now();
    run();
    worst = Math.max(worst, performance.now() - started);
  }
  return worst;
}

// Filtering: a type chip (include), a direction and an agent, over the whole session, as a fresh filter.
const chip = {
  ...defaultFilter,
  includeTypes: new Set(['response.output_audio_transcript.delta']),
  directions: new Set(['server'] as const),
  fold: false,
};
const filterNow = slowest([
  () => new IncrementalFilter(log, chip).update(log.length),
  () => new IncrementalFilter(log, { ...defaultFilter, excludeTypes: new Set(['response.output_audio_transcript.delta']) }).update(log.length),
  () => new IncrementalFilter(log, { ...defaultFilter, turn: 100 }).update(log.length),
]);
const filterPlain = slowest([
  () => events.filter((event) => event.direction === 'server' && event.type === 'response.output_audio_transcript.delta'),
  () => events.filter((event) => event.type !== 'response.output_audio_transcript.delta'),
  () => {
    // A plain scan has no turn index: it must walk the stream counting user turns, as the annotator does once.
    const annotator = new EventAnnotator();
    return events.filter((event) => annotator.annotate(event).turn === 100);
  },
]);
line('filter 200000 events (type chips, direction, turn)', filterNow, 'ms', filterPlain, 1);

// Searching: type, summary and the payload's JSON, case-insensitively, one fresh scan per keystroke. The
// inspector builds the search text of each chunk on the first search that reaches it; that build is timed on its own.
const indexStarted = performance.now();
log.indexForSearch();
const indexMs = performance.now() - indexStarted;
const searchNow = slowest(SEARCHES.map((text) => () => new IncrementalFilter(log, { ...defaultFilter, text }).update(log.length)));
const searchPlain = slowest(
  SEARCHES.map(
    (text) => () => events.filter((event) => `${event.type} ${summarizeEvent(event)} ${JSON.stringify(event.payload)}`.toLowerCase().includes(text)),
  ),
);
line('search 200000 events (types, summaries and payloads)', searchNow, 'ms', searchPlain, 1);
console.log(`bench search text built by the first search of 200000 events: ${indexMs.toFixed(0)} ms`);

// The first search as typed into a live session's inspector: the first key of a type name, over the events as they
// arrived, with their search text built and searched in a worker thread (the page's search worker, in Node) against the lazy
// build of before. The median of three sessions each.
const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ahead: number[] = [];
const lazily: number[] = [];
const later: number[] = [];
for (let run = 0; run < 3; run += 1) {
  const built = await firstSearchBuiltAhead(events, BATCH);
  ahead.push(built.firstMs);
  later.push(built.laterMs);
  lazily.push((await firstSearchBuiltLazily(events, BATCH)).firstMs);
}
line('first search over 200000 events, as typed', median(ahead), 'ms', median(lazily), 1);
console.log(`bench the keys after the first, slowest: ${median(later).toFixed(1)} ms`);

const render = await timeListRenders(10_000);
line('render 10000 events (virtualised list)', render.virtualisedMs, 'ms', render.plainMs, 1);
console.log(`bench rows in the DOM for 10000 events: ${render.virtualisedDomRows} virtualised, ${render.plainDomRows} plain`);

const folder = mkdtempSync(join(tmpdir(), 'workbench-bench-'));
try {
  const scenario = scenarioSchema.parse(JSON.parse(readFileSync('agent-configs/chatSupervisor.json', 'utf8')));
  const header: SessionLogHeader = {
    record: 'header',
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    sessionId: 'bench',
    appVersion: 'bench',
    startedAt: new Date(0).toISOString(),
    scenario,
    models: { realtime: 'gpt-realtime', supervisor: 'gpt-4.1', escalation: 'o4-mini', guardrail: 'gpt-4.1-mini' },
    setup: { startAgent: 'chatAgent', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' },
    audio: null,
  };
  const file = join(folder, 'long.jsonl');
  writeFileSync(file, [toLogLine(header), ...events.map(toLogLine)].join(''));
  const open = (mode: string) =>
    JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', 'bench/openLogChild.ts', mode, file], { encoding: 'utf8' })) as {
      firstPaintMs: number;
      peakHeapMiB: number;
    };
  const streaming = open('streaming');
  const readAll = open('read-all');
  line('first paint opening a 200000-event log', streaming.firstPaintMs, 'ms', readAll.firstPaintMs);
  line('peak memory opening a 200000-event log', streaming.peakHeapMiB, 'MiB', readAll.peakHeapMiB, 1);
} finally {
  rmSync(folder, { recursive: true, force: true });
}

buildBothRenderers();
line('renderer first chunk', firstChunkBytes(SPLIT_RENDERER) / 1024, 'KiB', firstChunkBytes(EAGER_RENDERER) / 1024);
const [split, eager] = JSON.parse(
  execFileSync(process.execPath, ['--import', 'tsx', 'bench/startupChild.ts', SPLIT_RENDERER, EAGER_RENDERER], { encoding: 'utf8' }),
) as number[];
line('startup to interactive', split!, 'ms', eager!);

const suite = await timeScenarioTests(4);
line(`scenario tests, ${SCENARIO_TESTS} tests against the fake`, suite.concurrent, 's', suite.serial, 1);
