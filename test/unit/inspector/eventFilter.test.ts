import { describe, expect, it } from 'vitest';
import { EventAnnotator } from '../../../src-shared/eventAnnotations';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { EventLog } from '../../../src-renderer/src/engine/events/eventLog';
import { searchFormOf, searchTextOf } from '../../../src-renderer/src/engine/events/searchText';
import { syntheticSession } from '../../../bench/syntheticSession';
import { IncrementalFilter, defaultFilter, type EventFilter } from '../../../src-renderer/src/engine/events/eventFilter';

let nextSeq = 0;
const event = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => {
  const seq = nextSeq++;
  return { seq, t: seq * 10, direction, type, payload };
};

/** Two turns with two agents: a typed question answered with streamed text, then spoken audio after a handoff. */
function session(): SessionEvent[] {
  nextSeq = 0;
  return [
    event('app', 'session.started', { agent: 'authentication' }),
    event('server', 'session.created', { session: { id: 'sess_1' } }),
    event('client', 'conversation.item.create', {
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Where is my order?' }] },
    }),
    event('server', 'conversation.item.added', { item: { id: 'item_u1', type: 'message', role: 'user' } }),
    event('server', 'response.created', { response: { id: 'resp_1' } }),
    event('server', 'response.output_audio_transcript.delta', { item_id: 'item_a1', content_index: 0, delta: 'Let me ' }),
    event('server', 'response.output_audio_transcript.delta', { item_id: 'item_a1', content_index: 0, delta: 'check ' }),
    event('server', 'response.output_audio_transcript.delta', { item_id: 'item_a1', content_index: 0, delta: 'that.' }),
    event('server', 'response.function_call_arguments.done', {
      item_id: 'item_f1',
      call_id: 'call_7',
      name: 'lookupOrders',
      arguments: '{"phone":"206"}',
    }),
    event('app', 'supervisor.request', { callId: 'call_7', toolName: 'lookupOrders' }),
    event('app', 'supervisor.error', { callId: 'call_7', message: 'timed out' }),
    event('server', 'response.done', { response: { id: 'resp_1', status: 'completed', usage: { total_tokens: 312 } } }),
    event('app', 'agent.changed', { from: 'authentication', to: 'returns', reason: 'handoff' }),
    event('server', 'input_audio_buffer.speech_started', {}),
    event('client', 'input_audio_buffer.append', { audio: '[480 bytes of audio]' }),
    event('client', 'input_audio_buffer.append', { audio: '[480 bytes of audio]' }),
    event('server', 'input_audio_buffer.speech_stopped', {}),
    event('server', 'response.created', { response: { id: 'resp_2' } }),
    event('server', 'response.output_audio_transcript.delta', { item_id: 'item_a2', content_index: 0, delta: 'Your return ' }),
    event('server', 'response.output_audio_transcript.delta', { item_id: 'item_a2', content_index: 0, delta: 'is approved.' }),
  ];
}

function logOf(events: readonly SessionEvent[]): EventLog {
  const log = new EventLog();
  log.append(events);
  return log;
}

function rowsOf(log: EventLog, change: Partial<EventFilter>) {
  const rows = new IncrementalFilter(log, { ...defaultFilter, ...change }).update(log.length);
  return {
    seqs: rows.indices.slice(0, rows.length).map((index) => log.at(index)!.seq),
    folded: Array.from({ length: rows.length }, (_, row) => rows.foldedAt(row)),
    matched: rows.matched,
    rows,
  };
}

describe('event annotations', () => {
  it('says which agent was active and which user turn an event belongs to', () => {
    const annotator = new EventAnnotator();
    const annotations = session().map((each) => annotator.annotate(each));
    expect(annotations.map((each) => each.agent)).toEqual([...Array<string>(12).fill('authentication'), ...Array<string>(8).fill('returns')]);
    expect(annotations.map((each) => each.turn)).toEqual([0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]);
  });

  it('names the item and the call an event is about, and gives an item’s deltas one fold key', () => {
    const annotator = new EventAnnotator();
    const [, , , added, , delta1, delta2, , args, request] = session().map((each) => annotator.annotate(each));
    expect(added!.itemId).toBe('item_u1');
    expect(args).toMatchObject({ itemId: 'item_f1', callId: 'call_7', foldKey: undefined, responseMs: undefined });
    expect(request!.callId).toBe('call_7');
    expect(delta1!.foldKey).toBeDefined();
    expect(delta1!.foldKey).toBe(delta2!.foldKey);
  });

  it('folds microphone appends, which have no item, per turn', () => {
    const annotator = new EventAnnotator();
    const all = session().map((each) => annotator.annotate(each));
    expect(all[14]!.foldKey).toBe(all[15]!.foldKey);
    expect(all[14]!.foldKey).toContain('turn 2');
  });
});

describe('response durations', () => {
  it('says on each response.done how long it took since its response.created, and nothing when the start is missing', () => {
    const log = logOf(session());
    expect(log.annotationAt(11).responseMs).toBe(70);
    expect(log.summaryAt(11)).toBe('completed · 312 tokens · 70 ms');
    const orphan = new EventLog();
    orphan.append([{ seq: 0, t: 5, direction: 'server', type: 'response.done', payload: { response: { id: 'resp_9', status: 'completed' } } }]);
    expect(orphan.summaryAt(0)).toBe('completed');
  });
});

describe('the inspector filter', () => {
  const log = logOf(session());

  it('folds each item’s deltas into one row by default, counting them, and unfolds on request', () => {
    const folded = rowsOf(log, {});
    expect(folded.matched).toBe(20);
    expect(folded.seqs).toEqual([0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18]);
    expect(folded.folded[folded.seqs.indexOf(5)]).toBe(3);
    expect(folded.folded[folded.seqs.indexOf(14)]).toBe(2);
    const key = folded.rows.foldKeyAt(folded.seqs.indexOf(5))!;
    const opened = rowsOf(log, { unfolded: new Set([key]) });
    expect(opened.seqs).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18]);
    expect(rowsOf(log, { fold: false }).seqs).toHaveLength(20);
  });

  it('counts every direction and type of the whole log whatever the filter', () => {
    const { rows } = rowsOf(log, { text: 'nothing matches this' });
    expect(rows.length).toBe(0);
    expect(rows.counts).toEqual({ client: 3, server: 13, app: 4 });
    expect(rows.typeCounts.get('response.output_audio_transcript.delta')).toBe(5);
    expect(rows.typeCounts.get('response.created')).toBe(2);
  });

  it('shows only included types, and never excluded ones', () => {
    expect(rowsOf(log, { includeTypes: new Set(['response.created', 'response.done']) }).seqs).toEqual([4, 11, 17]);
    const without = rowsOf(log, { excludeTypes: new Set(['response.output_audio_transcript.delta', 'input_audio_buffer.append']) });
    expect(without.matched).toBe(13);
    expect(without.seqs).not.toContain(5);
  });

  it('filters by direction, by errors, by agent, by turn, and by a transcript entry’s item or call', () => {
    expect(rowsOf(log, { directions: new Set(['client']) }).seqs).toEqual([2, 14]);
    expect(rowsOf(log, { errorsOnly: true }).seqs).toEqual([10]);
    expect(rowsOf(log, { agent: 'returns' }).seqs).toEqual([12, 13, 14, 16, 17, 18]);
    expect(rowsOf(log, { turn: 0 }).seqs).toEqual([0, 1]);
    expect(rowsOf(log, { turn: 2, fold: false }).matched).toBe(7);
    expect(rowsOf(log, { related: { id: 'call_7', label: 'lookupOrders' } }).seqs).toEqual([8, 9, 10]);
    expect(rowsOf(log, { related: { id: 'item_a2', label: 'Your return…' } }).seqs).toEqual([18]);
  });

  it('searches the payload’s JSON as well as type and summary, case-insensitively', () => {
    expect(rowsOf(log, { text: 'resp_2' }).seqs).toEqual([17]);
    expect(rowsOf(log, { text: 'phone' }).seqs).toEqual([8]);
    expect(rowsOf(log, { text: 'LOOKUPORDERS' }).seqs).toEqual([8, 9]);
    expect(rowsOf(log, { text: 'approved' }).seqs).toEqual([19]);
    expect(rowsOf(log, { text: 'approved' }).folded).toEqual([1]);
  });

  it('tests only the events it has not seen when more arrive, folding new deltas into their row', () => {
    const events = session();
    const growing = new EventLog();
    const filter = new IncrementalFilter(growing, defaultFilter);
    growing.append(events.slice(0, 6));
    const first = filter.update(6);
    expect(first.length).toBe(6);
    expect(first.foldedAt(5)).toBe(1);
    growing.append(events.slice(6));
    const second = filter.update(events.length);
    expect(second).not.toBe(first);
    expect(second.foldedAt(5)).toBe(3);
    expect(second.matched).toBe(20);
    expect(filter.update(events.length)).toBe(second);
  });
});

describe('the inspector filter over a long session, against a plain scan', () => {
  const events = syntheticSession(12_000);
  const annotator = new EventAnnotator();
  const annotations = events.map((each) => annotator.annotate(each));
  /** What the filter must find, written the slow obvious way (no folding). */
  function plain(filter: EventFilter): number[] {
    const needle = searchFormOf(filter.text.trim());
    return events
      .map((each, index) => ({ each, index, annotation: annotations[index]! }))
      .filter(
        ({ each, annotation }) =>
          filter.directions.has(each.direction) &&
          (filter.includeTypes.size === 0 || filter.includeTypes.has(each.type)) &&
          !filter.excludeTypes.has(each.type) &&
          (filter.turn === undefined || annotation.turn === filter.turn) &&
          (filter.agent === undefined || annotation.agent === filter.agent) &&
          (needle === '' || searchTextOf(each).includes(needle)),
      )
      .map(({ index }) => index);
  }

  it.each([
    { text: 'question 2' },
    { text: 'A299' },
    { text: 'word', includeTypes: new Set(['conversation.item.done']) },
    { excludeTypes: new Set(['response.output_audio_transcript.delta']), directions: new Set(['server'] as const) },
    { turn: 150, text: 'completed' },
    { agent: 'chatAgent', text: '"output_tokens":80' },
    { text: 'nothing like this' },
  ] as Partial<EventFilter>[])('finds what a plain scan finds, across chunks and fed in pieces: %o', (change) => {
    const filter = { ...defaultFilter, fold: false, ...change };
    const log = new EventLog();
    const incremental = new IncrementalFilter(log, filter);
    let rows = incremental.update(0);
    // Uneven pieces, so chunk edges and a half-indexed last chunk are crossed between searches.
    for (let at = 0, step = 1; at < events.length; at += step, step = (step * 7) % 3001) {
      log.append(events.slice(at, at + step));
      rows = incremental.update(log.length);
    }
    expect(rows.indices.slice(0, rows.length)).toEqual(plain(filter));
    expect(new IncrementalFilter(log, filter).update(log.length).indices).toEqual(rows.indices.slice(0, rows.length));
  });
});
