import { describe, expect, it } from 'vitest';
import { isErrorEvent, seconds, summarizeEvent } from '../../src-shared/eventSummary';
import type { SessionEvent } from '../../src-shared/sessionEvent';

const event = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>): SessionEvent => ({
  seq: 0,
  t: 0,
  direction,
  type,
  payload,
});

/** The inspector's one-line summaries, for the events and payload shapes the table in eventSummary.test.ts leaves out. */
describe('one-line event summaries, in detail', () => {
  it.each([
    // Every item event is summarised by its item.
    [event('server', 'response.output_item.added', { item: { type: 'function_call', name: 'f', arguments: '' } }), 'function_call f'],
    [event('server', 'conversation.item.done', { item: { type: 'mcp_list_tools' } }), 'mcp_list_tools'],
    [event('server', 'conversation.item.created', { item: { type: 'message', role: 'user', content: [{ text: 'Yes' }] } }), 'user: “Yes”'],
    [event('client', 'conversation.item.create', { item: { type: 'function_call_output', output: 'ok' } }), 'function_call_output ok'],
    [
      event('client', 'conversation.item.create', {
        item: {
          type: 'message',
          role: 'user',
          content: [
            { type: 'input_text', text: 'Look' },
            { type: 'input_image', image_url: 'data:…' },
          ],
        },
      }),
      'user: “Look” + 1 image',
    ],
    [
      event('server', 'conversation.item.added', {
        item: { type: 'message', role: 'user', content: [{ type: 'input_image' }, { type: 'input_image' }] },
      }),
      'user + 2 images',
    ],
    [
      event('server', 'conversation.item.retrieved', { item: { type: 'message', role: 'assistant', content: [{ transcript: 'Hi' }] } }),
      'assistant: “Hi”',
    ],
    // Missing pieces leave no filler behind.
    [event('server', 'conversation.item.added', { item: { type: 'function_call_output' } }), 'function_call_output '],
    [event('server', 'conversation.item.added', { item: { type: 'message', role: 'user', content: [{ type: 'input_audio' }] } }), 'user'],
    [event('server', 'conversation.item.added', { item: { type: 'message', content: [{ text: 'Hello' }] } }), 'message: “Hello”'],
    [event('server', 'response.done', {}), ''],
    [event('server', 'response.done', { response: { usage: { total_tokens: 9 } } }), '9 tokens'],
    // Deltas and transcripts are quoted, clipped; a missing one is an empty quote.
    [event('server', 'response.output_text.delta', { delta: 'Sure' }), '“Sure”'],
    [event('server', 'conversation.item.input_audio_transcription.delta', { delta: 'I want' }), '“I want”'],
    [event('server', 'response.output_text.delta', {}), '“”'],
    [event('server', 'response.output_audio_transcript.done', {}), '“”'],
    [event('server', 'response.output_text.done', {}), '“”'],
    [event('server', 'response.output_text.done', { text: 'y'.repeat(60) }), `“${'y'.repeat(60)}”`],
    [event('server', 'response.output_text.done', { text: 'y'.repeat(61) }), `“${'y'.repeat(59)}…”`],
    // A call's arguments: an object as key: value pairs, anything else as it is.
    [event('server', 'response.function_call_arguments.done', { name: 'f', arguments: '{"a":1,"b":"two"}' }), 'f {a: 1, b: two}'],
    [event('server', 'response.function_call_arguments.done', { name: 'f', arguments: '5' }), 'f 5'],
    [event('server', 'response.function_call_arguments.done', { name: 'f', arguments: 'true' }), 'f true'],
    [event('server', 'response.function_call_arguments.done', { name: 'f', arguments: 'null' }), 'f null'],
    [event('server', 'response.function_call_arguments.done', { arguments: '{"id":"7"}' }), '{id: 7}'],
    [event('server', 'response.function_call_arguments.done', { name: 'lookup' }), 'lookup'],
    // Round trips, microphones and speakers.
    [event('app', 'webrtc.stats', { rttMs: 42 }), 'round trip 42 ms'],
    [event('app', 'webrtc.stats', { rttMs: '42' }), ''],
    [event('app', 'webrtc.stats', { rttMs: Infinity }), ''],
    [event('app', 'webrtc.stats', {}), ''],
    [event('app', 'mic.changed', {}), 'now another microphone'],
    [event('app', 'speaker.error', { message: 'The speaker was unplugged.' }), 'The speaker was unplugged.'],
    [event('app', 'speaker.error', {}), 'failed'],
    [event('app', 'agent.changed', { from: 7, to: null }), '? → ?'],
    // Guardrails and minted sessions leave out what they do not know.
    [event('app', 'guardrail.verdict', { tripped: false, category: 'NONE' }), 'pass NONE ·'],
    [event('app', 'guardrail.verdict', { tripped: 'yes', durationMs: 40 }), 'pass  · 40 ms'],
    [event('app', 'session.minted', { model: 'gpt-realtime' }), 'gpt-realtime'],
    [event('app', 'session.minted', { durationMs: 1500 }), '1.5 s'],
    // A budget with nothing spent, or of zero, has no share to show.
    [event('app', 'budget.warning', { budgetUsd: 2 }), ''],
    [event('app', 'budget.exceeded', { spentUsd: 1, budgetUsd: 0 }), ''],
    // Tool modes and decisions.
    [event('app', 'tool.mode', { toolName: 'lookup', mode: 'canned', cannedResult: { ok: true } }), 'lookup → canned result {"ok":true}'],
    [event('app', 'tool.mode', { toolName: 'lookup', mode: 'scenario' }), 'lookup → scenario behaviour'],
    [event('app', 'tool.mode', { toolName: 'refund', mode: 'ask' }), 'refund → ask me'],
    [event('app', 'tool.mode', { mode: 'later' }), '? → later'],
    [
      event('app', 'tool.approval_requested', { toolName: 'refund', arguments: { order: 7, reason: 'broken' } }),
      'refund waiting for a decision {order: 7, reason: broken}',
    ],
    [event('app', 'tool.approval_requested', {}), '? waiting for a decision'],
    [event('app', 'tool.approval', { toolName: 'refund', decision: 'approved' }), 'refund approved'],
    [
      event('app', 'tool.approval', { toolName: 'refund', decision: 'edited', editedArguments: { order: 8 } }),
      'refund approved with edited arguments {order: 8}',
    ],
    [event('app', 'tool.approval', { toolName: 'refund', decision: 'rejected', message: 'Not this one.' }), 'refund rejected: “Not this one.”'],
    [event('app', 'tool.approval', { decision: 'rejected' }), '? rejected: “”'],
    // The supervisor's and escalation's own events, and no one else's.
    [event('app', 'escalation.error', { message: 'The model refused.' }), 'The model refused.'],
    [event('app', 'supervisor.request', { toolName: 'getNextResponseFromSupervisor' }), 'getNextResponseFromSupervisor'],
    [event('app', 'caller.response', { model: 'gpt-6.1-terra', toolName: 'x' }), ''],
    [event('app', 'transport.error', { message: 'closed' }), ''],
    [event('app', 'caller.request', { toolName: 'x' }), ''],
    // Only an audio delta's size note is shown of what a delta carries.
    [event('server', 'response.output_audio.delta', { delta: 'AAAA' }), ''],
    [event('server', 'response.output_audio.delta', { delta: 5 }), ''],
    [event('app', 'caller.note', { delta: '[not a delta event]' }), ''],
  ])('%#: %s', (input, summary) => {
    expect(summarizeEvent(input)).toBe(summary);
  });

  it('gives durations in ms under a second and in tenths of a second from there on', () => {
    expect(seconds(undefined)).toBeUndefined();
    expect(seconds(999.4)).toBe('999 ms');
    expect(seconds(999.6)).toBe('1.0 s');
    expect(seconds(1000)).toBe('1.0 s');
    expect(seconds(12_345)).toBe('12.3 s');
  });

  it('counts a failed status as an error only on a session.state event', () => {
    expect(isErrorEvent(event('app', 'connection.changed', { status: 'error' }))).toBe(false);
    expect(isErrorEvent(event('app', 'speaker.error', {}))).toBe(true);
  });
});
