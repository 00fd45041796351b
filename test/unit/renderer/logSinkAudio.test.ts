import { describe, expect, it, vi } from 'vitest';
import type { WorkbenchApi } from '../../../src-shared/contract';
import type { LogWriteStatus } from '../../../src-shared/sessionLibrary';
import { LogSink, type LogSinkStatus } from '../../../src-renderer/src/engine/events/logSink';
import { scenario } from '../sessionLog/logFixtures';

const status: LogWriteStatus = { id: 'log-1', file: '/data/sessions/log-1.jsonl', unsaved: 0, problem: null };

/** Main's side of the log channels as the page sees them, recording what reached it and in which order. */
function logChannels(options: { audioFails?: () => boolean } = {}) {
  const calls: string[] = [];
  const begun: unknown[] = [];
  const audio: { startFrame: number; pcm: string }[] = [];
  const log = {
    begin: (request: unknown) => {
      begun.push(request);
      calls.push('begin');
      return Promise.resolve(status);
    },
    append: () => {
      calls.push('append');
      return Promise.resolve(status);
    },
    audio: (request: { startFrame: number; pcm: string }) => {
      if (options.audioFails?.()) return Promise.reject(new Error('main is not answering'));
      calls.push(`audio@${request.startFrame}`);
      audio.push(request);
      return Promise.resolve(status);
    },
    end: () => {
      calls.push('end');
      return Promise.resolve(status);
    },
  };
  return { api: { log } as unknown as WorkbenchApi, calls, begun, audio };
}

function sink(api: WorkbenchApi, onStatus: (status: LogSinkStatus) => void = () => undefined): LogSink {
  return new LogSink({
    api,
    sessionId: 'session-1',
    scenario,
    realtimeModel: 'gpt-realtime',
    setup: { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' },
    recordAudio: true,
    onStatus,
  });
}

describe('the log sink carrying session audio', () => {
  it('tells main at the start that audio will come, and sends every chunk (base64, at its frame) before the footer', async () => {
    const main = logChannels();
    const logSink = sink(main.api);
    logSink.pushAudio(2_400, new Uint8Array([1, 0, 2, 0]));
    logSink.pushAudio(2_401, new Uint8Array([3, 0, 4, 0]));
    await logSink.end('user');
    expect(main.begun[0]).toMatchObject({ recordAudio: true });
    expect(main.calls).toEqual(['begin', 'audio@2400', 'audio@2401', 'end']);
    expect(main.audio[0]).toEqual({ sessionId: 'session-1', startFrame: 2_400, pcm: 'AQACAA==' });
  });

  it('reports audio that cannot reach main in words, keeps it to send again, and the log goes on', async () => {
    let failing = true;
    const main = logChannels({ audioFails: () => failing });
    const problems: (string | undefined)[] = [];
    const logSink = sink(main.api, (next) => problems.push(next.problem));
    logSink.pushAudio(0, new Uint8Array(4));
    await vi.waitFor(() => expect(problems.at(-1)).toMatch(/The session audio is not reaching main \(main is not answering\)/));
    failing = false;
    await logSink.end('user');
    expect(main.calls).toEqual(['begin', 'audio@0', 'end']);
  });

  it('keeps only the newest chunks while main is unreachable, so a long outage does not fill the page', async () => {
    let failing = true;
    const main = logChannels({ audioFails: () => failing });
    const logSink = sink(main.api);
    for (let chunk = 0; chunk < 100; chunk += 1) logSink.pushAudio(chunk * 6_000, new Uint8Array(4));
    failing = false;
    await logSink.end('user');
    const sent = main.calls.filter((call) => call.startsWith('audio@'));
    expect(sent).toHaveLength(40);
    expect(sent[0]).toBe(`audio@${60 * 6_000}`);
    expect(sent.at(-1)).toBe(`audio@${99 * 6_000}`);
  });
});
