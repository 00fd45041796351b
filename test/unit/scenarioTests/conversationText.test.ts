import { describe, expect, it } from 'vitest';
import { conversationText } from '../../../src-shared/scenarioTests/conversationText';
import { observeSession } from '../../../src-shared/scenarioTests/observedTurns';
import { sinceObserved } from '../../../src-shared/scenarioTests/turnSlices';
import { eventsOf, sampleText } from './sampleSession';

const { turns } = observeSession(eventsOf(sampleText()));

describe('the conversation as the judge and the simulated caller read it', () => {
  it('gives who said what in order, with each tool call, its output and each handoff', () => {
    const lines = conversationText(turns).split('\n');
    expect(lines[0]).toBe('User: Hi, I bought a snowboard last week and I want to send it back.');
    expect(lines[1]).toMatch(/^Assistant \(authentication\): Hello, this is Ridgeline Outfitters/);
    expect(lines).toContain('(handed off from authentication to returns)');
    expect(lines.find((line) => line.startsWith('(tool authenticate_user_information('))).toMatch(/→ \{"success":true/);
    expect(lines.at(-1)).toBe('Assistant (returns): The order is within the 30-day return window.');
  });

  it('puts an opening greeting first, with no user line, and marks an interrupted reply', () => {
    const opening = {
      ...turns[0]!,
      index: 0,
      user: '',
      toolCalls: [],
      handoffs: [],
      replies: [{ ...turns[0]!.replies[0]!, text: 'Welcome!', interrupted: true }],
    };
    const text = conversationText([], opening);
    expect(text).toBe('Assistant (authentication): Welcome! [interrupted]');
    expect(conversationText([])).toBe('');
  });
});

describe('what the assistant did during a silence', () => {
  it('is what the turn gained since the silence began, with no user text or latency of its own', () => {
    const before = { ...turns[1]!, replies: turns[1]!.replies.slice(0, 1), toolCalls: turns[1]!.toolCalls.slice(0, 1), handoffs: [] };
    const since = sinceObserved(before, turns[1], 7);
    expect(since.index).toBe(7);
    expect(since.user).toBe('');
    expect(since.replies.map((reply) => reply.text)).toEqual([turns[1]!.replies[1]!.text]);
    expect(since.replyText).toBe(turns[1]!.replies[1]!.text);
    expect(since.toolCalls.map((call) => call.name)).toEqual(['lookupOrders']);
    expect(since.handoffs).toEqual([{ from: 'authentication', to: 'returns' }]);
    expect(since.latency.done).toBeUndefined();
  });

  it('is the whole turn when a new turn began meanwhile, and nothing when there is no turn at all', () => {
    expect(sinceObserved(turns[0], turns[1], 3).toolCalls).toHaveLength(2);
    const nothing = sinceObserved(undefined, undefined, 4);
    expect(nothing).toMatchObject({ index: 4, replies: [], toolCalls: [], handoffs: [], replyText: '' });
  });
});
