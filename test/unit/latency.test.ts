import { describe, expect, it } from 'vitest';
import { emptyLatency, medianAndP95, reduceLatency, stagesOf, type LatencyState } from '../../src-shared/latency';
import type { SessionEvent } from '../../src-shared/sessionEvent';

let seq = 0;
const at = (t: number, direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}): SessionEvent => ({
  seq: seq++,
  t,
  direction,
  type,
  payload,
});

/** Two turns with known timings: a spoken one answered through the supervisor, then a typed one. */
function session(): SessionEvent[] {
  seq = 0;
  return [
    at(0, 'client', 'session.update', { session: { audio: { input: { turn_detection: { type: 'server_vad', silence_duration_ms: 500 } } } } }),
    at(1000, 'server', 'input_audio_buffer.speech_started'),
    at(3000, 'server', 'input_audio_buffer.speech_stopped'),
    at(3050, 'server', 'input_audio_buffer.committed'),
    at(3120, 'server', 'response.created', { response: { id: 'r1' } }),
    at(3400, 'server', 'response.function_call_arguments.done', { call_id: 'call_1', name: 'getNextResponseFromSupervisor', arguments: '{}' }),
    at(3410, 'app', 'supervisor.request', { callId: 'call_1', toolName: 'getNextResponseFromSupervisor' }),
    at(5210, 'app', 'supervisor.response', { callId: 'call_1', model: 'gpt-4.1', durationMs: 1800, result: { steps: [{}, {}] } }),
    at(5215, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'call_1', output: '{}' } }),
    at(5230, 'server', 'response.done', { response: { id: 'r1' } }),
    at(5240, 'server', 'response.created', { response: { id: 'r2' } }),
    at(5500, 'server', 'response.output_audio_transcript.delta', { delta: 'Your' }),
    at(5600, 'server', 'output_audio_buffer.started'),
    at(6500, 'server', 'response.done', { response: { id: 'r2' } }),
    at(6600, 'app', 'guardrail.verdict', { itemId: 'a1', durationMs: 300 }),
    at(8000, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'hi' }] } }),
    at(8100, 'server', 'response.created', { response: { id: 'r3' } }),
    at(8300, 'server', 'response.output_text.delta', { delta: 'Hi' }),
    at(8400, 'server', 'response.output_audio.delta', { delta: '[4 bytes of audio]' }),
    at(9000, 'server', 'response.done', { response: { id: 'r3' } }),
  ];
}

function inChunks(events: readonly SessionEvent[], size: number): LatencyState {
  let state = emptyLatency;
  for (let index = 0; index < events.length; index += size) state = reduceLatency(state, events.slice(index, index + size));
  return state;
}

describe('per-turn latency', () => {
  it('finds each milestone of each turn, in ms after the user finished', () => {
    const [spoken, typed] = reduceLatency(emptyLatency, session()).turns.toArray();
    expect(spoken).toMatchObject({
      index: 1,
      startT: 3000,
      trigger: 'speech',
      silenceMs: 500,
      committedMs: 50,
      responseCreatedMs: 120,
      firstTextMs: 2500,
      firstAudioMs: 2600,
      doneMs: 3500,
      guardrailMs: [300],
      missing: [],
    });
    expect(spoken!.calls).toEqual([
      { callId: 'call_1', name: 'getNextResponseFromSupervisor', kind: 'supervisor', startMs: 400, endMs: 2215, model: 'gpt-4.1', rounds: 2 },
    ]);
    expect(typed).toMatchObject({
      index: 2,
      startT: 8000,
      trigger: 'typed',
      silenceMs: undefined,
      responseCreatedMs: 100,
      firstTextMs: 300,
      firstAudioMs: 400,
      doneMs: 1000,
      missing: [],
    });
  });

  it('gives the same turns fed whole or in chunks of any size', () => {
    const whole = reduceLatency(emptyLatency, session()).turns.toArray();
    for (const size of [1, 2, 3, 7]) expect(inChunks(session(), size).turns.toArray()).toEqual(whole);
  });

  it('splits a turn into consecutive stages that add up to its total, naming the setting or call behind each', () => {
    const [spoken, typed] = reduceLatency(emptyLatency, session()).turns.toArray();
    const stages = stagesOf(spoken!);
    expect(stages.map((stage) => [stage.label, stage.startMs, stage.endMs])).toEqual([
      ['silence before the end of speech', -500, 0],
      ['input committed', 0, 50],
      ['response created', 50, 120],
      ['model chose a tool', 120, 400],
      ['supervisor getNextResponseFromSupervisor', 400, 2215],
      ['first text', 2215, 2500],
      ['first audio', 2500, 2600],
      ['response done', 2600, 3500],
    ]);
    for (let index = 1; index < stages.length; index += 1) expect(stages[index]!.startMs).toBe(stages[index - 1]!.endMs);
    expect(stages[0]!.governedBy).toBe('turn detection silence_duration_ms = 500');
    expect(stages[4]!.governedBy).toBe('model gpt-4.1, 2 tool rounds');
    expect(stagesOf(typed!).reduce((sum, stage) => sum + stage.endMs - stage.startMs, 0)).toBe(typed!.doneMs);
  });

  it('leaves what the log does not say undefined and lists it, rather than guessing', () => {
    const events = session().filter((event) => event.type !== 'input_audio_buffer.committed' && !(event.t === 3120));
    const [spoken] = reduceLatency(emptyLatency, events).turns.toArray();
    expect(spoken!.committedMs).toBeUndefined();
    // The second response's creation is the first the log holds: that is what the turn waited for.
    expect(spoken!.responseCreatedMs).toBe(2240);
    expect(spoken!.missing).toEqual(['input committed']);
    const cut = reduceLatency(emptyLatency, session().slice(0, 7)).turns.toArray()[0]!;
    expect(cut.doneMs).toBeUndefined();
    expect(cut.missing).toEqual(['response done', 'end of getNextResponseFromSupervisor']);
    expect(stagesOf(cut).at(-1)).toMatchObject({ label: 'model chose a tool', endMs: 400 });
  });

  it('is not moved by duplicated events, and a second finish before any answer restarts the turn', () => {
    const events = session();
    const doubled = [...events.slice(0, 5), ...events.slice(3, 5), ...events.slice(5, 9), events[8]!, ...events.slice(9)];
    expect(reduceLatency(emptyLatency, doubled).turns.toArray()).toEqual(reduceLatency(emptyLatency, events).turns.toArray());
    seq = 100;
    const twice = [at(100, 'app', 'ptt.up'), at(900, 'app', 'ptt.up'), at(1000, 'server', 'response.created', { response: { id: 'x' } })];
    const [turn] = reduceLatency(emptyLatency, twice).turns.toArray();
    expect(turn).toMatchObject({ startT: 900, trigger: 'push-to-talk', responseCreatedMs: 100 });
  });

  it('ignores events that come before their turn started, never giving a negative figure', () => {
    seq = 0;
    const late = [at(5000, 'app', 'ptt.up'), at(4990, 'server', 'input_audio_buffer.committed'), at(5100, 'server', 'response.created')];
    expect(reduceLatency(emptyLatency, late).turns.at(0)).toMatchObject({ committedMs: 0, responseCreatedMs: 100 });
  });

  it('returns the same state for a batch that changes nothing', () => {
    const state = reduceLatency(emptyLatency, session());
    seq = 50;
    expect(reduceLatency(state, [at(9500, 'server', 'rate_limits.updated')])).toBe(state);
  });
});

describe('the end of a turn', () => {
  it('is its last response done, after its tool calls and handoffs, not its first', () => {
    seq = 0;
    const [turn] = reduceLatency(emptyLatency, [
      at(0, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [] } }),
      at(50, 'server', 'response.created', { response: { id: 'r1' } }),
      at(300, 'server', 'response.function_call_arguments.done', { call_id: 'c1', name: 'transfer_to_returns', arguments: '{}' }),
      at(380, 'server', 'response.done', { response: { id: 'r1' } }),
      at(400, 'app', 'agent.changed', { reason: 'handoff', from: 'authentication', to: 'returns' }),
      at(420, 'server', 'response.created', { response: { id: 'r2' } }),
      at(600, 'server', 'response.function_call_arguments.done', { call_id: 'c2', name: 'lookupOrders', arguments: '{}' }),
      at(610, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'c2', output: '{}' } }),
      at(650, 'server', 'response.done', { response: { id: 'r2' } }),
      at(700, 'server', 'response.created', { response: { id: 'r3' } }),
      at(900, 'server', 'response.output_audio.delta', { delta: '…' }),
      at(1400, 'server', 'response.done', { response: { id: 'r3' } }),
    ]).turns.toArray();
    expect(turn).toMatchObject({ responseDoneMs: 1400, doneMs: 1400, firstAudioMs: 900, audioEndMs: undefined, missing: [] });
  });

  it('waits for the turn’s audio to finish playing over WebRTC, ignoring the audio of the turn before still playing', () => {
    seq = 0;
    const [first, second] = reduceLatency(emptyLatency, [
      at(0, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [] } }),
      at(40, 'server', 'response.created', { response: { id: 'r1' } }),
      at(100, 'server', 'output_audio_buffer.started'),
      at(900, 'server', 'response.done', { response: { id: 'r1' } }),
      at(1000, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [] } }),
      at(1050, 'server', 'response.created', { response: { id: 'r2' } }),
      at(1600, 'server', 'response.done', { response: { id: 'r2' } }),
      at(2500, 'server', 'output_audio_buffer.stopped'),
      at(2520, 'server', 'output_audio_buffer.started'),
      at(4000, 'server', 'output_audio_buffer.stopped'),
    ]).turns.toArray();
    expect(first).toMatchObject({ responseDoneMs: 900, audioEndMs: undefined, doneMs: 900 });
    expect(second).toMatchObject({ firstAudioMs: 1520, responseDoneMs: 600, audioEndMs: 3000, doneMs: 3000 });
    expect(stagesOf(second!).map((stage) => stage.label)).toEqual(['response created', 'response done', 'first audio', 'audio finished playing']);
    expect(stagesOf(second!).reduce((sum, stage) => sum + stage.endMs - stage.startMs, 0)).toBe(3000);
  });
});

describe('per-turn latency, with calls held for the user', () => {
  /** A turn whose supervisor asked the user about its own tool: 4 s of the supervisor's 4.6 s were the user's. */
  function heldTurn(): SessionEvent[] {
    seq = 0;
    return [
      at(0, 'client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [] } }),
      at(100, 'server', 'response.created', { response: { id: 'r1' } }),
      at(300, 'server', 'response.function_call_arguments.done', { call_id: 'rt1', name: 'getNextResponseFromSupervisor', arguments: '{}' }),
      at(310, 'app', 'supervisor.request', { callId: 'rt1', toolName: 'getNextResponseFromSupervisor' }),
      at(700, 'app', 'tool.approval_requested', { callId: 'fc1', toolName: 'getUserAccountInfo', agent: '(supervisor)', parentCallId: 'rt1' }),
      at(4700, 'app', 'tool.approval', { callId: 'fc1', toolName: 'getUserAccountInfo', decision: 'approved', parentCallId: 'rt1' }),
      at(4910, 'app', 'supervisor.response', { callId: 'rt1', model: 'gpt-4.1', durationMs: 600, waitedMs: 4000, result: { steps: [{}] } }),
      at(4920, 'client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'rt1', output: '{}' } }),
      at(5000, 'server', 'response.done', { response: { id: 'r1' } }),
    ];
  }

  it('gives the user’s wait its own stage, named for the Tools panel setting, and the stages still add up', () => {
    const [turn] = reduceLatency(emptyLatency, heldTurn()).turns.toArray();
    expect(turn!.decisions).toEqual([{ callId: 'fc1', toolName: 'getUserAccountInfo', parentCallId: 'rt1', requestedMs: 700, decidedMs: 4700 }]);
    const stages = stagesOf(turn!);
    expect(stages.map((stage) => [stage.label, stage.startMs, stage.endMs])).toEqual([
      ['response created', 0, 100],
      ['model chose a tool', 100, 300],
      ['supervisor called getUserAccountInfo', 300, 700],
      ['your decision on getUserAccountInfo', 700, 4700],
      ['supervisor getNextResponseFromSupervisor', 4700, 4920],
      ['response done', 4920, 5000],
    ]);
    expect(stages[3]!.governedBy).toBe('Tools panel: getUserAccountInfo is set to Ask me');
    expect(stages.reduce((sum, stage) => sum + stage.endMs - stage.startMs, 0)).toBe(turn!.doneMs);
  });

  it('places a supervisor call from its answer alone, counting the user’s wait on top of the model’s work', () => {
    const answerOnly = heldTurn().filter((event) => event.type !== 'supervisor.request' && event.type !== 'response.function_call_arguments.done');
    const callOf = (events: SessionEvent[]) =>
      reduceLatency(emptyLatency, events)
        .turns.toArray()[0]!
        .calls.find((call) => call.callId === 'rt1');
    expect(callOf(answerOnly)).toMatchObject({ startMs: 310, endMs: 4920 });
    // Without the wait in the log, the call is placed by the model's work alone.
    const noWait = answerOnly.map((event) =>
      event.type === 'supervisor.response' ? { ...event, payload: { ...event.payload, waitedMs: undefined } } : event,
    );
    expect(callOf(noWait)).toMatchObject({ startMs: 4310 });
  });

  it('lists a decision never taken as missing, and keeps the first request and decision of a duplicated one', () => {
    const events = heldTurn();
    const undecided = reduceLatency(
      emptyLatency,
      events.filter((event) => event.type !== 'tool.approval'),
    ).turns.toArray()[0]!;
    expect(undecided.missing).toContain('your decision on getUserAccountInfo');
    const doubled = [...events.slice(0, 6), { ...events[4]!, t: 900 }, { ...events[5]!, t: 4800 }, ...events.slice(6)];
    expect(reduceLatency(emptyLatency, doubled).turns.toArray()[0]!.decisions).toEqual([
      expect.objectContaining({ requestedMs: 700, decidedMs: 4700 }),
    ]);
    // A decision whose request the log lost is no stage at all.
    const orphan = reduceLatency(
      emptyLatency,
      events.filter((event) => event.type !== 'tool.approval_requested'),
    ).turns.toArray()[0]!;
    expect(orphan.decisions).toEqual([]);
  });

  it('is the same fed whole or in chunks', () => {
    const events = heldTurn();
    const whole = reduceLatency(emptyLatency, events);
    let chunked = emptyLatency;
    for (const event of events) chunked = reduceLatency(chunked, [event]);
    expect(chunked.turns.toArray()).toEqual(whole.turns.toArray());
  });
});

describe('median and p95', () => {
  it('use the nearest rank, and say nothing for no values', () => {
    expect(medianAndP95([])).toBeUndefined();
    expect(medianAndP95([300])).toEqual({ median: 300, p95: 300 });
    expect(medianAndP95(Array.from({ length: 20 }, (_, index) => (index + 1) * 10))).toEqual({ median: 100, p95: 190 });
  });
});
