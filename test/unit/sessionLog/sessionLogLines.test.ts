import { describe, expect, it } from 'vitest';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import {
  SESSION_LOG_EXTENSION,
  SESSION_LOG_FORMAT,
  SESSION_LOG_VERSION,
  accumulateStats,
  emptyStats,
  parseLogLine,
  toLogLine,
  versionWarning,
} from '../../../src-shared/sessionLog';
import { header } from './logFixtures';

const footer = { record: 'footer', endedAt: '2026-11-29T10:05:00.000Z', reason: 'user', eventCount: 3, durationMs: 1200 };
const reasonOf = (text: string) => {
  const line = parseLogLine(text);
  return line.kind === 'bad' ? line.reason : `not bad: ${line.kind}`;
};

describe('a session log line', () => {
  it('is named by the format and version the app writes, in a .jsonl file', () => {
    expect([SESSION_LOG_FORMAT, SESSION_LOG_VERSION, SESSION_LOG_EXTENSION]).toEqual(['voice-agent-workbench/session-log', 1, '.jsonl']);
  });

  it('reads back a header, an event and a footer as written', () => {
    expect(parseLogLine(toLogLine(header()).trimEnd())).toEqual({ kind: 'header', header: header() });
    const event: SessionEvent = { seq: 3, t: 10.5, direction: 'client', type: 'response.create', payload: { a: 1 } };
    expect(parseLogLine(JSON.stringify({ ...event, extra: 'ignored' }))).toEqual({ kind: 'event', event });
    expect(parseLogLine(JSON.stringify(footer))).toEqual({ kind: 'footer', footer });
  });

  it('keeps a record kind it does not know, by name', () => {
    expect(parseLogLine('{"record":"bookmark","at":3}')).toEqual({ kind: 'unknown-record', record: 'bookmark' });
  });

  it.each([
    ['null', 'is not a JSON object'],
    ['[1,2]', 'is not a JSON object'],
    ['"text"', 'is not a JSON object'],
    ['{"seq":"abc', 'is cut short (incomplete JSON)'],
    ['', 'is cut short (incomplete JSON)'],
    ['{"a": tru}', expect.stringMatching(/^is not valid JSON( \(at character \d+\))?$/)],
    ['{"a":1}\u0000', 'holds binary data (NUL bytes), not JSON text'],
  ])('refuses %j, saying why', (text, reason) => {
    expect(reasonOf(text)).toEqual(reason);
  });

  it('points at the character where the JSON goes wrong, counting from 1', () => {
    expect(reasonOf('{"a":1}x')).toBe('is not valid JSON (at character 8)');
    expect(reasonOf('{"a":12345678901}}')).toBe('is not valid JSON (at character 18)');
  });

  it('names up to three faulty fields of an event', () => {
    expect(reasonOf('{"seq":-1,"t":0,"direction":"client","type":"x","payload":{}}')).toMatch(/^is not a session event \(seq: [^;]+\)$/);
    expect(reasonOf('{"direction":"up"}')).toMatch(/^is not a session event \(seq: [^;]+; t: [^;]+; direction: [^;]+\)$/);
  });

  it('refuses a header of another format, or with faults, naming the field', () => {
    expect(reasonOf(JSON.stringify({ ...header(), format: 'other/log' }))).toBe('is a header of another format ("other/log")');
    expect(reasonOf(JSON.stringify({ ...header(), sessionId: '' }))).toMatch(/^is a header with faults \(sessionId: .+\)$/);
    expect(reasonOf(JSON.stringify({ ...header(), startedAt: '2026-11-29 10:00' }))).toMatch(/^is a header with faults \(startedAt: /);
    expect(reasonOf(JSON.stringify({ ...header(), startedAt: '2026-11-29T10:00:00.000+01:00' }))).toBe('not bad: header');
    expect(reasonOf(JSON.stringify({ ...header(), setup: { ...header().setup, codec: 'mp3' } }))).toMatch(/setup\.codec: /);
    expect(reasonOf(JSON.stringify({ ...header(), setup: { ...header().setup, turnDetection: 'none' } }))).toMatch(/setup\.turnDetection: /);
    expect(reasonOf(JSON.stringify({ ...header(), setup: { ...header().setup, output: 'video' } }))).toMatch(/setup\.output: /);
    expect(
      reasonOf(JSON.stringify({ ...header(), audio: { file: 'a.wav', sampleRate: 24000, channels: 2, layout: ['assistant', 'microphone'] } })),
    ).toMatch(/audio/);
  });

  it('accepts every setup the app records', () => {
    for (const codec of ['opus', 'pcmu', 'pcma'])
      for (const turnDetection of ['server_vad', 'push_to_talk'])
        for (const output of ['audio', 'text']) {
          const line = JSON.stringify({ ...header(), setup: { ...header().setup, codec, turnDetection, output } });
          expect(parseLogLine(line).kind, `${codec} ${turnDetection} ${output}`).toBe('header');
        }
  });

  it('refuses a footer with faults, and accepts every end reason', () => {
    expect(reasonOf(JSON.stringify({ ...footer, reason: 'bored' }))).toMatch(/^is a footer with faults \(reason: /);
    expect(reasonOf(JSON.stringify({ ...footer, endedAt: 'yesterday' }))).toMatch(/^is a footer with faults \(endedAt: /);
    for (const reason of ['user', 'capped', 'dropped', 'error', 'replaced', 'host-closed'])
      expect(parseLogLine(JSON.stringify({ ...footer, reason })).kind, reason).toBe('footer');
  });
});

describe('the version warning', () => {
  it('says nothing for this version or an older one, and names both versions for a newer one', () => {
    expect(versionWarning(header())).toBeUndefined();
    expect(versionWarning(header({ version: SESSION_LOG_VERSION + 1 }))).toBe(
      `was written by a newer Voice Agent Workbench (log format ${SESSION_LOG_VERSION + 1}; this app reads format ${SESSION_LOG_VERSION}). Fields this app does not know are ignored.`,
    );
  });
});

describe('session stats', () => {
  let seq = 0;
  const ev = (direction: SessionEvent['direction'], type: string, payload: Record<string, unknown> = {}, t = 0): SessionEvent => ({
    seq: seq++,
    t,
    direction,
    type,
    payload,
  });
  const user = (text: string | undefined, extra: Record<string, unknown> = {}) => ({
    item: { type: 'message', role: 'user', content: text === undefined ? [] : [{ type: 'input_text', text }], ...extra },
  });

  it('starts at zero', () => {
    expect(emptyStats).toEqual({ events: 0, turns: 0, durationMs: 0, firstUserText: undefined });
  });

  it('counts events, the longest time, the user messages the server added, and the first thing the user said', () => {
    const stats = accumulateStats(emptyStats, [
      ev('client', 'conversation.item.create', user('typed first'), 100),
      ev('server', 'conversation.item.added', user('typed first'), 120),
      ev('server', 'conversation.item.created', user('second'), 900),
      ev('server', 'response.done', {}, 700),
    ]);
    expect(stats).toEqual({ events: 4, turns: 2, durationMs: 900, firstUserText: 'typed first' });
  });

  it('does not count what is not a user message the server added as a turn', () => {
    const stats = accumulateStats(emptyStats, [
      ev('client', 'conversation.item.create', user('only sent')),
      ev('server', 'conversation.item.create', user('odd')),
      ev('client', 'conversation.item.added', user('odd')),
      ev('app', 'conversation.item.added', user('odd')),
      ev('server', 'conversation.item.added', { item: { type: 'message', role: 'assistant', content: [{ text: 'hi' }] } }),
      ev('server', 'conversation.item.added', { item: { type: 'function_call', role: 'user' } }),
      ev('server', 'conversation.item.added', {}),
      ev('server', 'conversation.item.done', user('done')),
    ]);
    expect(stats).toMatchObject({ events: 8, turns: 0, firstUserText: 'only sent' });
  });

  it('counts a spoken turn without text, and takes the first text that comes later', () => {
    const stats = accumulateStats(emptyStats, [
      ev('server', 'conversation.item.added', user(undefined)),
      ev('server', 'conversation.item.added', user('x', { content: 'not a list' })),
      ev('server', 'conversation.item.added', {
        item: { type: 'message', role: 'user', content: [{ type: 'input_audio' }, { text: 'later' }, { text: 3 }] },
      }),
    ]);
    expect(stats).toMatchObject({ turns: 3, firstUserText: 'later' });
  });

  it('goes on from earlier figures', () => {
    const earlier = { events: 5, turns: 1, durationMs: 4000, firstUserText: 'hello' };
    expect(accumulateStats(earlier, [ev('server', 'conversation.item.added', user('again'), 3000)])).toEqual({
      events: 6,
      turns: 2,
      durationMs: 4000,
      firstUserText: 'hello',
    });
  });
});
