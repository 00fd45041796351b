import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, vi } from 'vitest';
import { scenarioSchema } from '../../../src-shared/scenario';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import type { LogChunk, OpenedLog } from '../../../src-main/services/sessionLog/sessionLogReader';
import type { WorkbenchError } from '../../../src-shared/errors';
import { SESSION_LOG_FORMAT, SESSION_LOG_VERSION, toLogLine, type SessionLogHeader } from '../../../src-shared/sessionLog';

export const scenario = scenarioSchema.parse(JSON.parse(readFileSync('agent-configs/simpleHandoff.json', 'utf8')));

export function header(overrides: Partial<SessionLogHeader> = {}): SessionLogHeader {
  return {
    record: 'header',
    format: SESSION_LOG_FORMAT,
    version: SESSION_LOG_VERSION,
    sessionId: 'session-1',
    appVersion: '0.1.0',
    startedAt: '2026-11-29T10:00:00.000Z',
    scenario,
    models: { realtime: 'gpt-realtime', supervisor: 'gpt-4.1', escalation: 'o4-mini', guardrail: 'gpt-4.1-mini' },
    setup: { startAgent: 'greeter', codec: 'opus', turnDetection: 'server_vad', output: 'audio', voice: 'sage' },
    audio: null,
    ...overrides,
  };
}

/** A realistic text turn: user message, streamed assistant reply, response done. */
export function turnEvents(turn: number, firstSeq: number): SessionEvent[] {
  const events: [SessionEvent['direction'], string, Record<string, unknown>][] = [
    ['client', 'conversation.item.create', { item: { type: 'message', role: 'user', content: [{ type: 'input_text', text: `question ${turn}` }] } }],
    [
      'server',
      'conversation.item.added',
      { item: { id: `u${turn}`, type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: `question ${turn}` }] } },
    ],
    ['server', 'conversation.item.added', { item: { id: `a${turn}`, type: 'message', role: 'assistant', status: 'in_progress', content: [] } }],
    ['server', 'response.output_text.delta', { item_id: `a${turn}`, delta: 'answer ' }],
    ['server', 'response.output_text.delta', { item_id: `a${turn}`, delta: `${turn}` }],
    [
      'server',
      'conversation.item.done',
      {
        item: { id: `a${turn}`, type: 'message', role: 'assistant', status: 'completed', content: [{ type: 'output_text', text: `answer ${turn}` }] },
      },
    ],
  ];
  return events.map(([direction, type, payload], index) => ({ seq: firstSeq + index, t: (firstSeq + index) * 10, direction, type, payload }));
}

export function sessionEvents(turns: number): SessionEvent[] {
  const events: SessionEvent[] = [
    { seq: 0, t: 0, direction: 'app', type: 'session.started', payload: { sessionId: 'session-1', agent: 'greeter', guardrails: false } },
  ];
  for (let turn = 0; turn < turns; turn += 1) events.push(...turnEvents(turn, events.length));
  return events;
}

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'workbench-log-'));
}

/** Writes a log file from records (header, events, footer) and extra raw text. */
export async function writeLog(dir: string, name: string, parts: (string | object)[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, parts.map((part) => (typeof part === 'string' ? part : toLogLine(part as SessionEvent))).join(''));
  return path;
}

/** Reads a whole log chunk by chunk, keeping every chunk (for progress and skipped lines) and every event. */
export async function readAll(log: OpenedLog, maxEvents = 2_000): Promise<{ events: SessionEvent[]; chunks: LogChunk[] }> {
  const chunks: LogChunk[] = [];
  for (;;) {
    const chunk = await log.next(maxEvents);
    chunks.push(chunk);
    if (chunk.done) break;
  }
  return { events: chunks.flatMap((chunk) => chunk.events), chunks };
}

/** The error a call or promise fails with; the test fails if it does not. */
export async function failure(promise: Promise<unknown> | (() => unknown)): Promise<WorkbenchError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return error as WorkbenchError;
  }
  throw new Error('expected a failure');
}

/** Fake timers in every test of the calling suite, real ones again after each. */
export function useFakeTimers(): void {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
