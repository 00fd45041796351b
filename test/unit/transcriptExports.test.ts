import { describe, expect, it } from 'vitest';
import { transcriptToMarkdown } from '../../src-shared/transcript/transcriptMarkdown';
import { emptyTranscript, transcriptToText } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { stream } from './streamFixtures';

describe('the Markdown export', () => {
  it('keeps what was said from breaking the document: markup is escaped and newlines stay in the paragraph', () => {
    const state = reduceTranscript(
      emptyTranscript(),
      stream([
        'server',
        'conversation.item.added',
        { item: { id: 'u1', type: 'message', role: 'user', content: [{ type: 'input_text', text: '# *not* a heading\nline two' }] } },
      ]),
    );
    const markdown = transcriptToMarkdown(state.entries.toArray(), { title: 'T', details: [] });
    expect(markdown).toBe('# T\n\n**User:** \\# \\*not\\* a heading line two\n');
  });

  it('shows tool arguments and results as JSON blocks, and handoffs as quotes', () => {
    const state = reduceTranscript(
      emptyTranscript(),
      stream(
        ['app', 'session.started', { agent: 'greeter' }],
        ['server', 'response.output_item.done', { item: { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{"id":7}' } }],
        ['server', 'conversation.item.added', { item: { type: 'function_call_output', call_id: 'c1', output: '{"ok":true}' } }],
        ['app', 'agent.changed', { from: 'greeter', to: 'haikuWriter', reason: 'user' }],
      ),
    );
    expect(transcriptToMarkdown(state.entries.toArray(), { title: 'T', details: ['Scenario: x'] })).toBe(
      [
        '# T',
        '',
        '- Scenario: x',
        '',
        '- Tool `lookup`',
        '',
        '  Arguments:',
        '',
        '  ```json',
        '  {',
        '    "id": 7',
        '  }',
        '  ```',
        '',
        '  Result:',
        '',
        '  ```json',
        '  {',
        '    "ok": true',
        '  }',
        '  ```',
        '',
        '> Handoff: greeter → haikuWriter',
        '',
      ].join('\n'),
    );
  });
});

describe('the exports of calls held for a decision', () => {
  it('say how the user decided, naming the supervisor’s own tool when it asked inside the call', () => {
    const state = reduceTranscript(
      emptyTranscript(),
      stream(
        ['server', 'response.output_item.done', { item: { type: 'function_call', call_id: 'c1', name: 'lookup', arguments: '{}' } }],
        ['app', 'tool.approval_requested', { callId: 'c1', toolName: 'lookup' }],
        ['app', 'tool.approval', { callId: 'c1', decision: 'rejected', message: 'No.' }],
        [
          'server',
          'response.output_item.done',
          { item: { type: 'function_call', call_id: 'c2', name: 'getNextResponseFromSupervisor', arguments: '{}' } },
        ],
        ['app', 'tool.approval_requested', { callId: 'fc1', toolName: 'getUserAccountInfo', parentCallId: 'c2' }],
        ['app', 'tool.approval', { callId: 'fc1', toolName: 'getUserAccountInfo', decision: 'edited', parentCallId: 'c2' }],
      ),
    );
    const entries = state.entries.toArray();
    expect(transcriptToText(entries).split('\n')).toEqual([
      '[tool lookup({})] [rejected by the user]',
      '[tool getNextResponseFromSupervisor({})] [getUserAccountInfo: approved with edited arguments]',
    ]);
    const markdown = transcriptToMarkdown(entries, { title: 'T', details: [] });
    expect(markdown).toContain('- Tool `lookup` (rejected by the user)');
    expect(markdown).toContain('- Tool `getNextResponseFromSupervisor` (getUserAccountInfo: approved with edited arguments)');
  });
});

describe('the Markdown export of messages', () => {
  it('says who spoke (the agent, or unknown), what was interrupted, every kind of verdict, and notices', () => {
    const entries = [
      {
        kind: 'message',
        id: 'a',
        role: 'assistant',
        agent: 'greeter',
        text: 'Hi',
        status: 'done',
        guardrail: { status: 'pass', category: 'NONE', rationale: '' },
      },
      { kind: 'message', id: 'b', role: 'assistant', agent: undefined, text: 'Cut', status: 'interrupted', guardrail: { status: 'pending' } },
      {
        kind: 'message',
        id: 'c',
        role: 'assistant',
        agent: 'greeter',
        text: 'Rude',
        status: 'done',
        guardrail: { status: 'fail', category: 'OFFENSIVE', rationale: 'insult' },
      },
      {
        kind: 'message',
        id: 'd',
        role: 'assistant',
        agent: 'greeter',
        text: 'Late',
        status: 'done',
        guardrail: { status: 'error', message: 'Not checked' },
      },
      { kind: 'notice', id: 'e', level: 'error', text: 'Dropped' },
      { kind: 'notice', id: 'f', level: 'info', text: 'Reconnected' },
      { kind: 'handoff', id: 'g', from: undefined, to: 'returns' },
      {
        kind: 'tool',
        id: 'h',
        agent: 'x',
        name: 'escalate',
        arguments: 'not json',
        output: 'has ``` inside',
        status: 'done',
        backend: { kind: 'escalation', status: 'done', request: {}, model: 'o4-mini' },
      },
    ] as const;
    expect(transcriptToMarkdown(entries as never, { title: 'T', details: [] }).split('\n')).toEqual([
      '# T',
      '',
      '**Assistant (greeter):** Hi _(guardrail: pass)_',
      '',
      '**Assistant (unknown agent):** Cut _(interrupted)_ _(guardrail: no verdict)_',
      '',
      '**Assistant (greeter):** Rude _(guardrail tripped: OFFENSIVE: insult)_',
      '',
      '**Assistant (greeter):** Late _(guardrail: Not checked)_',
      '',
      '> Error: Dropped',
      '',
      '> Note: Reconnected',
      '',
      '> Handoff: unknown → returns',
      '',
      '- Tool `escalate` via the escalation model o4-mini',
      '',
      '  Arguments:',
      '',
      '  ```json',
      '  not json',
      '  ```',
      '',
      '  Result:',
      '',
      '  ~~~~json',
      '  has ``` inside',
      '  ~~~~',
      '',
    ]);
  });
});

describe('a reconnect in the transcript', () => {
  it('shows the earlier messages under the ids they were given to the new session, so the echo does not repeat them', () => {
    const resumed = stream(
      ['app', 'session.started', { agent: 'greeter' }],
      [
        'app',
        'session.resumed',
        {
          messages: [
            { id: 'wbseed_1_0', role: 'user', text: 'Hello', agent: undefined },
            { id: 'wbseed_1_1', role: 'assistant', text: 'Hi!', agent: 'greeter' },
          ],
        },
      ],
      [
        'server',
        'conversation.item.added',
        { item: { id: 'wbseed_1_0', type: 'message', role: 'user', content: [{ type: 'input_text', text: 'Hello' }] } },
      ],
      [
        'server',
        'conversation.item.added',
        { item: { id: 'wbseed_1_1', type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: 'Hi!' }] } },
      ],
    );
    const entries = reduceTranscript(emptyTranscript(), resumed).entries.toArray();
    expect(entries.map((entry) => (entry.kind === 'message' ? `${entry.role}: ${entry.text}` : entry.kind))).toEqual([
      'user: Hello',
      'assistant: Hi!',
      'notice',
    ]);
    expect(entries[2]).toMatchObject({ text: 'Reconnected: a new session, given the 2 earlier messages so the agent carries on.' });
  });
});
