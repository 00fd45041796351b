import { describe, expect, it } from 'vitest';
import { importRecord, inferDirection, initialImportState, type ImportState } from '../../src-shared/realtimeImport';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript, transcriptToText } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';

function imported(value: unknown, state: ImportState = initialImportState): { event: SessionEvent; state: ImportState } {
  const result = importRecord(value, state);
  if ('reason' in result) throw new Error(result.reason);
  return result;
}

function importAll(values: unknown[]): SessionEvent[] {
  let state = initialImportState;
  return values.map((value) => {
    const result = imported(value, state);
    state = result.state;
    return result.event;
  });
}

describe('importing a raw realtime log', () => {
  it.each([null, 42, 'text', [{ type: 'session.created' }]])('refuses %j as not a JSON object', (value) => {
    expect(importRecord(value, initialImportState)).toEqual({ reason: 'is not a JSON object' });
  });

  it.each([{}, { type: '' }, { type: 3 }, { event: { type: '' } }])('refuses %j for having no event type', (value) => {
    expect(importRecord(value, initialImportState)).toEqual({ reason: 'has no event "type"' });
  });

  it('keeps a bare event as the payload, numbering events from 0 and counting on', () => {
    const events = importAll([{ type: 'session.created', session: { id: 's' } }, { type: 'response.created' }]);
    expect(events).toEqual([
      { seq: 0, t: 0, direction: 'server', type: 'session.created', payload: { type: 'session.created', session: { id: 's' } } },
      { seq: 1, t: 0, direction: 'server', type: 'response.created', payload: { type: 'response.created' } },
    ]);
  });

  it('unwraps an event held in a wrapper, taking direction and time from the wrapper', () => {
    const [first, second] = importAll([
      { event: { type: 'response.create' }, direction: 'incoming', timestamp: 5000 },
      { event: { type: 'response.created' }, direction: 'SENT', timestamp: 5250 },
    ]);
    expect(first).toEqual({ seq: 0, t: 0, direction: 'server', type: 'response.create', payload: { type: 'response.create' } });
    expect(second).toMatchObject({ t: 250, direction: 'client', payload: { type: 'response.created' } });
  });

  it('keeps a wrapper whose event field is not an object as the event itself', () => {
    expect(imported({ type: 'app.note', event: 'x' }).event.payload).toEqual({ type: 'app.note', event: 'x' });
    expect(imported({ type: 'app.note', event: null }).event.payload).toEqual({ type: 'app.note', event: null });
    expect(imported({ type: 'app.note', event: [1] }).event.payload).toEqual({ type: 'app.note', event: [1] });
  });

  it.each([
    ['direction', 'out', 'client'],
    ['source', 'server', 'server'],
    ['from', 'app', 'app'],
    ['direction', 'Received', 'server'],
  ])('reads the direction from %s: %s', (key, word, direction) => {
    expect(imported({ type: 'response.create', [key]: word }).event.direction).toBe(direction);
  });

  it('infers the direction from the event type when no known word says it', () => {
    expect(imported({ type: 'response.create', direction: 'sideways' }).event.direction).toBe('client');
    expect(imported({ type: 'response.created', direction: 7 }).event.direction).toBe('server');
    expect(inferDirection('input_audio_buffer.append')).toBe('client');
    expect(inferDirection('conversation.item.create')).toBe('client');
    expect(inferDirection('input_audio_buffer.committed')).toBe('server');
  });

  it('renames beta events to their GA names and remembers the original name', () => {
    expect(imported({ type: 'response.audio_transcript.delta', delta: 'Hi' }).event).toMatchObject({
      type: 'response.output_audio_transcript.delta',
      payload: { type: 'response.output_audio_transcript.delta', original_type: 'response.audio_transcript.delta', delta: 'Hi' },
    });
    expect(imported({ type: 'conversation.item.created' }).event.type).toBe('conversation.item.added');
    expect(imported({ type: 'response.done' }).event.payload).not.toHaveProperty('original_type');
  });

  it('keeps function_call_arguments events as they are (the same in beta and GA), so the transcript takes a call’s arguments from them', () => {
    const events = importAll([
      { type: 'response.output_item.added', item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'lookupOrders', arguments: '' } },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 0, delta: '{"phoneNumber":' },
      { type: 'response.function_call_arguments.delta', item_id: 'fc_1', output_index: 0, delta: '"206"}' },
      { type: 'response.audio_transcript.delta', item_id: 'a1', delta: 'Let me check.' },
    ]);
    expect(events.map((event) => `${event.direction} ${event.type}`)).toEqual([
      'server response.output_item.added',
      'server response.function_call_arguments.delta',
      'server response.function_call_arguments.delta',
      'server response.output_audio_transcript.delta',
    ]);
    expect(transcriptToText(reduceTranscript(emptyTranscript(), events).entries.toArray())).toBe(
      '[tool lookupOrders({"phoneNumber":"206"})]\nAssistant: Let me check.',
    );
  });

  it.each([
    ['t', 100, 350, 250],
    ['time', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:01.500Z', 1500],
    ['timestamp', 1_700_000_000, 1_700_000_002, 2000],
    ['ts', 1_700_000_000_000, 1_700_000_000_750, 750],
    ['receivedAt', 10, 30, 20],
    ['sentAt', 10, 40, 30],
  ])('times events by %s (%j then %j) as %i ms after the first', (key, first, second, t) => {
    const events = importAll([
      { type: 'a', [key]: first },
      { type: 'b', [key]: second },
    ]);
    expect(events.map((event) => event.t)).toEqual([0, t]);
  });

  it('reads the time inside a wrapped event when the wrapper has none', () => {
    const events = importAll([{ event: { type: 'a', t: 1000 } }, { event: { type: 'b', t: 1400 } }]);
    expect(events.map((event) => event.t)).toEqual([0, 400]);
  });

  it('ignores times that are not finite numbers or dates, and never goes back in time', () => {
    const events = importAll([
      { type: 'a', t: 1000 },
      { type: 'b', t: 1600 },
      { type: 'c', t: 'not a date' },
      { type: 'd', t: Number.POSITIVE_INFINITY },
      { type: 'e', t: 1200 },
      { type: 'f', t: true },
    ]);
    expect(events.map((event) => event.t)).toEqual([0, 600, 600, 600, 600, 600]);
  });

  it('keeps the first event without a time at 0 and times later ones from the first time it sees', () => {
    const events = importAll([{ type: 'a' }, { type: 'b', t: 5000 }, { type: 'c', t: 5300 }]);
    expect(events.map((event) => event.t)).toEqual([0, 0, 300]);
  });
});
