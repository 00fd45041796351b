import { describe, expect, it } from 'vitest';
import type { EventDirection, SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript, transcriptToText, type TranscriptState } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { stream } from './streamFixtures';

/** Tool arguments taken from the stream when the log has no finished item (issue 16). */

type Step = [EventDirection, string, Record<string, unknown>];
const textOf = (events: readonly SessionEvent[]): string => transcriptToText(reduceTranscript(emptyTranscript(), events).entries.toArray());

const started: Step = ['app', 'session.started', { agent: 'returns' }];
/** What the API sends first: the call's item, its arguments still empty. */
const added = (itemId: string, callId: string, name: string): Step => [
  'server',
  'response.output_item.added',
  { item: { id: itemId, type: 'function_call', call_id: callId, name, arguments: '', status: 'in_progress' } },
];
const delta = (itemId: string, piece: string, callId?: string): Step => [
  'server',
  'response.function_call_arguments.delta',
  { item_id: itemId, output_index: 0, delta: piece, ...(callId === undefined ? {} : { call_id: callId }) },
];
const done = (itemId: string, callId: string, name: string, args: string): Step => [
  'server',
  'response.function_call_arguments.done',
  { item_id: itemId, call_id: callId, name, arguments: args },
];
const itemDone = (itemId: string, callId: string, name: string, args: string): Step => [
  'server',
  'response.output_item.done',
  { item: { id: itemId, type: 'function_call', call_id: callId, name, arguments: args, status: 'completed' } },
];

describe('tool call arguments taken from the stream', () => {
  it('takes the name and arguments from function_call_arguments.done when the log has nothing else', () => {
    expect(textOf(stream(started, done('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206"}')))).toBe(
      '[tool lookupOrders({"phoneNumber":"206"})]',
    );
  });

  it('joins the deltas in order when the log has neither a done event nor a finished item', () => {
    const events = stream(
      started,
      added('fc_1', 'call_1', 'lookupOrders'),
      delta('fc_1', '{"phone'),
      delta('fc_1', 'Number":'),
      delta('fc_1', '"206"}'),
    );
    expect(textOf(events)).toBe('[tool lookupOrders({"phoneNumber":"206"})]');
  });

  it('shows the arguments so far while they stream', () => {
    const events = stream(started, added('fc_1', 'call_1', 'lookupOrders'), delta('fc_1', '{"phone'));
    expect(reduceTranscript(emptyTranscript(), events).entries.at(0)).toMatchObject({ arguments: '{"phone', status: 'running' });
  });

  it('replaces the deltas with the done event, and adds no later delta to it', () => {
    const events = stream(
      started,
      added('fc_1', 'call_1', 'lookupOrders'),
      delta('fc_1', '{"phoneNumber":'),
      delta('fc_1', '"206"}'),
      done('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206"}'),
      delta('fc_1', '"206"}'),
    );
    expect(textOf(events)).toBe('[tool lookupOrders({"phoneNumber":"206"})]');
  });

  it('keeps the item’s own arguments over the done event and the deltas, wherever they come', () => {
    const events = stream(
      started,
      added('fc_1', 'call_1', 'lookupOrders'),
      delta('fc_1', '{"phoneNumber":"2'),
      itemDone('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206-555"}'),
      delta('fc_1', '06"}'),
      done('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206"}'),
    );
    expect(textOf(events)).toBe('[tool lookupOrders({"phoneNumber":"206-555"})]');
  });

  it('lets an item with empty arguments (just added) leave streamed arguments alone', () => {
    const events = stream(started, done('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206"}'), [
      'server',
      'conversation.item.added',
      { item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'lookupOrders', arguments: '' } },
    ]);
    expect(textOf(events)).toBe('[tool lookupOrders({"phoneNumber":"206"})]');
  });

  it('finds the call of deltas that name only their item, by the call id the added item gave', () => {
    const events = stream(
      started,
      added('fc_1', 'call_1', 'lookupOrders'),
      added('fc_2', 'call_2', 'checkStock'),
      delta('fc_2', '{"sku":'),
      delta('fc_1', '{"phoneNumber":"206"}'),
      delta('fc_2', '"A7"}'),
      ['client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'call_1', output: '{"orders":[]}' } }],
    );
    expect(textOf(events)).toBe('[tool lookupOrders({"phoneNumber":"206"}) → {"orders":[]}]\n[tool checkStock({"sku":"A7"})]');
  });

  it('finds the call of deltas by their call id when they carry one', () => {
    const events = stream(started, done('fc_1', 'call_1', 'lookupOrders', ''), delta('other', '{"a":1}', 'call_1'));
    expect(textOf(events)).toBe('[tool lookupOrders({"a":1})]');
  });

  it('shows nothing for deltas of a call the stream never introduced: there is no name to show', () => {
    expect(textOf(stream(started, delta('fc_9', '{"a":1}')))).toBe('');
  });

  it('keeps a handoff a handoff, whether its name comes from the item or only from the done event', () => {
    const fromItem = stream(
      started,
      added('fc_h', 'call_h', 'transfer_to_billing'),
      delta('fc_h', '{}'),
      done('fc_h', 'call_h', 'transfer_to_billing', '{}'),
    );
    expect(textOf(fromItem)).toBe('[handoff returns → billing]');
    const fromDone = stream(
      started,
      delta('fc_h', '{"rationale":"bill"}', 'call_h'),
      done('fc_h', 'call_h', 'transfer_to_billing', '{"rationale":"bill"}'),
    );
    expect(textOf(fromDone)).toBe('[handoff returns → billing]');
  });
});

describe('streamed tool arguments, fed whole or in chunks', () => {
  const session = stream(
    started,
    added('fc_1', 'call_1', 'lookupOrders'),
    delta('fc_1', '{"phone'),
    delta('fc_1', 'Number":'),
    added('fc_h', 'call_h', 'transfer_to_billing'),
    delta('fc_h', '{}'),
    delta('fc_1', '"206"}'),
    done('fc_1', 'call_1', 'lookupOrders', '{"phoneNumber":"206"}'),
    delta('fc_1', '"206"}'),
    delta('fc_2', '{"sku":"A7"}', 'call_2'),
    done('fc_2', 'call_2', 'checkStock', '{"sku":"A7"}'),
    delta('fc_2', '{"sku":"A7"}'),
    ['client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'call_1', output: '{"orders":[]}' } }],
  );
  const expected = ['[tool lookupOrders({"phoneNumber":"206"}) → {"orders":[]}]', '[handoff returns → billing]', '[tool checkStock({"sku":"A7"})]'];

  function inChunks(size: number, from: TranscriptState = emptyTranscript(), events: readonly SessionEvent[] = session): TranscriptState {
    let state = from;
    for (let index = 0; index < events.length; index += size) state = reduceTranscript(state, events.slice(index, index + size));
    return state;
  }

  it.each([1, 2, 3, 5, session.length])('gives the same transcript in chunks of %i', (size) => {
    const whole = reduceTranscript(emptyTranscript(), session);
    expect(transcriptToText(whole.entries.toArray()).split('\n')).toEqual(expected);
    expect(inChunks(size).entries.toArray()).toEqual(whole.entries.toArray());
  });

  it('finds a call by its item in a state reduced twice along different lines (the shared index is rebuilt, items too)', () => {
    const base = reduceTranscript(emptyTranscript(), stream(started, added('fc_1', 'call_1', 'lookupOrders')));
    // Another line learns other calls first, so base's shared index has grown past it.
    reduceTranscript(base, [
      {
        seq: 2,
        t: 20,
        direction: 'server',
        type: 'response.output_item.added',
        payload: { item: { id: 'fc_x', type: 'function_call', call_id: 'call_x', name: 'x' } },
      },
    ]);
    const deltas = stream(delta('fc_1', '{"phoneNumber":'), delta('fc_1', '"206"}')).map((event) => ({ ...event, seq: 2 + event.seq }));
    expect(textOf([...stream(started, added('fc_1', 'call_1', 'lookupOrders')), ...deltas])).toBe('[tool lookupOrders({"phoneNumber":"206"})]');
    expect(transcriptToText(inChunks(1, base, deltas).entries.toArray())).toBe('[tool lookupOrders({"phoneNumber":"206"})]');
  });
});
