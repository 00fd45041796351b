import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';

let seq = 0;
const server = (type: string, payload: Record<string, unknown>): SessionEvent => ({ seq: seq++, t: seq, direction: 'server', type, payload });
const item = (name: string | undefined, args: string) =>
  server('response.output_item.done', { item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name, arguments: args } });
const done = (payload: Record<string, unknown>) => server('response.function_call_arguments.done', payload);

const toolsOf = (...events: SessionEvent[]) =>
  reduceTranscript(emptyTranscript(), events)
    .entries.toArray()
    .filter((entry): entry is Extract<TranscriptEntry, { kind: 'tool' }> => entry.kind === 'tool')
    .map((entry) => ({ id: entry.id, name: entry.name, arguments: entry.arguments, argumentsFrom: entry.argumentsFrom }));

describe('a tool call’s name and arguments, from the sources that give them', () => {
  it('takes the name the item gives over the one the done event gave first', () => {
    expect(toolsOf(done({ call_id: 'call_1', name: 'guess', arguments: '{}' }), item('lookupOrders', '{}'))).toEqual([
      { id: 'call_1', name: 'lookupOrders', arguments: '{}', argumentsFrom: 'item' },
    ]);
  });

  it('keeps the item’s name when a done event names the call otherwise afterwards', () => {
    expect(toolsOf(item('lookupOrders', '{"a":1}'), done({ call_id: 'call_1', name: 'guess', arguments: '{"a":2}' }))).toEqual([
      { id: 'call_1', name: 'lookupOrders', arguments: '{"a":1}', argumentsFrom: 'item' },
    ]);
  });

  it('finds the call of a done event that names only its item, and lets a later item replace the arguments', () => {
    seq = 0;
    const events = [
      server('response.output_item.added', { item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'lookupOrders', arguments: '' } }),
      done({ item_id: 'fc_1', arguments: '{"a":1}' }),
    ];
    expect(toolsOf(...events)).toEqual([{ id: 'call_1', name: 'lookupOrders', arguments: '{"a":1}', argumentsFrom: 'done' }]);
    expect(toolsOf(...events, item('lookupOrders', '{"a":1}'), item('lookupOrders', '{"a":3}'))).toEqual([
      { id: 'call_1', name: 'lookupOrders', arguments: '{"a":3}', argumentsFrom: 'item' },
    ]);
    expect(toolsOf(done({ item_id: 'fc_unknown', arguments: '{}' }))).toEqual([]);
  });
});
