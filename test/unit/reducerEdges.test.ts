import { describe, expect, it } from 'vitest';
import { emptyCost, formatDollars, reduceCost } from '../../src-shared/cost';
import { EventAnnotator } from '../../src-shared/eventAnnotations';
import { emptyLatency, medianAndP95, reduceLatency, stagesOf } from '../../src-shared/latency';
import { priceOf, type PricingTable } from '../../src-shared/pricing';
import { noTokens } from '../../src-shared/tokenCounts';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const at = (t: number, direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => ({
  seq: seq++,
  t,
  direction,
  type,
  payload,
});

describe('event annotations, against look-alike events', () => {
  it('takes the agent only from the app’s own session.started and agent.changed', () => {
    const annotator = new EventAnnotator();
    seq = 0;
    expect(annotator.annotate(at(0, 'server', 'session.started', { agent: 'spoofed' })).agent).toBeUndefined();
    expect(annotator.annotate(at(1, 'app', 'session.state', { agent: 'spoofed' })).agent).toBeUndefined();
    expect(annotator.annotate(at(2, 'app', 'session.started', { agent: 'greeter' })).agent).toBe('greeter');
    expect(annotator.annotate(at(3, 'app', 'agent.changed', { from: 'greeter', to: 'haikuWriter' })).agent).toBe('haikuWriter');
    expect(annotator.annotate(at(4, 'app', 'agent.changed', { to: '' })).agent).toBe('haikuWriter');
  });

  it('opens a turn on push-to-talk down, speech started or a typed user message, and only those', () => {
    const annotator = new EventAnnotator();
    seq = 0;
    const turns = [
      at(0, 'client', 'ptt.down'),
      at(1, 'client', 'input_audio_buffer.speech_started'),
      at(2, 'client', 'conversation.item.create', { item: { type: 'message', role: 'assistant' } }),
      at(3, 'client', 'conversation.item.create', { item: { type: 'function_call_output', role: 'user' } }),
      at(4, 'server', 'conversation.item.create', { item: { type: 'message', role: 'user' } }),
      at(5, 'app', 'ptt.down'),
      at(6, 'app', 'ptt.down'),
      at(7, 'client', 'response.created'),
      at(8, 'server', 'response.done'),
      at(9, 'server', 'input_audio_buffer.speech_started'),
      at(10, 'server', 'response.created'),
      at(11, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user' } }),
    ].map((event) => annotator.annotate(event).turn);
    expect(turns).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 2]);
  });

  it('times a response from its own response.created, by id, and only server events', () => {
    const annotator = new EventAnnotator();
    seq = 0;
    annotator.annotate(at(100, 'server', 'response.created', { response: { id: 'a' } }));
    annotator.annotate(at(150, 'client', 'response.created', { response: { id: 'b' } }));
    annotator.annotate(at(200, 'server', 'response.created', { response: { id: 'b' } }));
    expect(annotator.annotate(at(900, 'client', 'response.done', { response: { id: 'a' } })).responseMs).toBeUndefined();
    expect(annotator.annotate(at(1000, 'server', 'response.done', { response: { id: 'b' } })).responseMs).toBe(800);
    expect(annotator.annotate(at(1100, 'server', 'response.done', { response: { id: 'a' } })).responseMs).toBe(1000);
    expect(annotator.annotate(at(1200, 'server', 'response.done', { response: { id: 'a' } })).responseMs).toBeUndefined();
    expect(annotator.annotate(at(1300, 'server', 'response.done', { response: {} })).responseMs).toBeUndefined();
  });

  it('names items and calls from every field that carries them, and folds parts of an item apart', () => {
    const annotator = new EventAnnotator();
    seq = 0;
    expect(annotator.annotate(at(0, 'app', 'guardrail.verdict', { itemId: 'i1' })).itemId).toBe('i1');
    expect(annotator.annotate(at(0, 'server', 'conversation.item.added', { item: { id: 'i2', call_id: 'c2' } }))).toMatchObject({
      itemId: 'i2',
      callId: 'c2',
    });
    expect(annotator.annotate(at(0, 'app', 'supervisor.request', { callId: 'c3' })).callId).toBe('c3');
    expect(annotator.annotate(at(0, 'server', 'x', { item_id: '', call_id: '' }))).toMatchObject({ itemId: undefined, callId: undefined });
    const part0 = annotator.annotate(at(0, 'server', 'response.output_audio_transcript.delta', { item_id: 'a', content_index: 0 })).foldKey;
    const part1 = annotator.annotate(at(0, 'server', 'response.output_audio_transcript.delta', { item_id: 'a', content_index: 1 })).foldKey;
    const text = annotator.annotate(at(0, 'server', 'response.output_text.delta', { item_id: 'a', content_index: 0 })).foldKey;
    expect(new Set([part0, part1, text]).size).toBe(3);
    expect(annotator.annotate(at(0, 'server', 'response.done', { item_id: 'a' })).foldKey).toBeUndefined();
  });
});

describe('latency, against look-alike events', () => {
  it('reads the silence from the last turn detection sent, GA or beta shape, and none in push-to-talk', () => {
    seq = 0;
    const beta = reduceLatency(emptyLatency, [
      at(0, 'client', 'session.update', { session: { turn_detection: { type: 'server_vad', silence_duration_ms: 650 } } }),
      at(10, 'server', 'input_audio_buffer.speech_stopped'),
    ]);
    expect(beta.turns.at(0)!.silenceMs).toBe(650);
    const semantic = reduceLatency(emptyLatency, [
      at(0, 'client', 'session.update', { session: { audio: { input: { turn_detection: { type: 'semantic_vad' } } } } }),
      at(10, 'server', 'input_audio_buffer.speech_stopped'),
    ]);
    expect(semantic.turns.at(0)!.silenceMs).toBeUndefined();
    const off = reduceLatency(beta, [at(20, 'client', 'session.update', { session: { audio: { input: { turn_detection: null } } } })]);
    expect(off.turnDetection).toBeUndefined();
    const untouched = reduceLatency(beta, [at(30, 'client', 'session.update', { session: { instructions: 'x' } })]);
    expect(untouched.turnDetection).toEqual(beta.turnDetection);
    expect(reduceLatency(beta, [at(30, 'server', 'session.update', { session: { turn_detection: null } })]).turnDetection).toEqual(
      beta.turnDetection,
    );
  });

  it('keeps the latest round-trip time sampled', () => {
    seq = 0;
    const sampled = reduceLatency(emptyLatency, [at(0, 'app', 'webrtc.stats', { rttMs: 42.5 })]);
    expect(sampled.rttMs).toBe(42.5);
    expect(reduceLatency(sampled, [at(1, 'app', 'webrtc.stats', {})]).rttMs).toBe(42.5);
  });

  it('times a handoff from the model choosing it until the new agent is active, and names it so', () => {
    seq = 0;
    const state = reduceLatency(emptyLatency, [
      at(1000, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user' } }),
      at(1100, 'server', 'response.created'),
      at(1300, 'server', 'response.function_call_arguments.done', { call_id: 'h1', name: 'transfer_to_returns' }),
      at(1320, 'app', 'agent.changed', { from: 'auth', to: 'sales', reason: 'handoff' }),
      at(1340, 'app', 'agent.changed', { from: 'auth', to: 'returns', reason: 'user' }),
      at(1350, 'app', 'agent.changed', { from: 'auth', to: 'returns', reason: 'handoff' }),
      at(1360, 'server', 'response.function_call_arguments.done', { call_id: 'h2', name: 'lookupOrders' }),
      at(1390, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'h2' } }),
      at(1395, 'server', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'h1' } }),
      at(1400, 'app', 'escalation.response', { callId: 'e9', model: 'o4-mini', durationMs: 30 }),
      at(1500, 'server', 'response.done'),
    ]);
    const turn = state.turns.at(0)!;
    expect(turn.calls).toEqual([
      { callId: 'h1', name: 'transfer_to_returns', kind: 'handoff', startMs: 300, endMs: 350 },
      { callId: 'h2', name: 'lookupOrders', kind: 'tool', startMs: 360, endMs: 390 },
      { callId: 'e9', name: 'escalation', kind: 'escalation', startMs: 370, endMs: 400, model: 'o4-mini' },
    ]);
    expect(stagesOf(turn).map((stage) => stage.label)).toEqual([
      'response created',
      'model chose a handoff',
      'handoff to returns',
      'model chose a tool',
      'model chose a tool',
      'tool lookupOrders',
      'escalation',
      'response done',
    ]);
    expect(stagesOf(turn).find((stage) => stage.label === 'escalation')!.governedBy).toBe('model o4-mini');
  });

  it('counts a guardrail call only with its duration, and a supervisor round only with steps', () => {
    seq = 0;
    const state = reduceLatency(emptyLatency, [
      at(0, 'app', 'ptt.up'),
      at(5, 'app', 'guardrail.verdict', { itemId: 'x' }),
      at(6, 'app', 'guardrail.verdict', { durationMs: 40 }),
      at(7, 'server', 'guardrail.verdict', { durationMs: 50 }),
      at(8, 'app', 'supervisor.response', { callId: 's', durationMs: 5, result: { text: 'no steps' } }),
    ]);
    expect(state.turns.at(0)!.guardrailMs).toEqual([40]);
    expect(state.turns.at(0)!.calls[0]).toEqual({ callId: 's', name: 'supervisor', kind: 'supervisor', startMs: 3, endMs: 8 });
  });

  it('ignores everything before the first turn, and events of a kind it does not time', () => {
    seq = 0;
    const before = reduceLatency(emptyLatency, [at(0, 'server', 'response.created'), at(1, 'server', 'response.done')]);
    expect(before.turns.length).toBe(0);
    const state = reduceLatency(emptyLatency, [
      at(0, 'app', 'ptt.up'),
      at(5, 'client', 'response.created'),
      at(6, 'client', 'input_audio_buffer.committed'),
    ]);
    expect(state.turns.at(0)).toMatchObject({ responseCreatedMs: undefined, committedMs: undefined });
  });

  it('finds the median and p95 of unsorted values without changing them', () => {
    const values = [900, 100, 500, 300, 700];
    expect(medianAndP95(values)).toEqual({ median: 500, p95: 900 });
    expect(values).toEqual([900, 100, 500, 300, 700]);
  });
});

describe('cost, against look-alike events', () => {
  it('takes the realtime model from the app, else from the server’s session.created, and bills only server response.done', () => {
    seq = 0;
    const fromServer = reduceCost(emptyCost, [
      at(0, 'client', 'session.created', { session: { model: 'wrong' } }),
      at(1, 'server', 'session.created', { session: { model: 'gpt-realtime-mini' } }),
      at(2, 'client', 'response.done', { response: { usage: { input_tokens: 5 } } }),
      at(3, 'server', 'response.done', { response: { usage: { input_tokens: 5, output_tokens: 2 } } }),
      at(4, 'server', 'supervisor.response', { model: 'gpt-4.1', usage: { inputTokens: 9 } }),
      at(5, 'app', 'supervisor.request', { model: 'gpt-4.1', usage: { inputTokens: 9 } }),
      at(6, 'app', 'escalation.response', { model: 'o4-mini', usage: { inputTokens: 7, outputTokens: 1 } }),
    ]);
    expect(fromServer.realtimeModel).toBe('gpt-realtime-mini');
    expect([...fromServer.byModel.keys()]).toEqual(['gpt-realtime-mini', 'o4-mini']);
    // A usage without its split by kind is counted, as of unknown kind.
    expect(fromServer.byModel.get('gpt-realtime-mini')).toMatchObject({ textInput: 0, unknownInput: 5, textOutput: 0, unknownOutput: 2 });
    const appFirst = reduceCost(emptyCost, [
      at(0, 'app', 'session.minted', { model: 'gpt-realtime' }),
      at(1, 'server', 'session.created', { session: { model: 'other' } }),
    ]);
    expect(appFirst.realtimeModel).toBe('gpt-realtime');
    const unnamed = reduceCost(emptyCost, [
      at(0, 'server', 'response.done', { response: { usage: { input_tokens: 1 } } }),
      at(1, 'app', 'guardrail.verdict', { usage: { inputTokens: 1 } }),
    ]);
    expect([...unnamed.byModel.keys()]).toEqual(['realtime (model not in the log)', 'unknown model']);
  });

  it('ignores negative or non-numeric token counts and returns the same state when nothing is billed', () => {
    seq = 0;
    const state = reduceCost(emptyCost, [at(0, 'server', 'response.done', { response: { usage: { input_tokens: -4, output_tokens: 'many' } } })]);
    expect(state.byModel.get('realtime (model not in the log)')).toMatchObject({ textInput: 0, textOutput: 0, unknownInput: 0, unknownOutput: 0 });
    const odd = reduceCost(emptyCost, [
      at(1, 'server', 'response.done', {
        response: { usage: { input_tokens: '72', output_tokens: Infinity, input_token_details: { text_tokens: '9', audio_tokens: Number.NaN } } },
      }),
    ]);
    expect(odd.byModel.get('realtime (model not in the log)')).toEqual({ ...noTokens });
    expect(reduceCost(state, [at(1, 'server', 'rate_limits.updated')])).toBe(state);
  });

  it('formats a dollar exactly with cents', () => {
    expect(formatDollars(1)).toBe('$1.00');
    expect(formatDollars(0.99999)).toBe('$1.0000');
  });
});

describe('the pricing table lookup', () => {
  const table: PricingTable = {
    takenOn: '2026-01-01',
    source: 'test',
    currency: 'USD',
    unit: 'per 1M tokens',
    models: {
      gpt: { textInput: 1, textOutput: 1 },
      'gpt-realtime': { textInput: 2, textOutput: 2 },
      'gpt-realtime-mini': { textInput: 3, textOutput: 3 },
    },
  };
  it('prices a dated snapshot as the model it is a snapshot of, and a longer name by no shorter entry', () => {
    expect(priceOf(table, 'gpt-realtime-mini-2025-10-06')?.name).toBe('gpt-realtime-mini');
    expect(priceOf(table, 'gpt-realtime-2025-08-28')?.name).toBe('gpt-realtime');
    expect(priceOf(table, 'gpt-5')).toBeUndefined();
    expect(priceOf(table, 'gpt-realtime-mini-2')).toBeUndefined();
    expect(priceOf(table, 'gptx')).toBeUndefined();
  });
});
