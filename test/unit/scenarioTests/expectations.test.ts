import { describe, expect, it } from 'vitest';
import { checkTurn, describeResult } from '../../../src-shared/scenarioTests/expectations';
import type { ObservedReply, ObservedToolCall, ObservedTurn } from '../../../src-shared/scenarioTests/observedTurns';
import type { Expectations } from '../../../src-shared/scenarioTests/testsFile';

function call(name: string, args: unknown = {}): ObservedToolCall {
  return { name, arguments: args, argumentsText: JSON.stringify(args), output: undefined, agent: undefined, via: undefined };
}

function reply(text: string, guardrail?: string): ObservedReply {
  return { agent: 'returns', text, interrupted: false, guardrail, guardrailRationale: undefined };
}

function turnOf(parts: Partial<ObservedTurn> = {}): ObservedTurn {
  const replies = parts.replies ?? [];
  return {
    index: 1,
    user: 'hello',
    agent: 'authentication',
    replies,
    replyText: replies.map((entry) => entry.text).join('\n'),
    toolCalls: [],
    handoffs: [],
    notices: [],
    latency: { committed: undefined, created: 300, firstText: 450, firstAudio: 1784, done: 5000 },
    latencyMissing: [],
    cost: { tokensByModel: new Map(), dollars: undefined, unpriced: [] },
    t: 1000,
    ...parts,
  };
}

const lines = (expectations: Expectations, turn: ObservedTurn, judged?: Parameters<typeof checkTurn>[2]) =>
  checkTurn(expectations, turn, judged).map((result) => `${result.ok ? 'ok' : 'FAIL'} ${describeResult(result)}`);

const authenticated = turnOf({
  toolCalls: [
    call('authenticate_user_information', { last_4_digits: '1234', phone_number: '206', extra: { a: 1, b: [1, 2] } }),
    call('lookupOrders'),
  ],
  handoffs: [{ from: 'authentication', to: 'returns' }],
});

describe('checking a turn against its expectations', () => {
  it('gives no results for a turn without expectations', () => {
    expect(checkTurn(undefined, authenticated)).toEqual([]);
    expect(checkTurn({}, authenticated)).toEqual([]);
  });

  it('passes tool calls whose arguments hold the expected ones as a deep subset, in any order', () => {
    expect(
      lines(
        {
          toolCalls: [
            { name: 'lookupOrders' },
            { name: 'authenticate_user_information', arguments: { last_4_digits: '1234', extra: { b: [1, 2] } } },
          ],
        },
        authenticated,
      ),
    ).toEqual([
      'ok toolCalls: expected lookupOrders, authenticate_user_information with {"last_4_digits":"1234","extra":{"b":[1,2]}}; ' +
        'seen authenticate_user_information with {"last_4_digits":"1234","phone_number":"206","extra":{"a":1,"b":[1,2]}}, lookupOrders with {}',
    ]);
  });

  it('fails a tool call with other arguments, saying what was called instead', () => {
    const turn = turnOf({ toolCalls: [call('authenticate_user_information', { last_4_digits: '9999' })] });
    expect(lines({ toolCalls: [{ name: 'authenticate_user_information', arguments: { last_4_digits: '1234' } }] }, turn)).toEqual([
      'FAIL toolCalls: expected authenticate_user_information with {"last_4_digits":"1234"}; seen authenticate_user_information with {"last_4_digits":"9999"}',
    ]);
  });

  it('compares list arguments item by item and values strictly', () => {
    const turn = turnOf({ toolCalls: [call('checkout', { item_ids: ['a', 'b'], count: 2 })] });
    const ok = (args: Record<string, unknown>) => checkTurn({ toolCalls: [{ name: 'checkout', arguments: args }] }, turn)[0]!.ok;
    expect(ok({ item_ids: ['a', 'b'] })).toBe(true);
    expect(ok({ item_ids: ['a'] })).toBe(false);
    expect(ok({ item_ids: ['b', 'a'] })).toBe(false);
    expect(ok({ item_ids: ['a', 'c'] })).toBe(false);
    expect(ok({ item_ids: ['a', 'b'], count: 3 })).toBe(false);
    expect(ok({ item_ids: ['a', 'b'], count: 2 })).toBe(true);
    expect(ok({ item_ids: 'a,b' })).toBe(false);
    expect(ok({ count: '2' })).toBe(false);
    expect(ok({ missing: undefined })).toBe(false);
    expect(ok({ count: { n: 2 } })).toBe(false);
  });

  it('compares null arguments as values', () => {
    const turn = turnOf({ toolCalls: [call('addToCart', { item_id: null })] });
    expect(checkTurn({ toolCalls: [{ name: 'addToCart', arguments: { item_id: null } }] }, turn)[0]!.ok).toBe(true);
    expect(checkTurn({ toolCalls: [{ name: 'addToCart', arguments: { item_id: 'b1' } }] }, turn)[0]!.ok).toBe(false);
  });

  it('shows arguments that are not JSON as their text', () => {
    const turn = turnOf({ toolCalls: [{ ...call('lookupOrders'), arguments: 'not json' }] });
    expect(checkTurn({ toolCalls: [{ name: 'lookupOrders', arguments: { phoneNumber: '1' } }] }, turn)[0]).toMatchObject({
      ok: false,
      seen: 'lookupOrders with not json',
    });
  });

  it('needs a different call for each expected one, trying every pairing', () => {
    const turn = turnOf({ toolCalls: [call('lookupOrders', { phoneNumber: '1' }), call('lookupOrders', { phoneNumber: '2' })] });
    const twice = { toolCalls: [{ name: 'lookupOrders' }, { name: 'lookupOrders', arguments: { phoneNumber: '1' } }] };
    expect(checkTurn(twice, turn)[0]!.ok).toBe(true);
    const thrice = { toolCalls: [...twice.toolCalls, { name: 'lookupOrders' }] };
    expect(checkTurn(thrice, turn)[0]!.ok).toBe(false);
  });

  it('says when no tool was called', () => {
    expect(lines({ toolCalls: [{ name: 'lookupOrders' }] }, turnOf())).toEqual(['FAIL toolCalls: expected lookupOrders; seen no tool calls']);
  });

  it('matches a transfer_to_<agent> entry against the turn’s handoffs', () => {
    expect(lines({ toolCalls: [{ name: 'transfer_to_returns' }] }, authenticated)).toEqual([
      'ok toolCalls: expected transfer_to_returns; seen authenticate_user_information with {"last_4_digits":"1234","phone_number":"206","extra":{"a":1,"b":[1,2]}}, lookupOrders with {}, transfer_to_returns with {}',
    ]);
    expect(checkTurn({ toolCalls: [{ name: 'transfer_to_sales' }] }, authenticated)[0]!.ok).toBe(false);
  });

  it('with toolCallsExactly, passes only these calls in this order, handoffs compared only when listed', () => {
    const exactly = (names: string[]) => checkTurn({ toolCalls: names.map((name) => ({ name })), toolCallsExactly: true }, authenticated)[0]!;
    expect(exactly(['authenticate_user_information', 'lookupOrders'])).toMatchObject({
      ok: true,
      expected: 'exactly, in order: authenticate_user_information, lookupOrders',
    });
    expect(exactly(['authenticate_user_information', 'lookupOrders', 'transfer_to_returns']).ok).toBe(true);
    expect(exactly(['authenticate_user_information', 'lookupOrders', 'transfer_to_sales']).ok).toBe(false);
    expect(exactly(['lookupOrders', 'authenticate_user_information']).ok).toBe(false);
    expect(exactly(['authenticate_user_information']).ok).toBe(false);
    expect(exactly(['authenticate_user_information', 'lookupOrders', 'lookupOrders']).ok).toBe(false);
    const twoHandoffs = turnOf({
      handoffs: [
        { from: 'a', to: 'returns' },
        { from: 'returns', to: 'sales' },
      ],
    });
    const handoffs = (names: string[]) => checkTurn({ toolCalls: names.map((name) => ({ name })), toolCallsExactly: true }, twoHandoffs)[0]!.ok;
    expect(handoffs(['transfer_to_returns', 'transfer_to_sales'])).toBe(true);
    expect(handoffs(['transfer_to_sales', 'transfer_to_returns'])).toBe(false);
    expect(handoffs(['transfer_to_returns'])).toBe(false);
  });

  it('checks noToolCalls, not counting a handoff as a tool call', () => {
    expect(lines({ noToolCalls: true }, turnOf({ handoffs: [{ from: 'a', to: 'b' }] }))).toEqual([
      'ok noToolCalls: expected no tool calls; seen no tool calls',
    ]);
    expect(lines({ noToolCalls: true }, authenticated)).toEqual([
      'FAIL noToolCalls: expected no tool calls; seen authenticate_user_information with {"last_4_digits":"1234","phone_number":"206","extra":{"a":1,"b":[1,2]}}, lookupOrders with {}',
    ]);
  });

  it('checks the handoff, saying when there was none', () => {
    expect(lines({ handoffTo: 'returns' }, authenticated)).toEqual(['ok handoffTo: expected returns; seen a handoff to returns']);
    expect(lines({ handoffTo: 'returns' }, turnOf())).toEqual(['FAIL handoffTo: expected returns; seen no handoff']);
    const twice = turnOf({
      handoffs: [
        { from: 'a', to: 'sales' },
        { from: 'sales', to: 'returns' },
      ],
    });
    expect(lines({ handoffTo: 'returns' }, twice)).toEqual(['ok handoffTo: expected returns; seen a handoff to sales, then returns']);
    expect(lines({ handoffTo: 'human' }, twice)[0]).toMatch(/^FAIL/);
  });

  it('checks that the reply includes every phrase, ignoring case, naming the missing ones', () => {
    const turn = turnOf({ replies: [reply('I have started your Return.'), reply('A label is on its way.')] });
    expect(lines({ replyIncludes: 'RETURN' }, turn)).toEqual([
      'ok replyIncludes: expected "RETURN"; seen the reply "I have started your Return.\\nA label is on its way."',
    ]);
    expect(lines({ replyIncludes: ['return', 'refund', 'credit'] }, turn)).toEqual([
      'FAIL replyIncludes: expected "return" and "refund" and "credit"; seen no "refund" or "credit" in the reply "I have started your Return.\\nA label is on its way."',
    ]);
    expect(lines({ replyIncludes: 'return' }, turnOf())).toEqual(['FAIL replyIncludes: expected "return"; seen no "return" in no reply']);
  });

  it('shortens a long reply in what it shows', () => {
    const long = 'x'.repeat(250);
    const seen = checkTurn({ replyIncludes: 'y' }, turnOf({ replies: [reply(long)] }))[0]!.seen;
    expect(seen).toBe(`no "y" in the reply "${'x'.repeat(200)}…"`);
    expect(checkTurn({ replyIncludes: 'x' }, turnOf({ replies: [reply('x'.repeat(200))] }))[0]!.seen).toBe(`the reply "${'x'.repeat(200)}"`);
  });

  it('checks the reply against a regular expression, ignoring case', () => {
    const turn = turnOf({ replies: [reply('Your last bill was $50.00.')] });
    expect(lines({ replyMatches: 'BILL WAS \\$\\d+' }, turn)).toEqual([
      'ok replyMatches: expected /BILL WAS \\$\\d+/i; seen the reply "Your last bill was $50.00."',
    ]);
    expect(lines({ replyMatches: '^\\d+$' }, turn)).toEqual(['FAIL replyMatches: expected /^\\d+$/i; seen the reply "Your last bill was $50.00."']);
  });

  it('takes the judge’s verdict, and fails a criterion that was not judged', () => {
    const criterion = 'The assistant says the return has been started';
    expect(lines({ judge: criterion }, turnOf(), { verdict: 'pass', reason: 'It says so.' })).toEqual([
      `ok judge: expected ${criterion}; seen pass: It says so.`,
    ]);
    expect(lines({ judge: criterion }, turnOf(), { verdict: 'fail', reason: 'It never mentions a return.' })).toEqual([
      `FAIL judge: expected ${criterion}; seen fail: It never mentions a return.`,
    ]);
    expect(lines({ judge: criterion }, turnOf())).toEqual([
      `FAIL judge: expected ${criterion}; seen not judged: the run gave no judge verdict for this turn`,
    ]);
  });

  it('checks the guardrail: pass needs every verdict to pass, a category needs a reply flagged with it', () => {
    const passed = turnOf({ replies: [reply('Hi', 'pass'), reply('More', undefined)] });
    const tripped = turnOf({ replies: [reply('Hi', 'pass'), reply('You idiot', 'OFFENSIVE')] });
    expect(lines({ guardrail: 'pass' }, passed)).toEqual(['ok guardrail: expected every reply passes; seen verdicts pass']);
    expect(lines({ guardrail: 'pass' }, tripped)).toEqual(['FAIL guardrail: expected every reply passes; seen verdicts pass, OFFENSIVE']);
    expect(lines({ guardrail: 'OFFENSIVE' }, tripped)).toEqual(['ok guardrail: expected a reply flagged OFFENSIVE; seen verdicts pass, OFFENSIVE']);
    expect(lines({ guardrail: 'VIOLENCE' }, tripped)[0]).toMatch(/^FAIL/);
    expect(lines({ guardrail: 'pass' }, turnOf({ replies: [reply('Hi')] }))).toEqual([
      'FAIL guardrail: expected every reply passes; seen no guardrail verdict in the log',
    ]);
  });

  it('checks each latency budget, failing a milestone the log did not have and saying why', () => {
    expect(lines({ latencyMs: { firstAudio: 1500, done: 6000, created: 300 } }, authenticated)).toEqual([
      'ok latencyMs.created: expected at most 300 ms; seen 300 ms',
      'FAIL latencyMs.firstAudio: expected at most 1500 ms; seen 1784 ms',
      'ok latencyMs.done: expected at most 6000 ms; seen 5000 ms',
    ]);
    expect(lines({ latencyMs: { committed: 100, firstText: 400 } }, turnOf())).toEqual([
      'FAIL latencyMs.committed: expected at most 100 ms; seen the log did not have committed for this turn',
      'FAIL latencyMs.firstText: expected at most 400 ms; seen 450 ms',
    ]);
    const partial = turnOf({
      latency: { ...authenticated.latency, done: undefined, firstAudio: 1499.6 },
      latencyMissing: ['response done', 'audio stopped'],
    });
    expect(lines({ latencyMs: { done: 6000, firstAudio: 1500 } }, partial)).toEqual([
      'ok latencyMs.firstAudio: expected at most 1500 ms; seen 1500 ms',
      'FAIL latencyMs.done: expected at most 6000 ms; seen the log did not have done for this turn (response done; audio stopped)',
    ]);
  });

  it('gives one result per expectation, in the order of the format', () => {
    const results = checkTurn(
      {
        latencyMs: { firstText: 1000 },
        guardrail: 'pass',
        judge: 'x',
        replyMatches: 'x',
        replyIncludes: 'x',
        handoffTo: 'returns',
        toolCalls: [{ name: 'lookupOrders' }],
      },
      authenticated,
      { verdict: 'pass', reason: 'ok' },
    );
    expect(results.map((result) => result.kind)).toEqual([
      'toolCalls',
      'handoffTo',
      'replyIncludes',
      'replyMatches',
      'judge',
      'guardrail',
      'latencyMs.firstText',
    ]);
  });
});
