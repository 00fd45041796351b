import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { syntheticSession } from '../../../bench/syntheticSession';
import { EventLog } from '../../../src-renderer/src/engine/events/eventLog';
import { IncrementalFilter, defaultFilter, type EventFilter } from '../../../src-renderer/src/engine/events/eventFilter';
import { SearchIndex, type SearchIndexRequest } from '../../../src-renderer/src/engine/events/searchIndex';
import { SearchIndexChannel } from '../../../src-renderer/src/engine/events/searchIndexClient';
import { searchTextOf } from '../../../src-renderer/src/engine/events/searchText';

const events = syntheticSession(12_000);
const NEEDLES = ['question 2', 'a299', 'response.done', '"output_tokens":80', 'word word', 'nothing like this'];

/** The search worker as the page talks to it, answering only when told: requests are copied as a message would be. */
function workerStandIn() {
  const requests: SearchIndexRequest[] = [];
  const index = new SearchIndex();
  const channel = new SearchIndexChannel((request) => requests.push(structuredClone(request)));
  return {
    channel,
    index,
    requests,
    /** Answers every request sent so far, in order. */
    answerAll(): void {
      for (const request of requests.splice(0)) {
        const reply = index.handle(request);
        if (reply !== undefined) channel.receive(structuredClone(reply));
      }
    },
  };
}

const filterOf = (change: Partial<EventFilter>): EventFilter => ({ ...defaultFilter, fold: false, ...change });

function seqsOfRows(log: EventLog, filter: IncrementalFilter): number[] {
  const rows = filter.update(log.length);
  expect(rows.searching).toBe(false);
  return rows.indices.slice(0, rows.length).map((index) => log.at(index)!.seq);
}

/** What a search finds with every line built on the main thread, as in a log the worker does not index. */
function mainThreadSeqs(upTo: number, text: string, change: Partial<EventFilter> = {}): number[] {
  const log = new EventLog();
  log.append(events.slice(0, upTo));
  return seqsOfRows(log, new IncrementalFilter(log, filterOf({ text, ...change })));
}

/** What a plain reading of every event finds. */
const plainSeqs = (upTo: number, text: string) => events.slice(0, upTo).flatMap((event) => (searchTextOf(event).includes(text) ? [event.seq] : []));

describe('search answered by the search worker', () => {
  afterEach(() => vi.restoreAllMocks());

  it('finds exactly what a search on the main thread finds, across chunks and blocks, and the page holds no search text', async () => {
    const worker = workerStandIn();
    const log = new EventLog();
    log.indexInWorker(worker.channel);
    for (let at = 0, step = 1; at < events.length; at += step, step = (step * 7) % 3001) log.append(events.slice(at, at + step));
    for (const text of NEEDLES) {
      const filter = new IncrementalFilter(log, filterOf({ text }));
      // No rows until the worker answers, and the rows say why.
      const waiting = filter.update(log.length);
      expect(waiting.searching).toBe(true);
      expect(waiting.length).toBe(0);
      worker.answerAll();
      await filter.searched;
      const found = seqsOfRows(log, filter);
      expect(found).toEqual(mainThreadSeqs(events.length, text));
      expect(found).toEqual(plainSeqs(events.length, text));
    }
    expect(plainSeqs(events.length, 'question 2').length).toBeGreaterThan(10);
    expect(log.searchTextHeld).toBe(0);
  });

  it('combines the worker’s answer with the other filters, and tests events that arrive after it here', async () => {
    const worker = workerStandIn();
    const log = new EventLog();
    log.indexInWorker(worker.channel);
    log.append(events.slice(0, 6_000));
    const change = { text: 'response', directions: new Set(['server'] as const) };
    const filter = new IncrementalFilter(log, filterOf(change));
    worker.answerAll();
    await filter.searched;
    expect(seqsOfRows(log, filter)).toEqual(mainThreadSeqs(6_000, 'response', change));
    // Live events after the answer: too few to send yet, tested here without keeping their text.
    for (let at = 6_000; at < 6_300; at += 30) {
      log.append(events.slice(at, at + 30));
      filter.update(log.length);
    }
    expect(seqsOfRows(log, filter)).toEqual(mainThreadSeqs(6_300, 'response', change));
    expect(log.searchTextHeld).toBe(0);
  });

  it('sends every event once, in order, a search sending the short unsent tail first, and nothing for a log not indexed', async () => {
    const worker = workerStandIn();
    const plain = new EventLog();
    plain.append(events);
    const log = new EventLog();
    log.append(events.slice(0, 1_000));
    log.indexInWorker(worker.channel);
    for (let at = 1_000; at < 2_010; at += 10) log.append(events.slice(at, at + 10));
    const sentBeforeSearch = worker.requests.flatMap((request) => (request.kind === 'add' ? request.events.map((event) => event.seq) : []));
    // Sent 256 or more at a time: fewer than that are left to send.
    expect(sentBeforeSearch).toEqual(Array.from({ length: sentBeforeSearch.length }, (_, index) => index));
    expect(2_010 - sentBeforeSearch.length).toBeGreaterThan(0);
    expect(2_010 - sentBeforeSearch.length).toBeLessThan(256);
    const filter = new IncrementalFilter(log, filterOf({ text: 'question' }));
    const sent = worker.requests.flatMap((request) => (request.kind === 'add' ? request.events.map((event) => event.seq) : []));
    expect(sent).toEqual(Array.from({ length: 2_010 }, (_, index) => index));
    worker.answerAll();
    await filter.searched;
    expect(seqsOfRows(log, filter)).toEqual(plainSeqs(2_010, 'question'));
    expect(worker.index.logCount).toBe(1);
  });

  it('keeps every search complete when the worker fails, even one waiting for its answer, saying that search got slower', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const worker = workerStandIn();
    const log = new EventLog();
    log.indexInWorker(worker.channel);
    log.append(events.slice(0, 6_000));
    const waiting = new IncrementalFilter(log, filterOf({ text: 'question 1' }));
    worker.channel.fail('the search worker stopped (test)');
    await waiting.searched;
    log.append(events.slice(6_000));
    expect(seqsOfRows(log, waiting)).toEqual(plainSeqs(events.length, 'question 1'));
    expect(log.indexed).toBe(false);
    for (const text of NEEDLES) expect(seqsOfRows(log, new IncrementalFilter(log, filterOf({ text })))).toEqual(plainSeqs(events.length, text));
    expect(log.searchTextHeld).toBeGreaterThan(0);
    expect(warn).toHaveBeenCalledOnce();
    expect(String(warn.mock.calls[0]![0])).toContain('the search worker stopped (test)');
  });
});

describe('the search worker’s index', () => {
  const add = (index: SearchIndex, log: number, from: number, to: number) => index.handle({ kind: 'add', log, events: events.slice(from, to) });
  const search = (index: SearchIndex, log: number, needle: string, upTo: number) => [
    ...index.handle({ kind: 'search', log, id: 1, needle, upTo })!.matches,
  ];

  it('answers with every position below the limit asked, across blocks, for each log apart', () => {
    const index = new SearchIndex();
    add(index, 1, 0, 5_000);
    add(index, 1, 5_000, 9_000);
    add(index, 2, 0, 100);
    for (const needle of NEEDLES) expect(search(index, 1, needle, 9_000)).toEqual(plainSeqs(9_000, needle));
    expect(search(index, 1, 'question', 4_097)).toEqual(plainSeqs(4_097, 'question'));
    expect(search(index, 2, 'question', 9_000)).toEqual(plainSeqs(100, 'question'));
    expect(search(index, 3, 'question', 9_000)).toEqual([]);
  });

  it('finds a term at the very start of a block and at the very end of its last line', () => {
    const index = new SearchIndex();
    const at = (seq: number, text: string): SessionEvent => ({ seq, t: seq, direction: 'app', type: 'note', payload: { text } });
    const notes = Array.from({ length: 4_100 }, (_, seq) => at(seq, seq === 4_096 || seq === 4_099 ? 'needle' : 'hay'));
    index.handle({ kind: 'add', log: 1, events: notes });
    expect([...index.handle({ kind: 'search', log: 1, id: 7, needle: 'note', upTo: 4_100 })!.matches]).toHaveLength(4_100);
    expect([...index.handle({ kind: 'search', log: 1, id: 7, needle: 'needle', upTo: 4_100 })!.matches]).toEqual([4_096, 4_099]);
    expect([...index.handle({ kind: 'search', log: 1, id: 7, needle: '"}', upTo: 4_100 })!.matches]).toHaveLength(4_100);
  });

  it('drops a log it is told to forget', () => {
    const index = new SearchIndex();
    add(index, 1, 0, 10);
    add(index, 2, 0, 10);
    expect(index.logCount).toBe(2);
    index.handle({ kind: 'forget', log: 1 });
    expect(index.logCount).toBe(1);
    expect(search(index, 1, 'a', 10)).toEqual([]);
  });
});
