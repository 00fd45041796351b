import type { ObservedTurn } from './observedTurns';

const nothing: ObservedTurn = {
  index: 0,
  user: '',
  agent: undefined,
  replies: [],
  replyText: '',
  toolCalls: [],
  handoffs: [],
  notices: [],
  latency: { committed: undefined, created: undefined, firstText: undefined, firstAudio: undefined, done: undefined },
  latencyMissing: [],
  cost: { tokensByModel: new Map(), dollars: undefined, unpriced: [] },
  t: undefined,
};

/**
 * What the assistant did between two observations of the same (last) turn: the replies, tool calls, handoffs
 * and notices `after` has beyond `before`. A silence turn is checked against this; it has no user text and no
 * latency of its own.
 */
export function sinceObserved(before: ObservedTurn | undefined, after: ObservedTurn | undefined, index: number): ObservedTurn {
  if (!after) return { ...nothing, index };
  const same = before !== undefined && before.index === after.index;
  const replies = after.replies.slice(same ? before.replies.length : 0);
  return {
    ...nothing,
    index,
    agent: after.agent,
    replies,
    replyText: replies.map((reply) => reply.text).join('\n'),
    toolCalls: after.toolCalls.slice(same ? before.toolCalls.length : 0),
    handoffs: after.handoffs.slice(same ? before.handoffs.length : 0),
    notices: after.notices.slice(same ? before.notices.length : 0),
  };
}
