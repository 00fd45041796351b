import { describe, expect, it } from 'vitest';
import { formatComparison } from '../../../src-main/cli/compareReport';
import { compareSessions } from '../../../src-shared/scenarioTests/compareSessions';
import { observedSample, withTurn } from './sampleSession';

const sample = observedSample();
const names = { a: 'a.jsonl', b: 'b.jsonl', colour: false };

describe('the comparison as a person reads it in a terminal', () => {
  it('shows each turn with its user text, replies, tool calls, handoffs, guardrail, latency and cost, then says the sessions match', () => {
    const text = formatComparison(compareSessions(sample, sample), names);
    expect(text).toMatch(/^A: a\.jsonl\nB: b\.jsonl\nBoth have 3 user turns\.\n/);
    expect(text).toContain('Turn 2: same tool calls and handoffs\n  user: My phone number is 206 135 1246');
    expect(text).toContain('    = authenticate_user_information same arguments\n    = lookupOrders same arguments');
    expect(text).toContain('  handoffs: authentication → returns\n  guardrail verdicts: pass, pass');
    expect(text).toContain('Turn 1: same tool calls and handoffs');
    expect(text).toMatch(/^ {2}tool calls: none$/m);
    expect(text).toMatch(/^ {4}first audio +\d+ ms +\d+ ms +\+0 ms$/m);
    expect(text).toMatch(/^ {4}committed +— +—$/m);
    expect(text).toMatch(/^ {4}cost +\$0\.\d{4} +\$0\.\d{4} +\+\$0\.0000$/m);
    expect(text).toMatch(/^ {4}tokens +\d+ +\d+ +\+0$/m);
    expect(text.endsWith('\ncompare: same tool calls and handoffs\n')).toBe(true);
    expect(text).not.toContain('\u001b[');
  });

  it('marks removed words [-…-] and added ones {+…+}, an argument that differs by its path, and what differs in the heading', () => {
    const edited = observedSample(
      ['Ridgeline Outfitters. To get', 'Summit Outfitters. To get'],
      ['last_4_digits\\":\\"1234\\"', 'last_4_digits\\":\\"9999\\"'],
    );
    const handedElsewhere = withTurn(edited, 1, (turn) => ({
      handoffs: [{ from: 'authentication', to: 'sales' }],
      toolCalls: turn.toolCalls.slice(0, 1),
      latency: { ...turn.latency, done: turn.latency.done! - 500 },
    }));
    const text = formatComparison(compareSessions(sample, handedElsewhere), names);
    expect(text).toContain('  reply: Hello, this is [-Ridgeline-]{+Summit+} Outfitters.');
    expect(text).toContain('Turn 2: differs in tool calls and handoffs');
    expect(text).toContain('    ~ authenticate_user_information arguments differ\n        last_4_digits: "1234" → "9999"');
    expect(text).toContain('    - lookupOrders only in A {"phoneNumber":"(206) 135-1246"}');
    expect(text).toContain('  handoffs differ: A authentication → returns · B authentication → sales');
    expect(text).toMatch(/^ {4}done +\d+ ms +\d+ ms +-500 ms$/m);
    expect(text.endsWith('\ncompare: 1 turn differs in tool calls or handoffs\n')).toBe(true);
  });

  it('says plainly which turns only one session has, and counts them as differing', () => {
    const shorter = { ...sample, turns: sample.turns.slice(0, 1) };
    const text = formatComparison(compareSessions(shorter, sample), names);
    expect(text).toContain('B has 3 user turns, A has 1: turns 2–3 are only in B.');
    expect(text).toContain('Turn 3: only in B\n  user: Yes, I want to return it.\n  reply: {+Let me check');
    expect(text).toContain('    + checkEligibilityAndPossiblyInitiateReturn only in B {"userDesiredAction"');
    expect(text.endsWith('\ncompare: 2 turns differ in tool calls or handoffs\n')).toBe(true);
    const oneMore = formatComparison(compareSessions(sample, { ...sample, turns: sample.turns.slice(0, 2) }), names);
    expect(oneMore).toContain('A has 3 user turns, B has 2: turn 3 is only in A.');
    expect(oneMore).toMatch(/^ {4}tokens +\d+ +— *$/m);
  });

  it('names a differing user text and guardrail, and a call whose arguments are not JSON', () => {
    const b = withTurn(sample, 0, (turn) => ({
      user: 'Hello?',
      replies: turn.replies.map((reply) => ({ ...reply, guardrail: undefined })),
      toolCalls: [{ name: 'f', arguments: 'x', argumentsText: 'x', output: undefined, agent: undefined, via: undefined }],
    }));
    const a = withTurn(sample, 0, () => ({
      toolCalls: [{ name: 'f', arguments: 'y', argumentsText: 'y', output: undefined, agent: undefined, via: undefined }],
    }));
    const text = formatComparison(compareSessions(a, b), names);
    expect(text).toContain('  user differs: A "Hi, I bought a snowboard last week and I want to send it back." · B "Hello?"');
    expect(text).toContain('  guardrail verdicts differ: A pass · B none');
    expect(text).toContain('        (arguments): "y" → "x"');
  });

  it('colours the marks only when asked (stdout is a terminal)', () => {
    const edited = observedSample(['Ridgeline Outfitters. To get', 'Summit Outfitters. To get']);
    const text = formatComparison(compareSessions(sample, edited), { ...names, colour: true });
    expect(text).toContain('\u001b[31m[-Ridgeline-]\u001b[0m');
    expect(text).toContain('\u001b[32m{+Summit+}\u001b[0m');
    expect(text).toContain('\u001b[1mTurn 1: same tool calls and handoffs\u001b[0m');
  });
});
