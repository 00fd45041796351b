import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';

let seq = 0;
const app = (type: string, payload: Record<string, unknown>): SessionEvent => ({ seq: seq++, t: seq, direction: 'app', type, payload });

describe('a reconnect’s earlier conversation in the transcript', () => {
  it('puts back each earlier user and assistant message as done, with its agent, and says how many', () => {
    seq = 0;
    const state = reduceTranscript(emptyTranscript(), [
      app('session.resumed', {
        messages: [
          { id: 'm1', role: 'user', text: 'Hello' },
          { id: 'm2', role: 'assistant', text: 'Hi!', agent: 'greeter' },
          { id: 'm3', role: 'system', text: 'Be brief.' },
          { role: 'user', text: 'no id' },
          { id: 'm4', role: 'assistant', text: 7 },
        ],
      }),
    ]);
    expect(state.entries.toArray()).toEqual([
      { kind: 'message', id: 'm1', role: 'user', agent: undefined, text: 'Hello', status: 'done', guardrail: undefined },
      { kind: 'message', id: 'm2', role: 'assistant', agent: 'greeter', text: 'Hi!', status: 'done', guardrail: undefined },
      { kind: 'message', id: 'm4', role: 'assistant', agent: undefined, text: '', status: 'done', guardrail: undefined },
      { kind: 'notice', id: 'resumed-0', level: 'info', text: 'Reconnected: a new session, given the 5 earlier messages so the agent carries on.' },
    ]);
  });

  it('says “message” for one, and takes a payload without messages as none', () => {
    seq = 0;
    const one = reduceTranscript(emptyTranscript(), [app('session.resumed', { messages: [{ id: 'm1', role: 'user', text: 'Hello' }] })]);
    expect(one.entries.toArray().at(-1)).toMatchObject({ text: 'Reconnected: a new session, given the 1 earlier message so the agent carries on.' });
    const none = reduceTranscript(emptyTranscript(), [app('session.resumed', { messages: 'lost' })]);
    expect(none.entries.toArray()).toEqual([
      { kind: 'notice', id: 'resumed-1', level: 'info', text: 'Reconnected: a new session, given the 0 earlier messages so the agent carries on.' },
    ]);
  });
});
