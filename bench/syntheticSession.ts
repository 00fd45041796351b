import type { SessionEvent } from '../src-shared/sessionEvent';

/** A long spoken session: each turn a user message and a reply streamed as ~40 transcript deltas, like the real wire. */
export function syntheticSession(eventCount: number): SessionEvent[] {
  const events: SessionEvent[] = [];
  const push = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>) =>
    events.push({ seq: events.length, t: events.length * 5, direction, type, payload });
  push('app', 'session.started', { sessionId: 'bench', agent: 'chatAgent', guardrails: true });
  for (let turn = 0; events.length < eventCount; turn += 1) {
    push('client', 'conversation.item.create', {
      item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `question ${turn}` }] },
    });
    push('server', 'conversation.item.added', {
      item: { id: `u${turn}`, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: `question ${turn}` }] },
    });
    push('server', 'response.created', { response: { id: `r${turn}`, status: 'in_progress' } });
    push('server', 'conversation.item.added', { item: { id: `a${turn}`, type: 'message', role: 'assistant', status: 'in_progress', content: [] } });
    for (let delta = 0; delta < 40; delta += 1)
      push('server', 'response.output_audio_transcript.delta', {
        event_id: `e${events.length}`,
        response_id: `r${turn}`,
        item_id: `a${turn}`,
        delta: 'word ',
      });
    push('server', 'conversation.item.done', {
      item: {
        id: `a${turn}`,
        type: 'message',
        role: 'assistant',
        status: 'completed',
        content: [{ type: 'output_audio', transcript: 'word '.repeat(40) }],
      },
    });
    push('server', 'response.done', { response: { id: `r${turn}`, status: 'completed', usage: { input_tokens: 120, output_tokens: 80 } } });
    push('app', 'guardrail.verdict', { itemId: `a${turn}`, category: 'NONE', rationale: 'fine', tripped: false, durationMs: 300 });
  }
  return events.slice(0, eventCount);
}
