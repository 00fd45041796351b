import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pricingTableSchema } from '../../../src-shared/pricing';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { SessionStream } from '../../../src-renderer/src/engine/events/sessionStream';
import { watchBudget, type BudgetEventType } from '../../../src-renderer/src/engine/live/budgetWatch';

const pricing = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));
const textIn = pricing.models['gpt-realtime']!.textInput;

let seq = 0;
/** A realtime response that used this many text input tokens and nothing else. */
const response = (inputTokens: number): SessionEvent => ({
  seq: seq++,
  t: seq,
  direction: 'server',
  type: 'response.done',
  payload: { response: { usage: { input_tokens: inputTokens, output_tokens: 0, input_token_details: { text_tokens: inputTokens } } } },
});

function setup(budgetUsd: number) {
  seq = 0;
  const stream = new SessionStream((apply) => apply());
  stream.push({ seq: seq++, t: 0, direction: 'app', type: 'session.started', payload: { model: 'gpt-realtime' } });
  const notes: { type: BudgetEventType; payload: Record<string, unknown> }[] = [];
  const ended: string[] = [];
  let budget = budgetUsd;
  const listeners = new Set<() => void>();
  const stop = watchBudget({
    stream,
    pricing,
    budgetUsd: () => budget,
    onBudgetChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    note: (type, payload) => notes.push({ type, payload }),
    end: (message) => ended.push(message),
  });
  const setBudget = (value: number) => {
    budget = value;
    for (const listener of listeners) listener();
  };
  return { stream, notes, ended, stop, setBudget, listeners };
}

/** Tokens whose price is this many dollars. */
const tokensFor = (dollars: number) => Math.round((dollars * 1_000_000) / textIn);

describe('the budget watch', () => {
  it('records the budget, warns once at 80 %, and at 100 % records it and ends the session with the figures', () => {
    const { stream, notes, ended } = setup(0.01);
    expect(notes).toEqual([{ type: 'budget.set', payload: { budgetUsd: 0.01 } }]);
    stream.push(response(tokensFor(0.005)));
    expect(notes).toHaveLength(1);
    stream.push(response(tokensFor(0.0035)));
    expect(notes.map((note) => note.type)).toEqual(['budget.set', 'budget.warning']);
    expect(notes[1]!.payload).toMatchObject({ budgetUsd: 0.01, pricesOf: pricing.models['gpt-realtime']!.takenOn });
    expect(notes[1]!.payload['spentUsd']).toBeCloseTo(0.0085, 6);
    stream.push(response(tokensFor(0.0001)));
    expect(notes).toHaveLength(2);
    expect(ended).toEqual([]);
    stream.push(response(tokensFor(0.002)));
    expect(notes.map((note) => note.type)).toEqual(['budget.set', 'budget.warning', 'budget.exceeded']);
    expect(ended).toHaveLength(1);
    expect(ended[0]).toContain('against $0.0100');
    expect(ended[0]).toContain(`prices of ${pricing.models['gpt-realtime']!.takenOn})`);
    expect(ended[0]).toContain('transcript and log are kept');
    // Once ended it records nothing more.
    stream.push(response(tokensFor(1)));
    expect(notes).toHaveLength(3);
    expect(ended).toHaveLength(1);
  });

  it('with no budget records nothing and never ends the session', () => {
    const { stream, notes, ended } = setup(0);
    stream.push(response(tokensFor(5)));
    expect(notes).toEqual([]);
    expect(ended).toEqual([]);
  });

  it('a budget set mid-session is recorded and checked at once; raised after a warning, it can warn again', () => {
    const { stream, notes, ended, setBudget } = setup(0);
    stream.push(response(tokensFor(0.009)));
    setBudget(0.01);
    expect(notes.map((note) => note.type)).toEqual(['budget.set', 'budget.warning']);
    setBudget(0.1);
    expect(notes.map((note) => note.type)).toEqual(['budget.set', 'budget.warning', 'budget.set']);
    stream.push(response(tokensFor(0.075)));
    expect(notes.map((note) => note.type)).toEqual(['budget.set', 'budget.warning', 'budget.set', 'budget.warning']);
    expect(ended).toEqual([]);
    setBudget(0);
    expect(notes.at(-1)).toEqual({ type: 'budget.set', payload: { budgetUsd: 0 } });
    stream.push(response(tokensFor(1)));
    expect(ended).toEqual([]);
  });

  it('stops watching when told, and the stream keeps the budget it recorded', () => {
    const { stream, notes, ended, stop, listeners } = setup(0.01);
    stop();
    expect(listeners.size).toBe(0);
    stream.push(response(tokensFor(1)));
    expect(notes).toHaveLength(1);
    expect(ended).toEqual([]);
  });
});
