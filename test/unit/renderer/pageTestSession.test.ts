import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { runTestOnce, type TestPort } from '../../../src-shared/scenarioTests/testRun';
import type { ScenarioTest } from '../../../src-shared/scenarioTests/testsFile';
import { PageTestSession } from '../../../src-renderer/src/engine/live/pageTestSession';

/** A live session that answers each typed message with one assistant reply, as the page's session records it. */
function fakeLive(session: PageTestSession, reply: (text: string) => string) {
  let seq = 0;
  let ended = false;
  const sent: string[] = [];
  const emit = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown>) =>
    session.take({ seq: seq++, t: seq, direction, type, payload });
  session.attach({
    sendText: (text) => {
      sent.push(text);
      const id = `msg_${seq}`;
      emit('client', 'conversation.item.create', { item: { id: `u${id}`, type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
      emit('server', 'conversation.item.added', { item: { id: `u${id}`, type: 'message', role: 'user', content: [{ type: 'input_text', text }] } });
      setTimeout(() => {
        emit('server', 'response.output_text.delta', { item_id: id, response_id: `r${id}`, delta: reply(text) });
        emit('server', 'response.done', {
          response: {
            id: `r${id}`,
            status: 'completed',
            output: [{ id, type: 'message', role: 'assistant', content: [{ type: 'output_text', text: reply(text) }] }],
          },
        });
      }, 10);
    },
    play: () => Promise.reject(new Error('no audio in a typed test')),
    get isEnded() {
      return ended;
    },
    close: () => {
      ended = true;
      return Promise.resolve('log-1');
    },
  });
  return { sent };
}

describe('the page’s test session', () => {
  it('plays a typed test, tells each turn as it starts, and answers with the saved log', async () => {
    const turns: number[] = [];
    const session = new PageTestSession((turn) => turns.push(turn), { settleMs: 20, turnMs: 2_000 });
    const live = fakeLive(session, (text) => (text === 'Hello!' ? 'Welcome to the studio!' : 'The pond holds the moon.'));
    const test: ScenarioTest = {
      name: 't',
      runs: 1,
      minPassRate: 1,
      turns: [{ user: 'Hello!', expect: { replyIncludes: 'zebra' } }, { user: 'A haiku?' }],
    };
    const port: TestPort = {
      openSession: () => Promise.resolve(session),
      judge: () => Promise.reject(new Error('no judge here')),
      callerLine: () => Promise.reject(new Error('no caller here')),
      readAudio: () => Promise.reject(new Error('no audio')),
      speak: () => Promise.reject(new Error('no audio')),
    };
    const outcome = await runTestOnce(test, 1, 'mine.tests.json', port);
    expect(live.sent).toEqual(['Hello!', 'A haiku?']);
    expect(turns).toEqual([1, 2]);
    expect(outcome).toMatchObject({ passed: false, error: undefined, logId: 'log-1' });
    expect(outcome.turns[0]!.expectations).toEqual([
      expect.objectContaining({ kind: 'replyIncludes', ok: false, seen: expect.stringContaining('Welcome') }),
    ]);
  });

  it('fails a turn in words when the session ends before it is over', async () => {
    const session = new PageTestSession(undefined, { settleMs: 20, turnMs: 2_000 });
    let ended = false;
    // The connection drops as the message goes out.
    session.attach({
      sendText: () => (ended = true),
      play: () => Promise.resolve(),
      get isEnded() {
        return ended;
      },
      close: () => Promise.resolve('x'),
    });
    await expect(session.say('Hi')).rejects.toThrow('The session ended while waiting for the answer to "Hi".');
  });
});
