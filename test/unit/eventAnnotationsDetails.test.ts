import { describe, expect, it } from 'vitest';
import { EventAnnotator } from '../../src-shared/eventAnnotations';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const at = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => ({
  seq: seq++,
  t: seq * 10,
  direction,
  type,
  payload,
});
const userMessage = { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi' }] };

describe('an event’s annotations, in detail', () => {
  it('takes only a named agent, keeping the one before otherwise', () => {
    const annotator = new EventAnnotator();
    expect(annotator.annotate(at('app', 'session.started', { agent: 'greeter' })).agent).toBe('greeter');
    expect(annotator.annotate(at('app', 'agent.changed', { to: 7 })).agent).toBe('greeter');
    expect(annotator.annotate(at('app', 'agent.changed', { to: '' })).agent).toBe('greeter');
    expect(annotator.annotate(at('app', 'agent.changed', { to: 'returns' })).agent).toBe('returns');
  });

  it('opens a turn on a typed user message the client creates, and on nothing else the client sends', () => {
    const annotator = new EventAnnotator();
    expect(annotator.annotate(at('client', 'conversation.item.create', {})).turn).toBe(0);
    expect(annotator.annotate(at('client', 'conversation.item.update', { item: userMessage })).turn).toBe(0);
    expect(annotator.annotate(at('client', 'conversation.item.create', { item: userMessage })).turn).toBe(1);
  });

  it('folds the pieces of one item and content part under one key, with no part index when there is none', () => {
    const annotator = new EventAnnotator();
    expect(annotator.annotate(at('server', 'response.output_text.delta', { item_id: 'item_1', delta: 'Hi' })).foldKey).toBe(
      'response.output_text.delta|item_1|',
    );
    expect(annotator.annotate(at('server', 'response.output_text.delta', { item_id: 'item_1', content_index: 1, delta: '!' })).foldKey).toBe(
      'response.output_text.delta|item_1|1',
    );
    expect(annotator.annotate(at('server', 'response.output_text.delta', { item_id: 'item_1', content_index: '1', delta: '!' })).foldKey).toBe(
      'response.output_text.delta|item_1|',
    );
  });
});
