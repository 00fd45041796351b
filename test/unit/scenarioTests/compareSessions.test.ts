import { describe, expect, it } from 'vitest';
import { compareSessions } from '../../../src-shared/scenarioTests/compareSessions';
import type { ObservedToolCall, ObservedTurn } from '../../../src-shared/scenarioTests/observedTurns';
import { observedSample, withTurn } from './sampleSession';

const sample = observedSample();

const call = (name: string, args: unknown): ObservedToolCall => ({
  name,
  arguments: args,
  argumentsText: typeof args === 'string' ? args : JSON.stringify(args),
  output: undefined,
  agent: undefined,
  via: undefined,
});

const withCalls = (calls: ObservedToolCall[]) => withTurn(sample, 0, () => ({ toolCalls: calls }));

describe('comparing two sessions turn by turn', () => {
  it('finds the sample the same as itself, in every turn and in every figure', () => {
    const comparison = compareSessions(sample, observedSample());
    expect(comparison.same).toBe(true);
    expect(comparison.differing).toEqual([]);
    expect(comparison.turnCount).toEqual({ a: 3, b: 3 });
    expect(comparison.turns.map((turn) => [turn.index, turn.side, turn.same])).toEqual([
      [1, 'both', true],
      [2, 'both', true],
      [3, 'both', true],
    ]);
    const second = comparison.turns[1]!;
    expect(second.toolCalls.map((compared) => [compared.name, compared.side, compared.differences])).toEqual([
      ['authenticate_user_information', 'both', []],
      ['lookupOrders', 'both', []],
    ]);
    expect(second.toolCallsSame).toBe(true);
    expect(second.handoffs).toEqual({ a: ['authentication → returns'], b: ['authentication → returns'], same: true });
    expect(second.guardrail).toEqual({ a: ['pass', 'pass'], b: ['pass', 'pass'], same: true });
    expect(second.reply.same).toBe(true);
    expect(second.reply.parts.map((part) => part.change)).toEqual(['same']);
    expect(second.user).toEqual({ a: sample.turns[1]!.user, b: sample.turns[1]!.user });
    expect(second.latency.created).toEqual({ a: sample.turns[1]!.latency.created, b: sample.turns[1]!.latency.created, delta: 0 });
    expect(second.latency.committed).toEqual({ a: undefined, b: undefined, delta: undefined });
    expect(second.dollars.delta).toBe(0);
    expect(second.tokens.a).toBeGreaterThan(0);
    expect(second.tokens.delta).toBe(0);
  });

  it('names the path of a changed argument with both values, and the turn differs', () => {
    const edited = observedSample(['last_4_digits\\":\\"1234\\"', 'last_4_digits\\":\\"9999\\"']);
    const comparison = compareSessions(sample, edited);
    expect(comparison.same).toBe(false);
    expect(comparison.differing).toEqual([2]);
    const [authenticate, lookup] = comparison.turns[1]!.toolCalls;
    expect(authenticate!.differences).toEqual([{ path: 'last_4_digits', a: '1234', b: '9999' }]);
    expect(authenticate!.a?.name).toBe('authenticate_user_information');
    expect(lookup!.differences).toEqual([]);
    expect(comparison.turns[1]!.toolCallsSame).toBe(false);
    expect(comparison.turns[1]!.handoffs.same).toBe(true);
  });

  it('writes nested paths with dots and array indexes, an absent side as undefined', () => {
    const a = withCalls([call('order', { items: [{ sku: 'A1' }], note: 'x', gone: 1 })]);
    const b = withCalls([call('order', { items: [{ sku: 'B2' }], note: 'x', added: true })]);
    expect(compareSessions(a, b).turns[0]!.toolCalls[0]!.differences).toEqual([
      { path: 'items[0].sku', a: 'A1', b: 'B2' },
      { path: 'gone', a: 1, b: undefined },
      { path: 'added', a: undefined, b: true },
    ]);
    const arrays = compareSessions(withCalls([call('list', [1, 2])]), withCalls([call('list', [1, 3])]));
    expect(arrays.turns[0]!.toolCalls[0]!.differences).toEqual([{ path: '[1]', a: 2, b: 3 }]);
  });

  it('compares arguments that are not JSON objects as a whole', () => {
    const whole = (a: unknown, b: unknown) =>
      compareSessions(withCalls([call('f', a)]), withCalls([call('f', b)])).turns[0]!.toolCalls[0]!.differences;
    expect(whole('not json', 'not json')).toEqual([]);
    expect(whole('not json', 'other')).toEqual([{ path: '', a: 'not json', b: 'other' }]);
    expect(whole({ a: 1 }, 'text')).toEqual([{ path: '', a: { a: 1 }, b: 'text' }]);
    expect(whole([1], { 0: 1 })).toEqual([{ path: '', a: [1], b: { 0: 1 } }]);
    expect(whole(null, null)).toEqual([]);
    expect(whole(null, { a: 1 })).toEqual([{ path: '', a: null, b: { a: 1 } }]);
  });

  it('keeps a call made on one side only apart, lining the others up by name in order', () => {
    const [authenticate, lookup] = sample.turns[1]!.toolCalls;
    const comparison = compareSessions(
      sample,
      withTurn(sample, 1, () => ({ toolCalls: [lookup!] })),
    );
    expect(comparison.differing).toEqual([2]);
    expect(comparison.turns[1]!.toolCalls.map((compared) => [compared.name, compared.side, compared.a?.name, compared.b?.name])).toEqual([
      ['authenticate_user_information', 'a', 'authenticate_user_information', undefined],
      ['lookupOrders', 'both', 'lookupOrders', 'lookupOrders'],
    ]);
    const added = compareSessions(
      withTurn(sample, 1, () => ({ toolCalls: [lookup!] })),
      sample,
    ).turns[1]!.toolCalls;
    expect(added.map((compared) => [compared.side, compared.a?.name, compared.b?.name, compared.differences])).toEqual([
      ['b', undefined, 'authenticate_user_information', []],
      ['both', 'lookupOrders', 'lookupOrders', []],
    ]);
    const swapped = compareSessions(
      sample,
      withTurn(sample, 1, () => ({ toolCalls: [lookup!, authenticate!] })),
    ).turns[1]!.toolCalls;
    expect(swapped.map((compared) => compared.side).sort()).toEqual(['a', 'b', 'both']);
  });

  it('finds a changed handoff, and a changed guardrail verdict alone leaves the turn the same', () => {
    const handedElsewhere = withTurn(sample, 1, () => ({ handoffs: [{ from: 'authentication', to: 'sales' }] }));
    const comparison = compareSessions(sample, handedElsewhere);
    expect(comparison.differing).toEqual([2]);
    expect(comparison.turns[1]!.handoffs).toEqual({ a: ['authentication → returns'], b: ['authentication → sales'], same: false });
    expect(comparison.turns[1]!.toolCallsSame).toBe(true);
    const unknownFrom = compareSessions(
      sample,
      withTurn(sample, 0, () => ({ handoffs: [{ from: undefined, to: 'sales' }] })),
    );
    expect(unknownFrom.turns[0]!.handoffs.b).toEqual(['? → sales']);
    const handedOnAgain = withTurn(sample, 1, (turn) => ({ handoffs: [...turn.handoffs, { from: 'returns', to: 'sales' }] }));
    expect(compareSessions(sample, handedOnAgain).turns[1]!.handoffs.same).toBe(false);
    const tripped = withTurn(sample, 0, (turn) => ({ replies: turn.replies.map((reply) => ({ ...reply, guardrail: 'violence' })) }));
    const noGuardrail = withTurn(sample, 0, (turn) => ({ replies: turn.replies.map((reply) => ({ ...reply, guardrail: undefined })) }));
    const verdicts = compareSessions(tripped, noGuardrail);
    expect(verdicts.turns[0]!.guardrail).toEqual({ a: ['violence'], b: ['none'], same: false });
    expect(verdicts.same).toBe(true);
  });

  it('diffs the replies word by word, marking what was removed and what was added', () => {
    const edited = observedSample(['Ridgeline Outfitters. To get', 'Summit Outfitters. To get']);
    const turn = compareSessions(sample, edited).turns[0]!;
    expect(turn.reply.same).toBe(false);
    expect(turn.same).toBe(true);
    expect(turn.reply.parts.filter((part) => part.change !== 'same')).toEqual([
      { text: 'Ridgeline', change: 'removed' },
      { text: 'Summit', change: 'added' },
    ]);
    expect(turn.reply.parts[0]).toEqual({ text: 'Hello, this is ', change: 'same' });
  });

  it('gives each milestone, the cost and the tokens of both sides with b − a', () => {
    const slower = withTurn(sample, 2, (turn) => ({
      latency: { ...turn.latency, committed: 100, firstAudio: turn.latency.firstAudio! + 250 },
      cost: {
        ...turn.cost,
        dollars: turn.cost.dollars! + 0.01,
        tokensByModel: new Map([['gpt-realtime', { ...turn.cost.tokensByModel.get('gpt-realtime')!, textOutput: 0 }]]),
      },
    }));
    const turn = compareSessions(sample, slower).turns[2]!;
    expect(turn.latency.firstAudio.delta).toBeCloseTo(250);
    expect(turn.latency.firstAudio.b! - turn.latency.firstAudio.a!).toBeCloseTo(250);
    expect(turn.latency.committed).toEqual({ a: undefined, b: 100, delta: undefined });
    expect(turn.latency.done.delta).toBe(0);
    expect(turn.dollars.delta).toBeCloseTo(0.01);
    expect(turn.dollars.a).toBe(sample.turns[2]!.cost.dollars);
    const realtime = sample.turns[2]!.cost.tokensByModel.get('gpt-realtime')!;
    const everyToken = (tokens: Record<string, number>) => Object.values(tokens).reduce((sum, count) => sum + count, 0);
    expect(turn.tokens.a).toBe([...sample.turns[2]!.cost.tokensByModel.values()].reduce((sum, tokens) => sum + everyToken({ ...tokens }), 0));
    expect(turn.tokens.b).toBe(everyToken({ ...realtime }) - realtime.textOutput);
    expect(turn.tokens.delta).toBe(turn.tokens.b! - turn.tokens.a!);
    expect(turn.same).toBe(true);
  });

  it('says when one session has more turns, and counts a turn only one has as differing', () => {
    const shorter = { ...sample, turns: sample.turns.slice(0, 2) };
    const comparison = compareSessions(sample, shorter);
    expect(comparison.turnCount).toEqual({ a: 3, b: 2 });
    expect(comparison.same).toBe(false);
    expect(comparison.differing).toEqual([3]);
    const last = comparison.turns[2]!;
    expect(last).toMatchObject({ index: 3, side: 'a', user: { a: 'Yes, I want to return it.', b: undefined } });
    expect(last.toolCalls.map((compared) => compared.side)).toEqual(['a']);
    expect(last.tokens.b).toBeUndefined();
    expect(last.reply.parts.every((part) => part.change === 'removed')).toBe(true);
    const longer = compareSessions(shorter, sample);
    expect(longer.turns[2]!.side).toBe('b');
    expect(longer.turns[2]!.handoffs).toEqual({ a: [], b: [], same: true });
    expect(longer.turns[2]!.toolCalls.map((compared) => [compared.name, compared.side])).toEqual([
      ['checkEligibilityAndPossiblyInitiateReturn', 'b'],
    ]);
    expect(longer.turns[2]!.guardrail).toEqual({ a: [], b: ['pass', 'pass'], same: false });
    expect(longer.turns[2]!.same).toBe(false);
  });

  it('compares what came before the first user turn as turn 0 when either session has it', () => {
    const opening: ObservedTurn = { ...sample.turns[0]!, index: 0, user: '', toolCalls: [] };
    const greeted = { ...sample, opening };
    const comparison = compareSessions(greeted, sample);
    expect(comparison.turns.map((turn) => turn.index)).toEqual([0, 1, 2, 3]);
    expect(comparison.turns[0]!.side).toBe('a');
    expect(comparison.differing).toEqual([0]);
    expect(compareSessions(greeted, greeted).turns[0]).toMatchObject({ index: 0, side: 'both', same: true });
  });
});
