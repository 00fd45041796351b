import { describe, expect, it } from 'vitest';
import type { EventDirection } from '../../src-shared/sessionEvent';
import { emptyTranscript, type TranscriptEntry } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { assistantItem, stream } from './streamFixtures';

type Step = [EventDirection, string, Record<string, unknown>];
const entriesOf = (...steps: Step[]): TranscriptEntry[] => reduceTranscript(emptyTranscript(), stream(...steps)).entries.toArray();
const userItem = (id: string, content: Record<string, unknown>[] | undefined, status = 'completed') => ({
  id,
  type: 'message',
  role: 'user',
  status,
  ...(content === undefined ? {} : { content }),
});

describe('the transcript reducer, message by message', () => {
  it('joins the text and transcript parts of a message, skipping parts with neither', () => {
    const [entry] = entriesOf([
      'server',
      'conversation.item.added',
      { item: userItem('u1', [{ type: 'input_text', text: 'Hello ' }, { type: 'input_audio' }, { type: 'input_audio', transcript: 'there' }]) },
    ]);
    expect(entry).toMatchObject({ kind: 'message', id: 'u1', role: 'user', text: 'Hello there', status: 'done', agent: undefined });
  });

  it('starts an empty user message and keeps it streaming until it is completed', () => {
    expect(entriesOf(['server', 'conversation.item.added', { item: userItem('u1', undefined, 'in_progress') }])).toEqual([
      { kind: 'message', id: 'u1', role: 'user', agent: undefined, text: '', status: 'streaming', guardrail: undefined },
    ]);
    expect(entriesOf(['server', 'conversation.item.added', { item: userItem('u1', [], 'in_progress') }])[0]).toMatchObject({ text: '' });
  });

  it('gives an assistant message to the active agent, never a user message', () => {
    const entries = entriesOf(
      ['app', 'session.started', { agent: 'greeter' }],
      ['server', 'conversation.item.added', { item: userItem('u1', [{ text: 'Hi' }]) }],
      ['server', 'conversation.item.added', { item: assistantItem('a1', 'Hello') }],
    );
    expect(entries.map((entry) => entry.kind === 'message' && entry.agent)).toEqual([undefined, 'greeter']);
  });

  it('never lets a shorter final text replace the streamed one, but takes a longer one', () => {
    const shorter = entriesOf(
      ['server', 'response.output_text.delta', { item_id: 'a1', delta: 'Hello there' }],
      ['server', 'conversation.item.done', { item: assistantItem('a1', 'Hello') }],
    );
    expect(shorter[0]).toMatchObject({ text: 'Hello there', status: 'done' });
    const same = entriesOf(
      ['server', 'response.output_text.delta', { item_id: 'a1', delta: 'Hi' }],
      ['server', 'conversation.item.done', { item: assistantItem('a1', 'Yo') }],
    );
    expect(same[0]).toMatchObject({ text: 'Yo' });
  });

  it('does not finish a message on a retrieved copy that is still in progress, nor on an added item', () => {
    const retrieved = entriesOf(['server', 'conversation.item.retrieved', { item: assistantItem('a1', 'Hi', 'in_progress') }]);
    expect(retrieved[0]).toMatchObject({ status: 'streaming' });
    const added = entriesOf(['server', 'response.output_item.added', { item: assistantItem('a1', 'Hi', 'in_progress') }]);
    expect(added[0]).toMatchObject({ status: 'streaming' });
    const created = entriesOf(['server', 'conversation.item.created', { item: assistantItem('a1', 'Hi', 'in_progress') }]);
    expect(created).toHaveLength(1);
    const done = entriesOf(['server', 'response.output_item.done', { item: assistantItem('a1', 'Hi', 'in_progress') }]);
    expect(done[0]).toMatchObject({ status: 'done' });
  });

  it('ignores items without an id, items of other roles or kinds, and a message item without an id', () => {
    expect(
      entriesOf(
        ['server', 'conversation.item.added', { item: { type: 'message', role: 'user', content: [{ text: 'x' }] } }],
        ['server', 'conversation.item.added', { item: { id: 's1', type: 'message', role: 'system', content: [{ text: 'x' }] } }],
        ['server', 'conversation.item.added', { item: { call_id: 'c1', type: 'message', role: 'user', content: [{ text: 'x' }] } }],
        ['server', 'conversation.item.added', { item: { id: 'r1', type: 'reasoning' } }],
        ['server', 'conversation.item.added', { item: { id: 'f1', type: 'function_call', name: 'x' } }],
        ['server', 'conversation.item.added', { item: { id: 'o1', type: 'function_call_output', output: 'x' } }],
        ['server', 'session.updated', { item: assistantItem('a1', 'x') }],
      ),
    ).toEqual([]);
  });

  it('keeps a message interrupted once truncated, even when its item finishes later', () => {
    const entries = entriesOf(
      ['server', 'response.output_text.delta', { item_id: 'a1', delta: 'Let me' }],
      ['server', 'conversation.item.truncated', { item_id: 'a1' }],
      ['server', 'conversation.item.done', { item: assistantItem('a1', 'Let me') }],
      ['server', 'conversation.item.truncated', { item_id: 'unknown' }],
      ['server', 'conversation.item.truncated', {}],
    );
    expect(entries).toEqual([expect.objectContaining({ id: 'a1', status: 'interrupted' })]);
  });

  it('marks the messages of a cancelled response as interrupted, and leaves a completed response alone', () => {
    const base: Step[] = [
      ['server', 'response.output_text.delta', { item_id: 'a1', delta: 'One' }],
      ['server', 'response.output_text.delta', { item_id: 'a2', delta: 'Two' }],
    ];
    const cancelled = entriesOf(...base, [
      'server',
      'response.done',
      { response: { status: 'cancelled', output: [{ id: 'a1' }, { id: 'gone' }, { type: 'message' }] } },
    ]);
    expect(cancelled.map((entry) => entry.kind === 'message' && entry.status)).toEqual(['interrupted', 'streaming']);
    const completed = entriesOf(...base, ['server', 'response.done', { response: { status: 'completed', output: [{ id: 'a1' }] } }]);
    expect(completed.map((entry) => entry.kind === 'message' && entry.status)).toEqual(['streaming', 'streaming']);
    expect(entriesOf(...base, ['server', 'response.done', {}])).toHaveLength(2);
    expect(entriesOf(...base, ['server', 'response.done', { response: { status: 'cancelled' } }])).toHaveLength(2);
  });

  it('ignores deltas and final texts that name no item or carry no text', () => {
    expect(
      entriesOf(
        ['server', 'response.output_text.delta', { delta: 'orphan' }],
        ['server', 'response.output_audio_transcript.delta', { item_id: 'a1' }],
        ['server', 'response.output_audio_transcript.done', { transcript: 'orphan' }],
        ['server', 'response.output_text.done', { item_id: 'a2' }],
        ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'u1' }],
      ),
    ).toEqual([]);
  });

  it('sets the final text of a spoken reply, a text reply and a transcribed user turn', () => {
    const entries = entriesOf(
      ['server', 'response.output_audio_transcript.done', { item_id: 'a1', transcript: 'Spoken' }],
      ['server', 'response.output_text.done', { item_id: 'a2', text: 'Written' }],
      ['server', 'conversation.item.input_audio_transcription.completed', { item_id: 'u1', transcript: 'Said' }],
    );
    expect(entries.map((entry) => entry.kind === 'message' && [entry.id, entry.role, entry.text])).toEqual([
      ['a1', 'assistant', 'Spoken'],
      ['a2', 'assistant', 'Written'],
      ['u1', 'user', 'Said'],
    ]);
  });

  it('shows a user message the client sent, but nothing else the client sends', () => {
    const entries = entriesOf(
      ['client', 'conversation.item.create', { item: userItem('u1', [{ text: 'Typed' }], 'in_progress') }],
      ['client', 'response.output_text.delta', { item_id: 'a1', delta: 'x' }],
      ['client', 'error', { error: { message: 'x' } }],
    );
    expect(entries).toEqual([expect.objectContaining({ id: 'u1', text: 'Typed', status: 'streaming' })]);
  });
});

describe('the transcript reducer, tools and handoffs', () => {
  it('fills a tool call in as it streams: name, then arguments, and keeps what a later item leaves out', () => {
    const entries = entriesOf(
      ['app', 'session.started', { agent: 'returns' }],
      ['server', 'response.output_item.added', { item: { id: 'f1', type: 'function_call', call_id: 'c1', name: 'lookupOrder' } }],
      ['server', 'response.output_item.done', { item: { id: 'f1', type: 'function_call', call_id: 'c1', arguments: '{"id":7}' } }],
    );
    expect(entries).toEqual([
      {
        kind: 'tool',
        id: 'c1',
        agent: 'returns',
        name: 'lookupOrder',
        arguments: '{"id":7}',
        output: undefined,
        status: 'running',
        backend: undefined,
        itemId: 'f1',
        argumentsFrom: 'item',
      },
    ]);
  });

  it('shows a tool with no name or arguments yet as empty, and finishes it with its output', () => {
    const entries = entriesOf(
      ['server', 'conversation.item.added', { item: { type: 'function_call', call_id: 'c1' } }],
      ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'c1', output: '{"ok":true}' } }],
      ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'c1' } }],
    );
    expect(entries).toEqual([expect.objectContaining({ name: '', arguments: '', output: '{"ok":true}', status: 'done' })]);
  });

  it('ignores the output of a call it never saw, and of a function call item without a call id', () => {
    expect(
      entriesOf(
        ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'c9', output: 'x' } }],
        ['server', 'conversation.item.added', { item: { id: 'f1', type: 'function_call', name: 'x' } }],
      ),
    ).toEqual([]);
  });

  it('shows a handoff once however often its call is repeated, and no tool or output for it', () => {
    const call = { type: 'function_call', call_id: 'h1', name: 'transfer_to_returns', arguments: '{}' };
    const entries = entriesOf(
      ['app', 'session.started', { agent: 'greeter' }],
      ['server', 'response.output_item.added', { item: call }],
      ['server', 'response.output_item.done', { item: call }],
      ['app', 'agent.changed', { from: 'greeter', to: 'returns', reason: 'handoff' }],
      ['server', 'conversation.item.added', { item: call }],
      ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'h1', output: '{"assistant":"returns"}' } }],
    );
    expect(entries).toEqual([{ kind: 'handoff', id: 'h1', from: 'greeter', to: 'returns' }]);
  });

  it('shows a user-picked switch with ? for an unknown target, and no breadcrumb for a switch it was not asked for', () => {
    expect(entriesOf(['app', 'agent.changed', { from: 'a', reason: 'user' }])).toEqual([{ kind: 'handoff', id: 'switch-0', from: 'a', to: '?' }]);
    expect(entriesOf(['app', 'agent.changed', { from: 'a', to: 'b', reason: 'handoff' }])).toEqual([]);
  });

  it('follows a backend call from request to answer, naming the tool from it when the call is not known yet', () => {
    const entries = entriesOf(
      ['app', 'escalation.request', { callId: 'c1', toolName: 'decideReturn', request: { q: 1 } }],
      ['app', 'escalation.response', { callId: 'c1', result: { ok: true }, model: 'o4-mini', durationMs: 900, usage: { totalTokens: 3 } }],
    );
    expect(entries).toEqual([
      expect.objectContaining({
        kind: 'tool',
        id: 'c1',
        name: 'decideReturn',
        backend: {
          kind: 'escalation',
          status: 'done',
          request: { q: 1 },
          result: { ok: true },
          model: 'o4-mini',
          durationMs: 900,
          usage: { totalTokens: 3 },
        },
      }),
    ]);
  });

  it('names a backend call by its kind when nothing else names it, and keeps no duration that is not a number', () => {
    const [entry] = entriesOf(['app', 'supervisor.response', { callId: 'c1', result: 'x', durationMs: '5' }]);
    expect(entry).toMatchObject({ name: 'supervisor', backend: { kind: 'supervisor', status: 'done', request: undefined, durationMs: undefined } });
  });

  it('says a backend call failed, with its message or just "failed", keeping the request', () => {
    const failed = entriesOf(
      ['app', 'supervisor.request', { callId: 'c1', request: { q: 2 } }],
      ['app', 'supervisor.error', { callId: 'c1', message: 'Rate limited', durationMs: 120 }],
    );
    expect(failed[0]).toMatchObject({ backend: { kind: 'supervisor', status: 'failed', request: { q: 2 }, error: 'Rate limited', durationMs: 120 } });
    const bare = entriesOf(['app', 'escalation.error', { callId: 'c1', durationMs: 'slow' }]);
    expect(bare[0]).toMatchObject({ backend: { status: 'failed', error: 'failed', durationMs: undefined, request: undefined } });
    expect(entriesOf(['app', 'supervisor', { callId: 'c1' }])[0]).toMatchObject({ backend: { status: 'failed', error: 'failed' } });
    expect(entriesOf(['app', 'supervisor.request', { request: {} }])).toEqual([]);
  });
});

describe('the transcript reducer, guardrails and notices', () => {
  const finished: Step = ['server', 'conversation.item.done', { item: assistantItem('a1', 'Hi') }];

  it('asks for no verdict when guardrails are off, or for a user message', () => {
    expect(entriesOf(['app', 'session.started', { guardrails: false }], finished)[0]).toMatchObject({ guardrail: undefined });
    expect(entriesOf(['app', 'session.started', { guardrails: 'yes' }], finished)[0]).toMatchObject({ guardrail: undefined });
    const user = entriesOf(
      ['app', 'session.started', { guardrails: true }],
      ['server', 'conversation.item.done', { item: userItem('u1', [{ text: 'x' }]) }],
    );
    expect(user[0]).toMatchObject({ guardrail: undefined });
  });

  it('keeps a verdict that arrived before the message finished', () => {
    const entries = entriesOf(
      ['app', 'session.started', { guardrails: true }],
      ['server', 'response.output_text.delta', { item_id: 'a1', delta: 'Hi' }],
      ['app', 'guardrail.verdict', { itemId: 'a1', tripped: false, category: 'NONE', rationale: 'Fine.' }],
      finished,
    );
    expect(entries[0]).toMatchObject({ guardrail: { status: 'pass', category: 'NONE', rationale: 'Fine.' } });
  });

  it('fills a verdict without category or rationale with ? and nothing, and ignores a verdict for an unknown message', () => {
    const entries = entriesOf(
      ['app', 'session.started', { guardrails: true }],
      finished,
      ['app', 'guardrail.verdict', { itemId: 'a1', tripped: true }],
      ['app', 'guardrail.verdict', { itemId: 'zz', tripped: true }],
      ['app', 'guardrail.verdict', { tripped: true }],
    );
    expect(entries).toEqual([expect.objectContaining({ guardrail: { status: 'fail', category: '?', rationale: '' } })]);
  });

  it('shows a guardrail that could not run, with its message or "failed"', () => {
    const withMessage = entriesOf(['app', 'session.started', { guardrails: true }], finished, [
      'app',
      'guardrail.error',
      { itemId: 'a1', message: 'Timed out.' },
    ]);
    expect(withMessage[0]).toMatchObject({ guardrail: { status: 'error', message: 'Timed out.' } });
    const bare = entriesOf(
      ['app', 'session.started', { guardrails: true }],
      finished,
      ['app', 'guardrail.error', { itemId: 'a1' }],
      ['app', 'guardrail.error', { itemId: 'zz' }],
    );
    expect(bare).toEqual([expect.objectContaining({ guardrail: { status: 'error', message: 'failed' } })]);
  });

  it('keeps waiting for a verdict while the session is connecting or connected', () => {
    for (const status of ['connecting', 'connected']) {
      const entries = entriesOf(['app', 'session.started', { guardrails: true }], finished, ['app', 'session.state', { status }]);
      expect(entries[0], status).toMatchObject({ guardrail: { status: 'pending' } });
    }
    const ended = entriesOf(['app', 'session.started', { guardrails: true }], finished, ['app', 'session.state', { status: 'disconnected' }]);
    expect(ended[0]).toMatchObject({ guardrail: { status: 'error', message: 'Not checked: the session ended before the guardrail answered.' } });
  });

  it('shows a server error with its message and code, or says it is unknown', () => {
    const entries = entriesOf(
      ['server', 'error', { error: { message: 'Bad request', code: 'invalid_value' } }],
      ['server', 'error', { error: { message: 'Slow down' } }],
      ['server', 'error', {}],
    );
    expect(entries).toEqual([
      { kind: 'notice', id: 'error-0', level: 'error', text: 'Realtime API error: Bad request (invalid_value)' },
      { kind: 'notice', id: 'error-1', level: 'error', text: 'Realtime API error: Slow down' },
      { kind: 'notice', id: 'error-2', level: 'error', text: 'Realtime API error: unknown' },
    ]);
  });

  it('shows a session failure as a notice, with its message or a plain one', () => {
    expect(entriesOf(['app', 'session.error', { message: 'Microphone blocked.' }], ['app', 'session.error', {}])).toEqual([
      { kind: 'notice', id: 'notice-0', level: 'error', text: 'Microphone blocked.' },
      { kind: 'notice', id: 'notice-1', level: 'error', text: 'The session failed.' },
    ]);
  });

  it('returns the very same state for an empty batch', () => {
    const state = emptyTranscript();
    expect(reduceTranscript(state, [])).toBe(state);
  });

  it('reduces the same earlier state twice along two lines without one line seeing the other', () => {
    const start = reduceTranscript(emptyTranscript(), stream(['server', 'conversation.item.added', { item: userItem('u1', [{ text: 'Hi' }]) }]));
    const lineA = reduceTranscript(start, stream(['server', 'response.output_text.delta', { item_id: 'a1', delta: 'A' }]));
    const lineB = reduceTranscript(start, stream(['server', 'response.output_text.delta', { item_id: 'b1', delta: 'B' }]));
    const moreA = reduceTranscript(lineA, stream(['server', 'response.output_text.delta', { item_id: 'a1', delta: 'A' }]));
    const moreB = reduceTranscript(lineB, stream(['server', 'response.output_text.delta', { item_id: 'b1', delta: 'B' }]));
    expect(moreA.entries.toArray().map((entry) => entry.kind === 'message' && entry.text)).toEqual(['Hi', 'AA']);
    expect(moreB.entries.toArray().map((entry) => entry.kind === 'message' && entry.text)).toEqual(['Hi', 'BB']);
  });
});

describe('the transcript reducer, tool calls held for a decision', () => {
  const call = (id: string, name: string): Step => [
    'server',
    'response.output_item.done',
    { item: { id: `item-${id}`, type: 'function_call', call_id: id, name, arguments: '{}', status: 'completed' } },
  ];
  const approvalOf = (entries: TranscriptEntry[], id: string) =>
    entries.find((entry) => entry.kind === 'tool' && entry.id === id) as Extract<TranscriptEntry, { kind: 'tool' }> | undefined;

  it('marks a call waiting, then with the decision, whichever way it went', () => {
    const entries = entriesOf(
      call('c1', 'lookup'),
      call('c2', 'lookup'),
      call('c3', 'lookup'),
      ['app', 'tool.approval_requested', { callId: 'c1', toolName: 'lookup' }],
      ['app', 'tool.approval_requested', { callId: 'c2', toolName: 'lookup' }],
      ['app', 'tool.approval_requested', { callId: 'c3', toolName: 'lookup' }],
      ['app', 'tool.approval', { callId: 'c1', decision: 'approved' }],
      ['app', 'tool.approval', { callId: 'c2', decision: 'edited' }],
      ['app', 'tool.approval', { callId: 'c3', decision: 'maybe' }],
    );
    expect(['c1', 'c2', 'c3'].map((id) => approvalOf(entries, id)?.approval)).toEqual(['approved', 'edited', 'waiting']);
    expect(approvalOf(entries, 'c1')).toMatchObject({ name: 'lookup', status: 'running' });
  });

  it('marks a call still waiting when the session ends as abandoned, and leaves decided ones alone', () => {
    const steps: Step[] = [
      call('c1', 'lookup'),
      call('c2', 'refund'),
      ['app', 'tool.approval_requested', { callId: 'c1', toolName: 'lookup' }],
      ['app', 'tool.approval_requested', { callId: 'c2', toolName: 'refund' }],
      ['app', 'tool.approval', { callId: 'c2', decision: 'rejected' }],
    ];
    const connected = entriesOf(...steps, ['app', 'session.state', { status: 'connected' }]);
    expect(approvalOf(connected, 'c1')?.approval).toBe('waiting');
    const state = reduceTranscript(emptyTranscript(), stream(...steps, ['app', 'session.state', { status: 'idle' }]));
    expect(approvalOf(state.entries.toArray(), 'c1')?.approval).toBe('abandoned');
    expect(approvalOf(state.entries.toArray(), 'c2')?.approval).toBe('rejected');
    expect(state.pendingApprovals).toEqual([]);
  });

  it('names a call it learns of from its approval alone, and ignores an approval without a call id', () => {
    const entries = entriesOf(
      ['app', 'tool.approval_requested', { callId: 'c9', toolName: 'checkout' }],
      ['app', 'tool.approval', { toolName: 'checkout', decision: 'approved' }],
    );
    expect(entries).toEqual([expect.objectContaining({ kind: 'tool', id: 'c9', name: 'checkout', approval: 'waiting' })]);
  });

  it('marks a supervisor tool’s call that asked on the realtime call waiting for the supervisor, naming the tool', () => {
    const steps: Step[] = [
      call('rt1', 'getNextResponseFromSupervisor'),
      ['app', 'tool.approval_requested', { callId: 'fc_1', toolName: 'getUserAccountInfo', agent: '(supervisor)', parentCallId: 'rt1' }],
    ];
    const waiting = entriesOf(...steps);
    // No entry of its own: the supervisor's call happens inside the realtime one.
    expect(waiting).toHaveLength(1);
    expect(approvalOf(waiting, 'rt1')).toMatchObject({
      name: 'getNextResponseFromSupervisor',
      approval: 'waiting',
      approvalOf: 'getUserAccountInfo',
    });
    const decided = entriesOf(...steps, [
      'app',
      'tool.approval',
      { callId: 'fc_1', toolName: 'getUserAccountInfo', decision: 'rejected', parentCallId: 'rt1' },
    ]);
    expect(approvalOf(decided, 'rt1')).toMatchObject({ approval: 'rejected', approvalOf: 'getUserAccountInfo' });
    const ended = entriesOf(...steps, ['app', 'session.state', { status: 'idle' }]);
    expect(approvalOf(ended, 'rt1')?.approval).toBe('abandoned');
  });
});
