import { describe, expect, it } from 'vitest';
import { isErrorEvent, summarizeEvent } from '../../src-shared/eventSummary';
import type { SessionEvent } from '../../src-shared/sessionEvent';

const event = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>, seq = 0): SessionEvent => ({
  seq,
  t: seq,
  direction,
  type,
  payload,
});

describe('one-line event summaries', () => {
  it.each([
    [event('server', 'response.done', { response: { status: 'completed', usage: { total_tokens: 312 } } }), 'completed · 312 tokens'],
    [
      event('server', 'response.output_item.done', {
        item: { type: 'function_call', name: 'lookupOrders', arguments: '{"phoneNumber":"(206) 135-1246"}' },
      }),
      'function_call lookupOrders {phoneNumber: (206) 135-1246}',
    ],
    [
      event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'transfer_to_returns', arguments: '{}' } }),
      'function_call transfer_to_returns {}',
    ],
    [event('app', 'budget.set', { budgetUsd: 0.05 }), '$0.0500'],
    [event('app', 'budget.set', { budgetUsd: 0 }), 'none'],
    [event('app', 'budget.warning', { budgetUsd: 0.05, spentUsd: 0.041 }), '$0.0410 of $0.0500 (82 %)'],
    [event('app', 'budget.exceeded', { budgetUsd: 2, spentUsd: 2.5 }), '$2.50 of $2.00 (125 %)'],
    [
      event('server', 'conversation.item.added', { item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi there' }] } }),
      'user: “Hi there”',
    ],
    [event('server', 'response.output_audio_transcript.delta', { delta: 'Hello, ' }), '“Hello,”'],
    [event('server', 'response.function_call_arguments.delta', { item_id: 'fc_1', delta: '{"phoneNumber":' }), '“{"phoneNumber":”'],
    [event('server', 'error', { error: { code: 'invalid_value', message: 'Bad item' } }), 'invalid_value: Bad item'],
    [
      event('app', 'supervisor.response', {
        toolName: 'getNextResponseFromSupervisor',
        model: 'gpt-4.1',
        durationMs: 1420,
        usage: { totalTokens: 502 },
      }),
      'getNextResponseFromSupervisor · gpt-4.1 · 1.4 s · 502 tokens',
    ],
    [
      event('app', 'supervisor.response', {
        toolName: 'getNextResponseFromSupervisor',
        model: 'gpt-4.1',
        durationMs: 1420,
        waitedMs: 6000,
        usage: { totalTokens: 502 },
      }),
      'getNextResponseFromSupervisor · gpt-4.1 · 1.4 s · 6.0 s waiting for you · 502 tokens',
    ],
    [event('app', 'agent.changed', { from: 'greeter', to: 'haikuWriter', reason: 'handoff' }), 'greeter → haikuWriter'],
    [event('app', 'session.state', { status: 'connecting', step: 'Minting a session secret…' }), 'connecting: Minting a session secret…'],
    [event('client', 'input_audio_buffer.append', { audio: '[3200 bytes of audio]' }), ''],
    [event('server', 'response.output_audio.delta', { delta: '[4800 bytes of audio]' }), '[4800 bytes of audio]'],
    [event('server', 'response.done', { response: { status: 'cancelled' } }), 'cancelled'],
    [
      event('server', 'conversation.item.added', { item: { type: 'function_call_output', output: '{"ok":true}' } }),
      'function_call_output {"ok":true}',
    ],
    [event('server', 'conversation.item.added', { item: { type: 'message', role: 'assistant', content: [] } }), 'assistant'],
    [
      event('server', 'conversation.item.added', {
        item: { type: 'message', role: 'assistant', content: [{ type: 'output_audio', transcript: 'Hi' }] },
      }),
      'assistant: “Hi”',
    ],
    [event('server', 'conversation.item.added', { item: { type: 'mcp_call' } }), 'mcp_call'],
    [event('server', 'conversation.item.added', {}), ''],
    [
      event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'f', arguments: '{"a": [1, 2]}' } }),
      'function_call f {a: [1,2]}',
    ],
    [event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'f', arguments: '{"pa' } }), 'function_call f {"pa'],
    [event('server', 'response.output_item.done', { item: { type: 'function_call', name: 'f', arguments: '[1]' } }), 'function_call f [1]'],
    [event('server', 'response.output_item.done', { item: { type: 'function_call', arguments: '' } }), 'function_call ?'],
    [event('server', 'response.output_audio_transcript.done', { transcript: 'All  done\nnow' }), '“All done now”'],
    [event('server', 'conversation.item.input_audio_transcription.completed', { transcript: 'Hello there' }), '“Hello there”'],
    [event('server', 'response.output_text.done', { text: 'x'.repeat(70) }), `“${'x'.repeat(59)}…”`],
    [event('server', 'response.function_call_arguments.done', { name: 'lookup', arguments: '{"id":"7"}' }), 'lookup {id: 7}'],
    [event('server', 'error', { error: { type: 'invalid_request_error', message: 'No' } }), 'invalid_request_error: No'],
    [event('server', 'error', {}), 'error: '],
    [event('app', 'session.state', { status: 'error', message: 'Refused' }), 'error: Refused'],
    [event('app', 'session.state', { status: 'connected' }), 'connected'],
    [event('app', 'agent.changed', { from: 'a', to: 'b', reason: 'user' }), 'a → b (picked)'],
    [event('app', 'agent.changed', {}), '? → ?'],
    [
      event('app', 'prompt.applied', {
        agent: 'greeter',
        fields: ['instructions', 'tools.lookup.description'],
        instructionsLength: 812,
        active: true,
      }),
      'greeter: instructions, tools.lookup.description · 812 chars · sent now',
    ],
    [event('app', 'prompt.applied', { agent: 'helper', fields: [], active: false }), 'helper: no change · ? chars · from its next handoff'],
    [
      event('app', 'prompt.applied', { fields: [7, 'instructions'], instructionsLength: 3, active: 'yes' }),
      '?: instructions · 3 chars · from its next handoff',
    ],
    [
      event('app', 'prompt.applied', { agent: 'a', fields: 'instructions', instructionsLength: 3, active: true }),
      'a: no change · 3 chars · sent now',
    ],
    [event('app', 'mic.state', { live: true }), 'live'],
    [event('app', 'mic.state', { live: false }), 'off'],
    [event('app', 'guardrail.verdict', { tripped: true, category: 'OFFENSIVE', durationMs: 812 }), 'tripped OFFENSIVE · 812 ms'],
    [event('app', 'guardrail.verdict', { tripped: false, category: 'NONE', durationMs: 2500 }), 'pass NONE · 2.5 s'],
    [event('app', 'session.minted', { model: 'gpt-realtime', durationMs: 120 }), 'gpt-realtime · 120 ms'],
    [event('app', 'escalation.response', { toolName: 'check', model: 'o4-mini', durationMs: 999.6 }), 'check · o4-mini · 1.0 s'],
    [event('app', 'supervisor.error', { message: 'timed out' }), 'timed out'],
    [event('app', 'guardrail.error', {}), 'failed'],
    [event('app', 'escalation.request', { toolName: 'check' }), 'check'],
    [event('app', 'supervisor.request', {}), ''],
    [event('app', 'ptt.down', {}), ''],
    [event('app', 'mic.changed', { label: 'Fake Audio Input 1' }), 'now Fake Audio Input 1'],
    [
      event('app', 'mic.error', { message: 'The microphone could not be switched (NotFoundError).' }),
      'The microphone could not be switched (NotFoundError).',
    ],
    [event('app', 'ptt.down', { source: 'global-hotkey' }), 'global hotkey'],
    [event('app', 'ptt.up', { source: 'button' }), 'Hold to talk button'],
    [event('app', 'ptt.up', { source: 'focus-lost' }), 'released: the window lost focus'],
    [event('app', 'ptt.down', { source: 'key' }), 'key in the window'],
    [
      event('app', 'prompt.applied', { agent: 'greeter', fields: ['instructions'], instructionsLength: 120, active: true, carriedOver: true }),
      'greeter: instructions · 120 chars · carried over from the session before',
    ],
  ])('%#: %s', (input, summary) => {
    expect(summarizeEvent(input)).toBe(summary);
  });

  it('tells errors from the rest', () => {
    expect(isErrorEvent(event('server', 'error', {}))).toBe(true);
    expect(isErrorEvent(event('app', 'supervisor.error', {}))).toBe(true);
    expect(isErrorEvent(event('app', 'session.state', { status: 'error', message: 'x' }))).toBe(true);
    expect(isErrorEvent(event('server', 'response.done', {}))).toBe(false);
    expect(isErrorEvent(event('app', 'session.state', { status: 'idle' }))).toBe(false);
    expect(isErrorEvent(event('server', 'response.error_like', {}))).toBe(false);
  });
});
