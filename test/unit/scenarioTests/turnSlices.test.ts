import { describe, expect, it } from 'vitest';
import type { ObservedReply, ObservedToolCall, ObservedTurn } from '../../../src-shared/scenarioTests/observedTurns';
import { sinceObserved } from '../../../src-shared/scenarioTests/turnSlices';

const reply = (text: string): ObservedReply => ({ agent: 'returns', text, interrupted: false, guardrail: undefined, guardrailRationale: undefined });
const call = (name: string): ObservedToolCall => ({ name, arguments: {}, argumentsText: '{}', output: 'ok', agent: 'returns', via: undefined });

/** A turn that has said and done `count` of each kind of thing so far. */
function turnWith(index: number, count: number): ObservedTurn {
  const upTo = (make: (n: number) => unknown) => Array.from({ length: count }, (_, n) => make(n + 1));
  const replies = upTo((n) => reply(`reply ${n}`)) as ObservedReply[];
  return {
    index,
    user: 'Where is my order?',
    agent: 'returns',
    replies,
    replyText: replies.map((r) => r.text).join('\n'),
    toolCalls: upTo((n) => call(`tool${n}`)) as ObservedToolCall[],
    handoffs: upTo((n) => ({ from: 'triage', to: `agent${n}` })) as ObservedTurn['handoffs'],
    notices: upTo((n) => ({ level: 'info', text: `notice ${n}` })) as ObservedTurn['notices'],
    latency: { committed: 10, created: 20, firstText: 30, firstAudio: 40, done: 50 },
    latencyMissing: [],
    cost: { tokensByModel: new Map(), dollars: 0.5, unpriced: [] },
    t: 1234,
  };
}

describe('what a turn gained between two observations', () => {
  it('is only what came after the first observation of the same turn, of every kind', () => {
    const since = sinceObserved(turnWith(2, 1), turnWith(2, 3), 5);
    expect(since.index).toBe(5);
    expect(since.agent).toBe('returns');
    expect(since.replies.map((r) => r.text)).toEqual(['reply 2', 'reply 3']);
    expect(since.replyText).toBe('reply 2\nreply 3');
    expect(since.toolCalls.map((c) => c.name)).toEqual(['tool2', 'tool3']);
    expect(since.handoffs.map((h) => h.to)).toEqual(['agent2', 'agent3']);
    expect(since.notices.map((n) => n.text)).toEqual(['notice 2', 'notice 3']);
  });

  it('has no user text, latency, cost or time of its own', () => {
    const since = sinceObserved(turnWith(2, 1), turnWith(2, 2), 5);
    expect(since.user).toBe('');
    expect(since.latency).toEqual({ committed: undefined, created: undefined, firstText: undefined, firstAudio: undefined, done: undefined });
    expect(since.latencyMissing).toEqual([]);
    expect(since.cost.dollars).toBeUndefined();
    expect(since.cost.tokensByModel.size).toBe(0);
    expect(since.t).toBeUndefined();
  });

  it('is the whole later turn when the first observation was of another turn, or there was none', () => {
    for (const before of [turnWith(1, 2), undefined]) {
      const since = sinceObserved(before, turnWith(2, 3), 6);
      expect(since.replies).toHaveLength(3);
      expect(since.replyText).toBe('reply 1\nreply 2\nreply 3');
      expect(since.toolCalls).toHaveLength(3);
      expect(since.handoffs).toHaveLength(3);
      expect(since.notices).toHaveLength(3);
    }
  });

  it('is empty when nothing new happened, and an empty turn of the given index when there is no turn', () => {
    const since = sinceObserved(turnWith(3, 2), turnWith(3, 2), 4);
    expect(since).toMatchObject({ replies: [], replyText: '', toolCalls: [], handoffs: [], notices: [] });
    expect(sinceObserved(turnWith(3, 2), undefined, 9)).toMatchObject({ index: 9, agent: undefined, replies: [], notices: [] });
  });
});
