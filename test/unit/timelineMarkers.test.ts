import { describe, expect, it } from 'vitest';
import type { EventDirection, SessionEvent } from '../../src-shared/sessionEvent';
import { markerOf, markersOf } from '../../src-shared/timelineMarkers';

const event = (direction: EventDirection, type: string, payload: Record<string, unknown> = {}, t = 1500, seq = 7): SessionEvent => ({
  seq,
  t,
  direction,
  type,
  payload,
});

describe('replay timeline markers', () => {
  it('marks a user turn where the server adds the user message, at its time and position', () => {
    expect(markerOf(event('server', 'conversation.item.added', { item: { type: 'message', role: 'user' } }))).toEqual({
      kind: 'turn',
      label: 'User turn',
      t: 1500,
      seq: 7,
    });
  });

  it('marks a finished tool call with its name, but not a handoff call', () => {
    expect(markerOf(event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'lookupOrder' } }))).toEqual({
      kind: 'tool',
      label: 'Tool lookupOrder',
      t: 1500,
      seq: 7,
    });
    expect(markerOf(event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'transfer_to_returns' } }))).toBeUndefined();
  });

  it('marks an agent change from one agent to the other, with ? for a side it does not know', () => {
    expect(markerOf(event('app', 'agent.changed', { from: 'greeter', to: 'returns' }))).toEqual({
      kind: 'handoff',
      label: 'greeter → returns',
      t: 1500,
      seq: 7,
    });
    expect(markerOf(event('app', 'agent.changed', {}))?.label).toBe('? → ?');
  });

  it('marks a tripped guardrail with its category, and not one that passed', () => {
    expect(markerOf(event('app', 'guardrail.verdict', { tripped: true, category: 'OFFENSIVE' }))).toEqual({
      kind: 'guardrail',
      label: 'Guardrail tripped: OFFENSIVE',
      t: 1500,
      seq: 7,
    });
    expect(markerOf(event('app', 'guardrail.verdict', { tripped: true }))?.label).toBe('Guardrail tripped: ');
    expect(markerOf(event('app', 'guardrail.verdict', { tripped: false, category: 'NONE' }))).toBeUndefined();
    expect(markerOf(event('app', 'guardrail.verdict', { tripped: 'yes', category: 'NONE' }))).toBeUndefined();
  });

  it.each([
    ['an assistant message', event('server', 'conversation.item.added', { item: { type: 'message', role: 'assistant' } })],
    ['a user item that is not a message', event('server', 'conversation.item.added', { item: { type: 'function_call_output', role: 'user' } })],
    ['a user message the client sent', event('client', 'conversation.item.added', { item: { type: 'message', role: 'user' } })],
    ['a user message in another event', event('server', 'conversation.item.done', { item: { type: 'message', role: 'user' } })],
    ['an added event with no item', event('server', 'conversation.item.added')],
    ['a done item that is not a call', event('server', 'response.output_item.done', { item: { type: 'message', name: 'x' } })],
    ['a call with no name', event('server', 'response.output_item.done', { item: { type: 'function_call' } })],
    ['a call from the client', event('client', 'response.output_item.done', { item: { type: 'function_call', name: 'x' } })],
    ['a call in another event', event('server', 'response.output_item.added', { item: { type: 'function_call', name: 'x' } })],
    ['a done event with no item', event('server', 'response.output_item.done')],
    ['an agent change from the server', event('server', 'agent.changed', { from: 'a', to: 'b' })],
    ['a guardrail verdict from the server', event('server', 'guardrail.verdict', { tripped: true })],
    ['another app event', event('app', 'connection.state', { tripped: true })],
  ])('marks nothing for %s', (_label, value) => {
    expect(markerOf(value)).toBeUndefined();
  });

  it('lists the markers of a stream in order, skipping events that make none', () => {
    const stream = [
      event('server', 'conversation.item.added', { item: { type: 'message', role: 'user' } }, 10, 0),
      event('server', 'session.updated', {}, 20, 1),
      event('app', 'agent.changed', { from: 'a', to: 'b' }, 30, 2),
    ];
    expect(markersOf(stream).map((marker) => [marker.kind, marker.seq, marker.t])).toEqual([
      ['turn', 0, 10],
      ['handoff', 2, 30],
    ]);
  });
});
