import { describe, expect, it } from 'vitest';
import { emptyTranscript, transcriptToText } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { assistantItem, stream } from './streamFixtures';

const textTurn = stream(
  ['app', 'session.started', { agent: 'greeter', guardrails: true }],
  ['client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hi there' }] } }],
  [
    'server',
    'conversation.item.added',
    { item: { id: 'item_u1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'Hi there' }] } },
  ],
  ['server', 'response.created', { response: { id: 'resp_1' } }],
  ['server', 'response.output_item.added', { item: assistantItem('item_a1', null, 'in_progress') }],
  ['server', 'conversation.item.added', { item: assistantItem('item_a1', null, 'in_progress') }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'item_a1', delta: 'Hello, ' }],
  ['server', 'response.output_audio_transcript.delta', { item_id: 'item_a1', delta: 'how can I help?' }],
  ['server', 'response.output_audio_transcript.done', { item_id: 'item_a1', transcript: 'Hello, how can I help?' }],
  ['server', 'conversation.item.done', { item: assistantItem('item_a1', 'Hello, how can I help?') }],
  ['server', 'response.done', { response: { id: 'resp_1', status: 'completed', output: [assistantItem('item_a1', 'Hello, how can I help?')] } }],
);

describe('the transcript reducer', () => {
  it('shows a text turn: the user message, then the assistant reply streamed to completion, by the active agent', () => {
    const state = reduceTranscript(emptyTranscript(), textTurn);
    expect(state.entries.toArray()).toEqual([
      expect.objectContaining({ kind: 'message', role: 'user', text: 'Hi there', status: 'done' }),
      expect.objectContaining({ kind: 'message', role: 'assistant', agent: 'greeter', text: 'Hello, how can I help?', status: 'done' }),
    ]);
  });

  it('shows streaming text before the reply is done', () => {
    const state = reduceTranscript(emptyTranscript(), textTurn.slice(0, 7));
    expect(state.entries.toArray()[1]).toMatchObject({ role: 'assistant', text: 'Hello, ', status: 'streaming' });
  });

  it('marks a finished assistant message as guardrail-pending, then pass or fail from the verdict', () => {
    const pending = reduceTranscript(emptyTranscript(), textTurn);
    expect(pending.entries.toArray()[1]).toMatchObject({ guardrail: { status: 'pending' } });
    const [verdict] = stream(['app', 'guardrail.verdict', { itemId: 'item_a1', category: 'OFFENSIVE', rationale: 'insult', tripped: true }]);
    const judged = reduceTranscript(pending, [{ ...verdict!, seq: 99 }]);
    expect(judged.entries.toArray()[1]).toMatchObject({ guardrail: { status: 'fail', category: 'OFFENSIVE', rationale: 'insult' } });
  });

  it('stops showing a check as pending once the session has ended', () => {
    const pending = reduceTranscript(emptyTranscript(), textTurn);
    const [ended] = stream(['app', 'session.state', { status: 'idle' }]);
    expect(reduceTranscript(pending, [{ ...ended!, seq: 50 }]).entries.toArray()[1]).toMatchObject({
      guardrail: { status: 'error', message: expect.stringContaining('session ended') },
    });
  });

  it('gives the same transcript whether events arrive one at a time (live) or all at once (replay)', () => {
    const oneByOne = textTurn.reduce((state, event) => reduceTranscript(state, [event]), emptyTranscript());
    expect(oneByOne).toEqual(reduceTranscript(emptyTranscript(), textTurn));
  });

  it('shows a tool call with its arguments, the supervisor call behind it, and the result of that very call', () => {
    const events = stream(
      ['app', 'session.started', { agent: 'chatAgent', guardrails: false }],
      [
        'server',
        'response.output_item.added',
        { item: { id: 'fc_1', type: 'function_call', call_id: 'call_9', name: 'getNextResponseFromSupervisor', arguments: '' } },
      ],
      [
        'server',
        'response.output_item.done',
        {
          item: {
            id: 'fc_1',
            type: 'function_call',
            call_id: 'call_9',
            name: 'getNextResponseFromSupervisor',
            arguments: '{"relevantContextFromLastUserMessage":"bill"}',
          },
        },
      ],
      [
        'app',
        'supervisor.request',
        { callId: 'call_9', toolName: 'getNextResponseFromSupervisor', request: { relevantContextFromLastUserMessage: 'bill' } },
      ],
      [
        'app',
        'supervisor.response',
        {
          callId: 'call_9',
          result: { text: 'Your bill is $50.' },
          model: 'gpt-4.1',
          durationMs: 812,
          usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        },
      ],
      [
        'client',
        'conversation.item.create',
        { item: { type: 'function_call_output', call_id: 'call_9', output: '{"nextResponse":"Your bill is $50."}' } },
      ],
    );
    const state = reduceTranscript(emptyTranscript(), events);
    expect(state.entries.toArray()).toEqual([
      expect.objectContaining({
        kind: 'tool',
        id: 'call_9',
        agent: 'chatAgent',
        name: 'getNextResponseFromSupervisor',
        arguments: '{"relevantContextFromLastUserMessage":"bill"}',
        output: '{"nextResponse":"Your bill is $50."}',
        status: 'done',
        backend: expect.objectContaining({
          kind: 'supervisor',
          status: 'done',
          model: 'gpt-4.1',
          durationMs: 812,
          result: { text: 'Your bill is $50.' },
        }),
      }),
    ]);
  });

  it('shows a failed supervisor call with its message', () => {
    const events = stream(
      ['app', 'supervisor.request', { callId: 'call_1', toolName: 'getNextResponseFromSupervisor', request: {} }],
      ['app', 'supervisor.error', { callId: 'call_1', code: 'upstream_error', message: 'http://127.0.0.1:9/v1 answered 500: boom' }],
    );
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()[0]).toMatchObject({
      backend: { status: 'failed', error: 'http://127.0.0.1:9/v1 answered 500: boom' },
    });
  });

  it('turns a transfer_to_ call into a handoff breadcrumb and follows the active agent', () => {
    const events = stream(
      ['app', 'session.started', { agent: 'greeter', guardrails: false }],
      [
        'server',
        'response.output_item.done',
        { item: { id: 'fc_2', type: 'function_call', call_id: 'call_h', name: 'transfer_to_haikuWriter', arguments: '{}' } },
      ],
      ['app', 'agent.changed', { from: 'greeter', to: 'haikuWriter', reason: 'handoff' }],
      ['client', 'conversation.item.create', { item: { type: 'function_call_output', call_id: 'call_h', output: '{"assistant":"haikuWriter"}' } }],
      ['server', 'conversation.item.added', { item: assistantItem('item_a2', 'Snow on the ridge', 'in_progress') }],
    );
    const state = reduceTranscript(emptyTranscript(), events);
    expect(state.activeAgent).toBe('haikuWriter');
    expect(state.entries.toArray()).toEqual([
      expect.objectContaining({ kind: 'handoff', from: 'greeter', to: 'haikuWriter' }),
      expect.objectContaining({ kind: 'message', agent: 'haikuWriter', text: 'Snow on the ridge' }),
    ]);
  });

  it('shows a user-picked agent switch as a breadcrumb too', () => {
    const events = stream(
      ['app', 'session.started', { agent: 'authentication' }],
      ['app', 'agent.changed', { from: 'authentication', to: 'sales', reason: 'user' }],
    );
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()).toEqual([
      expect.objectContaining({ kind: 'handoff', from: 'authentication', to: 'sales' }),
    ]);
  });

  it('fills a voice turn from its transcription', () => {
    const events = stream(
      [
        'server',
        'conversation.item.added',
        { item: { id: 'item_v', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_audio', transcript: null }] } },
      ],
      ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'item_v', content_index: 0, transcript: 'What is my balance?' }],
    );
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()).toEqual([
      expect.objectContaining({ role: 'user', text: 'What is my balance?' }),
    ]);
  });

  it('marks a reply cut off by an interruption', () => {
    const events = stream(
      ['server', 'conversation.item.added', { item: assistantItem('item_a3', null, 'in_progress') }],
      ['server', 'response.output_audio_transcript.delta', { item_id: 'item_a3', delta: 'Let me tell you a long' }],
      [
        'server',
        'response.done',
        { response: { id: 'resp_3', status: 'cancelled', output: [assistantItem('item_a3', 'Let me tell you a long', 'incomplete')] } },
      ],
    );
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()[0]).toMatchObject({ status: 'interrupted', text: 'Let me tell you a long' });
  });

  it('renders replies in text-only mode from output_text events', () => {
    const events = stream(
      ['server', 'conversation.item.added', { item: { id: 'item_t', type: 'message', role: 'assistant', status: 'in_progress', content: [] } }],
      ['server', 'response.output_text.delta', { item_id: 'item_t', delta: 'Typed ' }],
      ['server', 'response.output_text.done', { item_id: 'item_t', text: 'Typed reply' }],
    );
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()[0]).toMatchObject({ role: 'assistant', text: 'Typed reply' });
  });

  it('shows a server error as a notice', () => {
    const events = stream([
      'server',
      'error',
      { error: { type: 'invalid_request_error', code: 'conversation_already_has_active_response', message: 'busy' } },
    ]);
    expect(reduceTranscript(emptyTranscript(), events).entries.toArray()[0]).toMatchObject({
      kind: 'notice',
      level: 'error',
      text: expect.stringContaining('conversation_already_has_active_response'),
    });
  });

  it('copies as plain text with speakers, tools and handoffs', () => {
    const state = reduceTranscript(emptyTranscript(), textTurn);
    expect(transcriptToText(state.entries.toArray())).toBe('User: Hi there\ngreeter: Hello, how can I help?');
  });
});
