import { describe, expect, it } from 'vitest';
import { emptyCost, reduceCost } from '../../src-shared/cost';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const at = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>): SessionEvent => ({
  seq: seq++,
  t: seq * 10,
  direction,
  type,
  payload,
});
const usage = { input_tokens: 10, output_tokens: 2, input_token_details: { text_tokens: 10 }, output_token_details: { text_tokens: 2 } };
const responseDone = () => at('server', 'response.done', { response: { status: 'completed', usage } });
const billedModels = (...events: SessionEvent[]) =>
  reduceCost(emptyCost, events)
    .responses.toArray()
    .map((response) => `${response.source} ${response.model}`);

describe('which responses are billed, and to which model', () => {
  it('keeps the realtime model the session named, over a later empty or non-text one', () => {
    seq = 0;
    expect(
      billedModels(
        at('app', 'session.minted', { model: 'gpt-a' }),
        at('app', 'session.started', { model: '' }),
        at('app', 'session.started', { model: 5 }),
        responseDone(),
      ),
    ).toEqual(['realtime gpt-a']);
  });

  it('bills a response to an unnamed model when the session never said, even with a session.created that has no session', () => {
    seq = 0;
    expect(billedModels(at('server', 'session.created', {}), responseDone())).toEqual(['realtime realtime (model not in the log)']);
  });

  it('bills only a response done, and a backend call only when it reports its usage', () => {
    seq = 0;
    expect(
      billedModels(
        at('server', 'response.created', { response: { usage } }),
        at('app', 'supervisor.response', { model: 'gpt-s', usage: null }),
        at('app', 'supervisor.response', { model: 'gpt-s', usage: 'lots' }),
        at('app', 'escalation.response', { model: 'gpt-e', usage: { inputTokens: 5, outputTokens: 1 } }),
      ),
    ).toEqual(['escalation gpt-e']);
  });

  it('counts a response seen again in a later batch once', () => {
    seq = 0;
    const first = responseDone();
    const once = reduceCost(emptyCost, [at('app', 'session.started', { model: 'gpt-a' }), first]);
    const again = reduceCost(once, [first]);
    expect(again.responses.toArray()).toHaveLength(1);
    expect(again.byModel.get('gpt-a')?.textInput).toBe(10);
  });
});
