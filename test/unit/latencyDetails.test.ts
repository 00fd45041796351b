import { describe, expect, it } from 'vitest';
import { emptyLatency, reduceLatency, stagesOf, type TurnLatency } from '../../src-shared/latency';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const at = (t: number, direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => ({
  seq: seq++,
  t,
  direction,
  type,
  payload,
});

/** The turns of these events, fed whole. */
const turnsOf = (...events: SessionEvent[]): TurnLatency[] => reduceLatency(emptyLatency, events).turns.toArray();
const pttTurn = (...events: SessionEvent[]): TurnLatency => turnsOf(at(1000, 'app', 'ptt.up'), ...events)[0]!;

describe('the silence before the end of speech', () => {
  it('comes from server VAD’s silence, in the GA or the beta shape, with server VAD the type when none is named', () => {
    const spoken = (session: Record<string, unknown>) =>
      turnsOf(at(0, 'client', 'session.update', { session }), at(1000, 'server', 'input_audio_buffer.speech_stopped'))[0]!.silenceMs;
    expect(spoken({ audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } } })).toBe(500);
    expect(spoken({ turn_detection: { silence_duration_ms: 700 } })).toBe(700);
    expect(spoken({ turn_detection: { type: 'semantic_vad', silence_duration_ms: 700 } })).toBeUndefined();
    expect(spoken({ turn_detection: null })).toBeUndefined();
    expect(spoken({ turn_detection: { type: 'server_vad', silence_duration_ms: '700' } })).toBeUndefined();
  });

  it('is unknown when the session never said its turn detection, and a session.update without a session changes nothing', () => {
    expect(turnsOf(at(1000, 'server', 'input_audio_buffer.speech_stopped'))[0]!.silenceMs).toBeUndefined();
    const state = reduceLatency(emptyLatency, [at(0, 'client', 'session.update', {})]);
    expect(state).toBe(emptyLatency);
  });
});

describe('when a turn starts', () => {
  it('starts on a typed user message only, not on another message the client adds', () => {
    expect(turnsOf(at(100, 'client', 'conversation.item.create', { item: { type: 'message', role: 'system', content: [] } }))).toEqual([]);
    expect(turnsOf(at(100, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [] } }))[0]!.trigger).toBe(
      'typed',
    );
  });

  it('moves to a second finish only while nothing has answered, not once the input was committed', () => {
    const committed = turnsOf(
      at(1000, 'server', 'input_audio_buffer.speech_stopped'),
      at(1050, 'server', 'input_audio_buffer.committed'),
      at(1500, 'server', 'input_audio_buffer.speech_stopped'),
    );
    expect(committed.map((turn) => turn.startT)).toEqual([1000]);
    const first = reduceLatency(emptyLatency, [at(100, 'app', 'ptt.up')]);
    const again = reduceLatency(first, [at(900, 'app', 'ptt.up')]);
    expect(again.turns.toArray().map((turn) => turn.startT)).toEqual([900]);
  });
});

describe('a turn’s calls', () => {
  it('names a call the model gave no name “tool”, and ignores one without a call id', () => {
    const turn = pttTurn(
      at(1100, 'server', 'response.function_call_arguments.done', { call_id: 'c1', name: 7 }),
      at(1150, 'server', 'response.function_call_arguments.done', { name: 'lookup' }),
      at(1200, 'client', 'conversation.item.create', { item: { type: 'function_call_output', output: '{}' } }),
      at(1250, 'client', 'response.create', { item: { type: 'function_call_output', call_id: 'c9' } }),
    );
    expect(turn.calls).toEqual([{ callId: 'c1', name: 'tool', kind: 'tool', startMs: 100, endMs: undefined }]);
  });

  it('ends a call at its output, and knows an output for a call it never saw as a tool of its own', () => {
    const turn = pttTurn(
      at(1100, 'server', 'response.function_call_arguments.done', { call_id: 'c1', name: 'lookup' }),
      at(1300, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'c1', output: '{}' } }),
      at(1400, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'c2', output: '{}' } }),
    );
    expect(turn.calls).toEqual([
      { callId: 'c1', name: 'lookup', kind: 'tool', startMs: 100, endMs: 300 },
      { callId: 'c2', name: 'tool', kind: 'tool', startMs: 400, endMs: 400 },
    ]);
  });

  it('takes supervisor calls only with a call id, and their rounds and model only when given', () => {
    const turn = pttTurn(
      at(1100, 'app', 'supervisor.request', { toolName: 'ask' }),
      at(1150, 'app', 'caller.request', { callId: 'x1', toolName: 'ask' }),
      at(1200, 'app', 'supervisor.request', { callId: 's1' }),
      at(1900, 'app', 'supervisor.response', { callId: 's1', durationMs: '600', result: { steps: 'many' } }),
    );
    expect(turn.calls).toEqual([{ callId: 's1', name: 'supervisor', kind: 'supervisor', startMs: 200, endMs: 900 }]);
    expect(stagesOf(turn).find((stage) => stage.label === 'supervisor')).toEqual({ label: 'supervisor', startMs: 200, endMs: 900 });
  });

  it('closes the handoff the agent change names, the latest one, and only for a handoff', () => {
    const turn = pttTurn(
      at(1100, 'server', 'response.function_call_arguments.done', { call_id: 'h1', name: 'transfer_to_sales' }),
      at(1150, 'server', 'response.function_call_arguments.done', { call_id: 'h2', name: 'transfer_to_returns' }),
      at(1200, 'server', 'response.function_call_arguments.done', { call_id: 'h3', name: 'transfer_to_returns' }),
      at(1300, 'app', 'agent.changed', { from: 'triage', to: 'returns', reason: 'user' }),
      at(1400, 'app', 'agent.changed', { from: 'triage', to: 'returns', reason: 'handoff' }),
    );
    expect(turn.calls.map((call) => [call.callId, call.kind, call.endMs])).toEqual([
      ['h1', 'handoff', undefined],
      ['h2', 'handoff', undefined],
      ['h3', 'handoff', 400],
    ]);
    expect(turn.missing).toEqual(['input committed', 'response created', 'response done', 'end of transfer_to_sales', 'end of transfer_to_returns']);
    expect(stagesOf(turn).at(-1)).toEqual({ label: 'handoff to returns', startMs: 200, endMs: 400 });
  });
});

describe('a call held for the user’s decision', () => {
  it('is decided only by a decision on the same call', () => {
    const turn = pttTurn(
      at(1100, 'app', 'tool.approval_requested', { callId: 'c1' }),
      at(1200, 'app', 'tool.approval_requested', { callId: 'c2', toolName: 'refund' }),
      at(1300, 'app', 'mic.state', { callId: 'c1', live: true }),
      at(1400, 'app', 'tool.approval', { callId: 'c2', decision: 'approved' }),
    );
    expect(turn.decisions).toEqual([
      { callId: 'c1', toolName: 'tool', parentCallId: undefined, requestedMs: 100, decidedMs: undefined },
      { callId: 'c2', toolName: 'refund', parentCallId: undefined, requestedMs: 200, decidedMs: 400 },
    ]);
    expect(turn.missing).toContain('your decision on tool');
    expect(turn.missing).not.toContain('your decision on refund');
    expect(stagesOf(turn).map((stage) => stage.label)).toEqual([
      'tool tool held for your decision',
      'tool refund held for your decision',
      'your decision on refund',
    ]);
  });
});

describe('a turn’s stages', () => {
  it('lists what the log never said, the response’s creation included', () => {
    expect(pttTurn().missing).toEqual(['input committed', 'response created', 'response done']);
  });

  it('makes one stage of two milestones at the same moment, and counts audio that stops as it starts', () => {
    const turn = pttTurn(
      at(1100, 'server', 'response.created'),
      at(1300, 'server', 'response.output_audio_transcript.delta', { delta: 'Hi' }),
      at(1300, 'server', 'output_audio_buffer.started'),
      at(1300, 'server', 'output_audio_buffer.stopped'),
      at(1400, 'server', 'response.done'),
    );
    expect(turn.audioEndMs).toBe(300);
    expect(stagesOf(turn).map((stage) => [stage.label, stage.startMs, stage.endMs])).toEqual([
      ['response created', 0, 100],
      ['first text', 100, 300],
      ['response done', 300, 400],
    ]);
  });

  it('says “1 tool round” for one round, and gives the model alone when the rounds are not known', () => {
    const stageOf = (result: unknown) =>
      stagesOf(
        pttTurn(
          at(1100, 'app', 'supervisor.request', { callId: 's1', toolName: 'ask' }),
          at(1500, 'app', 'supervisor.response', { callId: 's1', model: 'gpt-6.1-terra', durationMs: 300, result }),
        ),
      ).find((stage) => stage.label === 'supervisor ask')!.governedBy;
    expect(stageOf({ steps: [{}] })).toBe('model gpt-6.1-terra, 1 tool round');
    expect(stageOf({})).toBe('model gpt-6.1-terra');
  });
});
