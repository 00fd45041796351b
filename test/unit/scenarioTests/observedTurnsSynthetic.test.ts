import { describe, expect, it } from 'vitest';
import type { PricingTable } from '../../../src-shared/pricing';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { observeSession } from '../../../src-shared/scenarioTests/observedTurns';

/**
 * A small session written out by hand, so each turn's agent, replies, guardrail words, tool calls, notices
 * and share of the cost can be stated exactly: a greeting, then three user turns.
 */
let seq = 0;
const at = (t: number, direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => ({
  seq: seq++,
  t,
  direction,
  type,
  payload,
});
const assistant = (t: number, id: string, text: string) =>
  at(t, 'server', 'conversation.item.done', {
    item: { id, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text }] },
  });
const user = (t: number, id: string, text: string) =>
  at(t, 'client', 'conversation.item.create', { item: { id, type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
const call = (t: number, callId: string, name: string, args: string) =>
  at(t, 'server', 'conversation.item.done', { item: { id: `item-${callId}`, type: 'function_call', call_id: callId, name, arguments: args } });
const output = (t: number, callId: string, text: string) =>
  at(t, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: callId, output: text } });
const usage = { input_tokens: 100, output_tokens: 10, input_token_details: { text_tokens: 100 }, output_token_details: { text_tokens: 10 } };

seq = 0;
const session: SessionEvent[] = [
  at(0, 'app', 'session.started', { agent: 'triage', guardrails: true, model: 'gpt-realtime' }),
  // The greeting, before anyone spoke; its response is billed to the opening.
  at(100, 'server', 'response.created'),
  assistant(110, 'g1', 'Welcome!'),
  at(115, 'app', 'guardrail.verdict', { itemId: 'g1', tripped: false, category: 'none', rationale: 'a greeting' }),
  at(120, 'server', 'response.done', { response: { status: 'completed', usage } }),
  // Turn 1: triage answers, calls a tool whose arguments are not JSON, hits an API error and hands off.
  user(1000, 'u1', 'I want a refund.'),
  // A backend call billed at the very moment the turn began (no call id: it shows no tool of its own).
  at(1000, 'app', 'supervisor.response', { model: 'gpt-6.1-terra', usage: { inputTokens: 50, outputTokens: 5 } }),
  at(1050, 'server', 'response.created'),
  assistant(1100, 'a1', 'You will get all your money back.'),
  at(1150, 'app', 'guardrail.verdict', { itemId: 'a1', tripped: true, category: 'refund_promise', rationale: 'promised a refund' }),
  call(1200, 'c1', 'lookupOrders', 'not json'),
  output(1210, 'c1', '[]'),
  at(1220, 'server', 'error', { error: { message: 'Bad thing', code: 'oops' } }),
  call(1230, 'h1', 'transfer_to_returns', '{}'),
  at(1300, 'server', 'response.done', { response: { status: 'completed', usage } }),
  // Turn 2: returns is interrupted, then says something its guardrail never answers; then billing runs a tool.
  user(2000, 'u2', 'Hurry up.'),
  at(2001, 'app', 'agent.changed', { from: 'triage', to: 'returns', reason: 'handoff' }),
  at(2050, 'server', 'response.created'),
  assistant(2100, 'a2', 'Sorry—'),
  at(2110, 'app', 'guardrail.error', { itemId: 'a2', message: 'classifier down' }),
  at(2120, 'server', 'response.done', { response: { status: 'cancelled', output: [{ id: 'a2' }] } }),
  assistant(2200, 'a3', 'Let me check.'),
  at(2300, 'app', 'agent.changed', { from: 'returns', to: 'billing', reason: 'supervisor' }),
  call(2400, 'c2', 'refund', '{"order":7}'),
  at(2405, 'app', 'supervisor.request', { callId: 'c2', request: {} }),
  at(2408, 'app', 'supervisor.response', { callId: 'c2', result: 'refunded' }),
  output(2410, 'c2', 'refunded'),
  at(2500, 'server', 'response.done', { response: { status: 'completed' } }),
  // Turn 3: typed, and never answered.
  user(3000, 'u3', 'Thanks.'),
];

const table: PricingTable = {
  takenOn: '2026-12-03',
  source: 'test',
  currency: 'USD',
  unit: 'per 1M tokens',
  models: { 'gpt-realtime': { textInput: 4, textOutput: 16 } },
};

/**
 * Split inside each test, not when the file is collected: Stryker switches a mutant on only once the tests start,
 * so a result computed at collection would never see it.
 */
const observed = () => observeSession(session);

describe('a hand-written session split into turns', () => {
  it('numbers the turns from 1 and keeps the greeting as turn 0 with no user text and no latency', () => {
    const { opening, turns } = observed();
    expect(turns.map((turn) => [turn.index, turn.user])).toEqual([
      [1, 'I want a refund.'],
      [2, 'Hurry up.'],
      [3, 'Thanks.'],
    ]);
    expect(opening).toMatchObject({ index: 0, user: '', agent: undefined, replyText: 'Welcome!', t: undefined, latencyMissing: [] });
    expect(opening!.latency).toEqual({ committed: undefined, created: undefined, firstText: undefined, firstAudio: undefined, done: undefined });
  });

  it('gives each turn the agent that was active when the user spoke: the last one to speak or run a tool, or a handoff’s target', () => {
    const { turns } = observed();
    expect(turns.map((turn) => turn.agent)).toEqual(['triage', 'returns', 'billing']);
    expect(turns[1]!.replies.map((reply) => reply.agent)).toEqual(['returns', 'returns']);
    expect(turns[1]!.toolCalls[0]!.agent).toBe('billing');
  });

  it('words each reply’s guardrail: pass, the failed category with its rationale, error, or nothing while pending', () => {
    const { opening, turns } = observed();
    expect(opening!.replies[0]).toMatchObject({ guardrail: 'pass', guardrailRationale: 'a greeting' });
    expect(turns[0]!.replies).toEqual([
      {
        agent: 'triage',
        text: 'You will get all your money back.',
        interrupted: false,
        guardrail: 'refund_promise',
        guardrailRationale: 'promised a refund',
      },
    ]);
    expect(turns[1]!.replies).toEqual([
      { agent: 'returns', text: 'Sorry—', interrupted: true, guardrail: 'error', guardrailRationale: undefined },
      { agent: 'returns', text: 'Let me check.', interrupted: false, guardrail: undefined, guardrailRationale: undefined },
    ]);
    expect(turns[1]!.replyText).toBe('Sorry—\nLet me check.');
  });

  it('keeps tool calls with their arguments parsed when they are JSON, and handoffs and notices apart', () => {
    const { turns } = observed();
    expect(turns[0]!.toolCalls.map((toolCall) => [toolCall.name, toolCall.arguments, toolCall.argumentsText, toolCall.output])).toEqual([
      ['lookupOrders', 'not json', 'not json', '[]'],
    ]);
    expect(turns[0]!.handoffs).toEqual([{ from: 'triage', to: 'returns' }]);
    expect(turns[0]!.notices).toEqual([{ level: 'error', text: 'Realtime API error: Bad thing (oops)' }]);
    expect(turns[0]!.toolCalls[0]!.via).toBeUndefined();
    expect(turns[1]!.toolCalls.map((toolCall) => [toolCall.name, toolCall.arguments, toolCall.output, toolCall.via])).toEqual([
      ['refund', { order: 7 }, 'refunded', 'supervisor'],
    ]);
    expect(turns[1]!.handoffs).toEqual([]);
    expect(turns[1]!.notices).toEqual([]);
  });

  it('gives each turn its latency from when the user finished, and names what an unanswered turn lacks', () => {
    const { turns } = observed();
    expect(turns[0]!.t).toBe(1000);
    expect(turns[0]!.latency.created).toBe(50);
    expect(turns[0]!.latencyMissing).toEqual([]);
    expect(turns[2]!.t).toBe(3000);
    expect(turns[2]!.latencyMissing).toEqual(['response created', 'response done']);
  });

  it('bills a response to the turn under way at its time, one starting exactly then included', () => {
    const { opening, turns } = observed();
    expect([...opening!.cost.tokensByModel.keys()]).toEqual(['gpt-realtime']);
    expect(opening!.cost.tokensByModel.get('gpt-realtime')).toMatchObject({ textInput: 100, textOutput: 10 });
    expect([...turns[0]!.cost.tokensByModel.keys()]).toEqual(['gpt-6.1-terra', 'gpt-realtime']);
    expect(turns[0]!.cost.tokensByModel.get('gpt-6.1-terra')).toMatchObject({ textInput: 50, textOutput: 5 });
    expect(turns[1]!.cost.tokensByModel.size).toBe(0);
    expect(turns[2]!.cost.tokensByModel.size).toBe(0);
  });

  it('prices nothing without a table, and with one prices what it can and names the rest', () => {
    const { turns } = observed();
    expect(turns[0]!.cost).toMatchObject({ dollars: undefined, unpriced: [] });
    const priced = observeSession(session, table);
    // 100 text input tokens at $4 and 10 text output tokens at $16 per 1M.
    expect(priced.opening!.cost.dollars).toBeCloseTo(0.00056, 10);
    expect(priced.opening!.cost.unpriced).toEqual([]);
    expect(priced.turns[0]!.cost.dollars).toBeCloseTo(0.00056, 10);
    expect(priced.turns[0]!.cost.unpriced.join(' ')).toMatch(/gpt-6\.1-terra/);
  });
});
