import { describe, expect, it } from 'vitest';
import { SharedStrings } from '../../src-renderer/src/engine/events/sharedStrings';
import type { SessionEvent } from '../../src-shared/sessionEvent';

/** A delta as it arrives: parsed from its own JSON, so it holds its own copy of every string. */
function delta(index: number, responseId = 'resp_1'): SessionEvent {
  return JSON.parse(
    JSON.stringify({
      seq: index,
      t: index,
      direction: 'server',
      type: 'response.output_text.delta',
      payload: {
        type: 'response.output_text.delta',
        event_id: `event_${index}`,
        response_id: responseId,
        item_id: 'item_1',
        output_index: 0,
        delta: `w${index} `,
      },
    }),
  ) as SessionEvent;
}

describe('shared strings', () => {
  it('holds one copy of the type and the ids a reply’s deltas repeat, and leaves every value as it was', () => {
    const strings = new SharedStrings();
    const events = [delta(1), delta(2), delta(3)];
    const before = JSON.stringify(events);
    for (const event of events) strings.shareRepeated(event);
    expect(JSON.stringify(events)).toBe(before);
    // The type, the response id and the item id: not each event's own id, not its text, not its numbers.
    expect(strings.size).toBe(3);
    strings.shareRepeated(delta(4, 'resp_2'));
    expect(strings.size).toBe(4);
  });

  it('leaves out long strings, which are rarely repeated ids', () => {
    const strings = new SharedStrings();
    const event = delta(1, 'r'.repeat(65));
    strings.shareRepeated(event);
    expect(strings.size).toBe(2);
    expect(event.payload['response_id']).toBe('r'.repeat(65));
    const atLimit = delta(2, 'r'.repeat(64));
    strings.shareRepeated(atLimit);
    expect(strings.size).toBe(3);
  });

  it('shares only top-level type and id fields, whatever else a payload holds', () => {
    const strings = new SharedStrings();
    const event: SessionEvent = {
      seq: 0,
      t: 0,
      direction: 'app',
      type: 'app.note',
      payload: { call_id: 'call_1', name: 'lookup', count: 3, nested: { item_id: 'item_9' }, event_id: 'event_1', paid: 'x' },
    };
    strings.shareRepeated(event);
    // app.note and call_1.
    expect(strings.size).toBe(2);
    expect(strings.shared('call_1')).toBe('call_1');
    expect(strings.size).toBe(2);
  });
});
