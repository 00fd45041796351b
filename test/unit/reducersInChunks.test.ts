import { describe, expect, it } from 'vitest';
import { ListDraft, PersistentList } from '../../src-shared/persistentList';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { accumulateStats, emptyStats } from '../../src-shared/sessionLog';
import { markersOf } from '../../src-shared/timelineMarkers';
import { emptyTranscript } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { EventLog } from '../../src-renderer/src/engine/events/eventLog';
import { idleStatus, reduceStatus } from '../../src-renderer/src/engine/events/sessionStatus';
import { assistantItem, stream } from './streamFixtures';

/** A session with every kind of entry: turns, a streamed reply, a tool with a supervisor call, a handoff, a guardrail trip. */
const session = stream(
  ['app', 'session.started', { sessionId: 's1', agent: 'greeter', guardrails: true }],
  ['app', 'session.state', { status: 'connecting', step: 'Minting a session secret…' }],
  ['app', 'session.state', { status: 'connected' }],
  ['app', 'mic.state', { live: true }],
  ['server', 'input_audio_buffer.speech_started', { item_id: 'u1' }],
  ['server', 'input_audio_buffer.speech_stopped', { item_id: 'u1' }],
  [
    'server',
    'conversation.item.added',
    { item: { id: 'u1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: null }] } },
  ],
  ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'u1', transcript: 'What is my bill?' }],
  [
    'server',
    'response.output_item.done',
    { item: { type: 'function_call', call_id: 'c1', name: 'getNextResponseFromSupervisor', arguments: '{"q":1}' } },
  ],
  ['app', 'supervisor.request', { callId: 'c1', toolName: 'getNextResponseFromSupervisor', request: { q: 1 } }],
  [
    'app',
    'supervisor.response',
    { callId: 'c1', result: { text: 'It is $50.' }, model: 'gpt-4.1', durationMs: 812, usage: { inputTokens: 1, outputTokens: 2, totalTokens: 3 } },
  ],
  ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'c1', output: '{"nextResponse":"It is $50."}' } }],
  ['server', 'output_audio_buffer.started', {}],
  ['server', 'conversation.item.added', { item: assistantItem('a1', null, 'in_progress') }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', delta: 'Your bill ' }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', delta: 'is ' }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'a1', delta: '$50.' }],
  ['server', 'conversation.item.done', { item: assistantItem('a1', 'Your bill is $50.') }],
  ['server', 'output_audio_buffer.stopped', {}],
  ['app', 'guardrail.verdict', { itemId: 'a1', category: 'NONE', rationale: 'fine', tripped: false }],
  ['server', 'response.output_item.done', { item: { type: 'function_call', call_id: 'h1', name: 'transfer_to_haikuWriter', arguments: '{}' } }],
  ['app', 'agent.changed', { from: 'greeter', to: 'haikuWriter', reason: 'handoff' }],
  ['server', 'conversation.item.added', { item: assistantItem('a2', null, 'in_progress') }],
  ['server', 'response.output_text.delta', { item_id: 'a2', delta: 'You idiot' }],
  ['server', 'conversation.item.done', { item: assistantItem('a2', 'You idiot') }],
  ['app', 'guardrail.verdict', { itemId: 'a2', category: 'OFFENSIVE', rationale: 'insult', tripped: true }],
  ['server', 'conversation.item.added', { item: assistantItem('a3', null, 'in_progress') }],
  ['server', 'conversation.item.done', { item: assistantItem('a3', 'Sorry about that.') }],
  ['app', 'ptt.down', {}],
  ['app', 'ptt.up', {}],
  ['app', 'session.state', { status: 'idle' }],
);

function inChunks<S>(reduce: (state: S, events: readonly SessionEvent[]) => S, initial: () => S, size: number): S {
  let state = initial();
  for (let index = 0; index < session.length; index += size) state = reduce(state, session.slice(index, index + size));
  return state;
}

const sizes = [1, 2, 3, 7, 11, session.length];

describe('every reducer gives the same result fed whole or in chunks of any size', () => {
  it.each(sizes)('the transcript, in chunks of %i', (size) => {
    const whole = reduceTranscript(emptyTranscript(), session);
    const chunked = inChunks(reduceTranscript, emptyTranscript, size);
    expect(chunked.entries.toArray()).toEqual(whole.entries.toArray());
    expect(chunked.activeAgent).toBe('haikuWriter');
    expect(whole.entries.toArray().map((entry) => entry.kind)).toEqual(['message', 'tool', 'message', 'handoff', 'message', 'message']);
    expect(whole.entries.at(5)).toMatchObject({ text: 'Sorry about that.', agent: 'haikuWriter', guardrail: { status: 'error' } });
  });

  it.each(sizes)('the session status, in chunks of %i', (size) => {
    expect(inChunks(reduceStatus, () => idleStatus, size)).toEqual(reduceStatus(idleStatus, session));
  });

  it.each(sizes)('the library figures and timeline markers, in chunks of %i', (size) => {
    expect(inChunks(accumulateStats, () => emptyStats, size)).toEqual(accumulateStats(emptyStats, session));
    const chunkedMarkers = [];
    for (let index = 0; index < session.length; index += size) chunkedMarkers.push(...markersOf(session.slice(index, index + size)));
    expect(chunkedMarkers).toEqual(markersOf(session));
    expect(markersOf(session).map((marker) => marker.kind)).toEqual(['turn', 'tool', 'handoff', 'guardrail']);
  });
});

describe('a streaming message, before its done event', () => {
  it('shows the text so far after each delta, not only the last delta', () => {
    const start = session.findIndex((event) => event.type === 'response.output_audio_transcript.delta');
    let state = reduceTranscript(emptyTranscript(), session.slice(0, start));
    const seen: string[] = [];
    for (const event of session.slice(start, start + 3)) {
      state = reduceTranscript(state, [event]);
      const reply = state.entries.toArray().find((entry) => entry.kind === 'message' && entry.id === 'a1');
      seen.push(reply?.kind === 'message' ? `${reply.text}|${reply.status}` : '');
    }
    expect(seen).toEqual(['Your bill |streaming', 'Your bill is |streaming', 'Your bill is $50.|streaming']);
  });
});

describe('the session status reducer', () => {
  it('follows the connection, microphone, push-to-talk and speaking indicators, and clears them when the session ends', () => {
    const upTo = (type: string) => reduceStatus(idleStatus, session.slice(0, session.findIndex((event) => event.type === type) + 1));
    expect(upTo('mic.state')).toMatchObject({ sessionId: 's1', phase: { status: 'connected' }, micLive: true });
    expect(upTo('input_audio_buffer.speech_started').userSpeaking).toBe(true);
    expect(upTo('output_audio_buffer.started').assistantSpeaking).toBe(true);
    expect(upTo('ptt.down').pttActive).toBe(true);
    expect(reduceStatus(idleStatus, session)).toEqual({ ...idleStatus, sessionId: 's1' });
  });

  it('keeps the latest refusal of a model for the toolbar, ignores other failures, and forgets it when a new session starts', () => {
    const refused = 'The API does not serve the supervisor model o4-mini (…). Choose another in Settings → Supervisor model, such as gpt-5.6-terra.';
    const failing = stream(
      ['app', 'session.started', { sessionId: 's1' }],
      ['app', 'supervisor.error', { callId: 'c1', code: 'timeout', message: 'The supervisor call took longer than 45 s.' }],
      ['app', 'supervisor.error', { callId: 'c2', code: 'model_unavailable', message: refused, field: 'supervisorModel' }],
      ['app', 'guardrail.error', { itemId: 'i1', code: 'upstream_error', message: 'boom' }],
    );
    expect(reduceStatus(idleStatus, failing.slice(0, 2)).modelProblem).toBeUndefined();
    expect(reduceStatus(idleStatus, failing).modelProblem).toBe(refused);
    const next = stream(['app', 'session.started', { sessionId: 's2' }]);
    expect(reduceStatus(reduceStatus(idleStatus, failing), next).modelProblem).toBeUndefined();
  });
});

describe('the persistent list under the transcript', () => {
  it('keeps earlier versions intact when a later one is changed', () => {
    const first = PersistentList.of([1, 2, 3]);
    const draft = new ListDraft(first);
    draft.set(1, 20);
    draft.push(4);
    const second = draft.freeze();
    expect(first.toArray()).toEqual([1, 2, 3]);
    expect(second.toArray()).toEqual([1, 20, 3, 4]);
  });

  it('gives the same result when one state is reduced twice along different lines (the shared index is not trusted)', () => {
    const base = reduceTranscript(emptyTranscript(), session.slice(0, 8));
    const lineA = reduceTranscript(base, session.slice(8, 20));
    const lineB = reduceTranscript(base, session.slice(8));
    expect(lineB.entries.toArray()).toEqual(reduceTranscript(emptyTranscript(), session).entries.toArray());
    expect(reduceTranscript(lineA, session.slice(20)).entries.toArray()).toEqual(lineB.entries.toArray());
  });

  it('spans many chunks', () => {
    const items = Array.from({ length: 1_000 }, (_, index) => index);
    const list = PersistentList.of(items);
    expect(list.length).toBe(1_000);
    expect(list.at(999)).toBe(999);
    expect(list.at(1_000)).toBeUndefined();
    expect(list.toArray()).toEqual(items);
  });
});

describe('the event log of a session', () => {
  it('holds every event across chunks and finds them by seq and by time', () => {
    const log = new EventLog();
    const events = Array.from({ length: 10_000 }, (_, seq) => ({ seq, t: seq * 2, direction: 'server' as const, type: 'x', payload: {} }));
    log.append(events.slice(0, 5_000));
    log.append(events.slice(5_000));
    expect(log.length).toBe(10_000);
    expect(log.at(9_999)).toBe(events[9_999]);
    expect(log.indexOfSeq(4_097)).toBe(4_097);
    expect(log.countUpTo(20)).toBe(11);
    expect(log.slice(4_095, 4_098).map((event) => event.seq)).toEqual([4_095, 4_096, 4_097]);
  });
});
