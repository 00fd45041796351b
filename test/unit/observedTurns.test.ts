import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { observeSession } from '../../src-shared/scenarioTests/observedTurns';
import { parseLogLine } from '../../src-shared/sessionLog';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import type { PricingTable } from '../../src-shared/pricing';

const sample: SessionEvent[] = readFileSync('resources/sample-session/customer-service-retail.jsonl', 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '')
  .map(parseLogLine)
  .flatMap((line) => (line.kind === 'event' ? [line.event] : []));

describe('a session split into user turns', () => {
  const { opening, turns } = observeSession(sample);

  it('opens a turn at each user message, with the replies, tool calls and handoffs that follow it', () => {
    expect(opening).toBeUndefined();
    expect(turns.map((turn) => turn.user)).toEqual([
      'Hi, I bought a snowboard last week and I want to send it back.',
      'My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.',
      'Yes, I want to return it.',
    ]);
    const [first, second, third] = turns;
    expect(first!.toolCalls).toEqual([]);
    expect(first!.replyText).toMatch(/^Hello, this is Ridgeline Outfitters/);
    expect(second!.toolCalls.map((call) => call.name)).toEqual(['authenticate_user_information', 'lookupOrders']);
    expect(second!.toolCalls[0]!.arguments).toMatchObject({ last_4_digits: '1234' });
    expect(second!.handoffs).toEqual([{ from: 'authentication', to: 'returns' }]);
    expect(second!.replies.map((reply) => reply.agent)).toEqual(['authentication', 'returns']);
    expect(second!.replies.every((reply) => reply.guardrail === 'pass')).toBe(true);
    expect(third!.agent).toBe('returns');
    expect(third!.toolCalls[0]).toMatchObject({ name: 'checkEligibilityAndPossiblyInitiateReturn', via: 'escalation' });
  });

  it('gives each turn its latency milestones, done after first audio, and its own share of the tokens', () => {
    for (const turn of turns) {
      expect(turn.latency.created).toBeGreaterThan(0);
      expect(turn.latency.done!).toBeGreaterThanOrEqual(turn.latency.firstAudio!);
    }
    const realtimeTokens = (index: number) => turns[index]!.cost.tokensByModel.get('gpt-realtime');
    expect(realtimeTokens(0)?.textOutput).toBeGreaterThan(0);
    expect(turns[2]!.cost.tokensByModel.has('o4-mini')).toBe(true);
    expect(turns[0]!.cost.tokensByModel.has('o4-mini')).toBe(false);
    expect(turns[0]!.cost.dollars).toBeUndefined();
  });

  it('prices a turn with a table, naming what it could not price', () => {
    const table: PricingTable = {
      takenOn: '2026-12-03',
      source: 'test',
      currency: 'USD',
      unit: 'per 1M tokens',
      models: { 'gpt-realtime': { textInput: 4, textOutput: 16, audioInput: 32, audioOutput: 64, cachedTextInput: 0.4, cachedAudioInput: 0.4 } },
    };
    const priced = observeSession(sample, table).turns;
    expect(priced[0]!.cost.dollars).toBeGreaterThan(0);
    expect(priced[2]!.cost.unpriced.join(' ')).toMatch(/o4-mini/);
  });

  it('keeps what the assistant said before the first user turn as the opening', () => {
    const greeting = sample.filter((event) => event.t < 1000 || event.type.startsWith('session'));
    const { opening: greeted } = observeSession([
      ...greeting,
      {
        seq: 10_000,
        t: 500,
        direction: 'server',
        type: 'conversation.item.done',
        payload: {
          item: { id: 'a0', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Welcome!' }] },
        },
      },
    ]);
    expect(greeted?.replyText).toContain('Welcome!');
    expect(greeted?.index).toBe(0);
  });
});
