import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { syntheticSession } from '../../../bench/syntheticSession';
import { EventLog } from '../../../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter, type EventFilter } from '../../../src-renderer/src/engine/events/eventFilter';
import { answerSearchTextRequest, searchTextOf, type SearchTextRequest } from '../../../src-renderer/src/engine/events/searchText';
import { SearchTextChannel } from '../../../src-renderer/src/engine/events/searchTextWorker';

const events = syntheticSession(12_000);
const NEEDLES = ['question 2', 'a299', 'response.done', '"output_tokens":80', 'word word', 'nothing like this'];

/**
 * The search worker as the page talks to it, answering only when told: requests are copied as a message would be,
 * and answered in order by the worker's own function. `mark` adds a word to every line it builds, so a search can
 * tell the worker's lines from the main thread's.
 */
function workerStandIn(mark?: string) {
  const requests: SearchTextRequest[] = [];
  const channel = new SearchTextChannel((request) => requests.push(structuredClone(request)));
  const answer = (request: SearchTextRequest) => {
    if (mark === undefined) return answerSearchTextRequest(request);
    const lines = request.events.map((event) => `${searchTextOf(event)} ${mark}\n`);
    const ends = new Uint32Array(lines.length);
    lines.reduce((at, line, index) => (ends[index] = at + line.length), 0);
    return { id: request.id, text: lines.join(''), ends };
  };
  return {
    channel,
    /** Answers every request sent so far. */
    answerAll(): void {
      for (const request of requests.splice(0)) channel.receive(answer(request));
    },
  };
}

function seqsOf(log: EventLog, change: Partial<EventFilter>): number[] {
  const rows = new IncrementalFilter(log, { ...defaultFilter, fold: false, ...change }).update(log.length);
  return rows.indices.slice(0, rows.length).map((index) => log.at(index)!.seq);
}

/** What a search finds when every line is built on the main thread, as in a log no one inspects. */
function mainThreadSeqs(upTo: number, text: string): number[] {
  const log = new EventLog();
  log.append(events.slice(0, upTo));
  return seqsOf(log, { text });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, index) => from + index);

describe('search text built ahead by the search worker', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds with the worker’s text exactly what it finds with text built on the main thread, across chunks and pieces', () => {
    const worker = workerStandIn();
    const log = new EventLog();
    log.buildSearchTextAhead(worker.channel);
    const filters = NEEDLES.map((text) => new IncrementalFilter(log, { ...defaultFilter, fold: false, text }));
    // Uneven pieces, answered every other piece, so searches meet chunks built by the worker, here, and half of each.
    for (let at = 0, step = 1, piece = 0; at < events.length; at += step, step = (step * 7) % 3001, piece += 1) {
      log.append(events.slice(at, at + step));
      if (piece % 2 === 0) worker.answerAll();
      for (const filter of filters) filter.update(log.length);
    }
    worker.answerAll();
    expect(worker.channel.pending).toBe(0);
    NEEDLES.forEach((text, index) => {
      const rows = filters[index]!.update(log.length);
      expect(rows.indices.slice(0, rows.length)).toEqual(mainThreadSeqs(events.length, text));
      expect(seqsOf(log, { text })).toEqual(mainThreadSeqs(events.length, text));
    });
  });

  it('reads the worker’s lines for the events it answered and builds only the short unsent tail itself', () => {
    const worker = workerStandIn('from-worker');
    const log = new EventLog();
    log.append(events.slice(0, 5_000));
    log.buildSearchTextAhead(worker.channel);
    worker.answerAll();
    // A hundred more: too few to send yet, so a search builds their lines here.
    log.append(events.slice(5_000, 5_100));
    expect(seqsOf(log, { text: 'from-worker' })).toEqual(range(0, 5_000));
    expect(seqsOf(log, { text: 'question 2' })).toEqual(mainThreadSeqs(5_100, 'question 2'));
  });

  it('answers a search issued before the worker has, completely, and takes no late line twice', () => {
    const worker = workerStandIn('from-worker');
    const log = new EventLog();
    log.buildSearchTextAhead(worker.channel);
    for (let at = 0; at < 5_000; at += 300) log.append(events.slice(at, Math.min(at + 300, 5_000)));
    expect(worker.channel.pending).toBeGreaterThan(1);
    // Searched before any answer: every line is built here, and the worker's late answers for them are dropped.
    expect(seqsOf(log, { text: 'question 1' })).toEqual(mainThreadSeqs(5_000, 'question 1'));
    worker.answerAll();
    expect(seqsOf(log, { text: 'from-worker' })).toEqual([]);
    // What arrives next is sent on from where the main thread stopped, and the worker's lines are used.
    log.append(events.slice(5_000, 10_000));
    worker.answerAll();
    expect(seqsOf(log, { text: 'from-worker' })).toEqual(range(5_000, 10_000));
    for (const text of NEEDLES) expect(seqsOf(log, { text })).toEqual(mainThreadSeqs(10_000, text));
  });

  it('keeps every search complete when the worker fails, saying that search got slower', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const worker = workerStandIn();
    const log = new EventLog();
    log.buildSearchTextAhead(worker.channel);
    log.append(events.slice(0, 6_000));
    worker.channel.fail('the search worker stopped (test)');
    worker.answerAll();
    log.append(events.slice(6_000));
    for (const text of NEEDLES) expect(seqsOf(log, { text })).toEqual(mainThreadSeqs(events.length, text));
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toContain('the search worker stopped (test)');
  });

  it('never sends an event twice, nor one a search already built, and sends nothing for a log no one inspects', () => {
    const sent: SessionEvent[] = [];
    const channel = new SearchTextChannel((request) => sent.push(...request.events));
    const uninspected = new EventLog();
    uninspected.append(events);
    const log = new EventLog();
    log.append(events.slice(0, 1_000));
    seqsOf(log, { text: 'question' });
    log.buildSearchTextAhead(channel);
    for (let at = 1_000; at < events.length; at += 20) log.append(events.slice(at, at + 20));
    const seqs = sent.map((event) => event.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(Math.min(...seqs)).toBe(1_000);
    expect(seqs.length).toBeGreaterThan(events.length - 1_000 - 256);
  });
});
