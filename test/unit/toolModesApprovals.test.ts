import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import { checkJson, emptyToolModes, reduceToolModes, settingOf, waitingApprovals } from '../../src-shared/toolModes';

let seq = 0;
const app = (type: string, payload: Record<string, unknown>, t = seq * 10): SessionEvent => ({ seq: seq++, t, direction: 'app', type, payload });

describe('a decision on a tool call', () => {
  it('keeps what the request said about the call over what the decision repeats', () => {
    const state = reduceToolModes(emptyToolModes, [
      app('tool.approval_requested', { callId: 'c1', toolName: 'lookupOrders', agent: 'returns', arguments: { phone: '555' } }, 100),
      app('tool.approval', { callId: 'c1', decision: 'approved', toolName: 'other', agent: 'sales', arguments: { phone: '000' } }, 250),
    ]);
    expect(state.approvals).toEqual([
      { callId: 'c1', toolName: 'lookupOrders', agent: 'returns', arguments: { phone: '555' }, requestedAt: 100, status: 'approved', decidedAt: 250 },
    ]);
  });

  it('keeps the requested arguments when the decision does not repeat them', () => {
    const waiting = reduceToolModes(emptyToolModes, [app('tool.approval_requested', { callId: 'c1', toolName: 'refund', arguments: { order: 7 } })]);
    expect(waitingApprovals(waiting)[0]!.arguments).toEqual({ order: 7 });
    const decided = reduceToolModes(waiting, [app('tool.approval', { callId: 'c1', decision: 'rejected' })]);
    expect(decided.approvals[0]).toMatchObject({ toolName: 'refund', arguments: { order: 7 }, status: 'rejected' });
    expect(decided.approvals[0]).not.toHaveProperty('editedArguments');
    expect(decided.approvals[0]).not.toHaveProperty('message');
  });

  it('is listed on its own, from what it says, when no request was seen (a log that starts mid-session)', () => {
    const state = reduceToolModes(emptyToolModes, [
      app('tool.approval_requested', { callId: 'c0', toolName: 'first' }),
      app(
        'tool.approval',
        { callId: 'c2', decision: 'edited', toolName: 'refund', agent: 'returns', arguments: { a: 1 }, editedArguments: { a: 2 } },
        700,
      ),
      app('tool.approval', { callId: 'c3', decision: 'approved' }, 800),
    ]);
    expect(state.approvals.map((approval) => approval.callId)).toEqual(['c0', 'c2', 'c3']);
    expect(state.approvals[1]).toEqual({
      callId: 'c2',
      toolName: 'refund',
      agent: 'returns',
      arguments: { a: 1 },
      requestedAt: 700,
      status: 'edited',
      editedArguments: { a: 2 },
      decidedAt: 700,
    });
    expect(state.approvals[2]).toMatchObject({ toolName: '?', agent: undefined, arguments: undefined, requestedAt: 800 });
  });

  it('takes an empty or non-text name, agent or call id as missing', () => {
    const before = reduceToolModes(emptyToolModes, [app('tool.approval_requested', { callId: 'c1', toolName: 'refund', agent: '' })]);
    expect(before.approvals[0]!.agent).toBeUndefined();
    const after = reduceToolModes(before, [
      app('tool.mode', { toolName: '', mode: 'ask' }),
      app('tool.mode', { toolName: 5, mode: 'ask' }),
      app('tool.approval_requested', { callId: '', toolName: 'refund' }),
      app('tool.approval_requested', { callId: 7, toolName: 'refund' }),
      app('tool.approval', { callId: '', decision: 'approved' }),
    ]);
    expect(after).toBe(before);
    const rejected = reduceToolModes(before, [app('tool.approval', { callId: 'c1', decision: 'rejected', message: '' })]);
    expect(rejected.approvals[0]).not.toHaveProperty('message');
    const noAgent = reduceToolModes(emptyToolModes, [app('tool.mode', { agent: '', toolName: 'refund', mode: 'ask' })]);
    expect(settingOf(noAgent, undefined, 'refund').mode).toBe('ask');
  });
});

describe('the end of a session and the approvals', () => {
  it('changes nothing, returning the same state, when no call is waiting', () => {
    const decided = reduceToolModes(emptyToolModes, [
      app('tool.approval_requested', { callId: 'c1', toolName: 'refund' }),
      app('tool.approval', { callId: 'c1', decision: 'approved' }),
    ]);
    expect(reduceToolModes(decided, [app('session.state', { status: 'idle' })])).toBe(decided);
    expect(reduceToolModes(emptyToolModes, [app('session.state', { status: 'error' })])).toBe(emptyToolModes);
  });

  it('is told only by a session.state event', () => {
    const waiting = reduceToolModes(emptyToolModes, [app('tool.approval_requested', { callId: 'c1', toolName: 'refund' })]);
    expect(reduceToolModes(waiting, [app('connection.changed', { status: 'idle' })])).toBe(waiting);
    expect(reduceToolModes(waiting, [app('session.state', { status: 'idle' }, 990)]).approvals[0]).toMatchObject({
      status: 'abandoned',
      decidedAt: 990,
    });
  });
});

describe('a JSON syntax error in words', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('finds the line and column of the engine’s position, past the ninth line', () => {
    const lines = ['{', ...Array.from({ length: 10 }, (_, index) => `  "key${index}": ${index},`), '  "last": 1 "oops": 2', '}'];
    const result = checkJson(lines.join('\n'));
    expect(result).toMatchObject({ ok: false, line: 12, column: 13 });
    const message = result.ok ? '' : result.message;
    expect(message.startsWith('Not JSON, line 12, column 13: ')).toBe(true);
    expect(message).not.toMatch(/position|\(line|\s$/);
  });

  it('takes the line and column from an engine that gives them, and leaves them out of the reason', () => {
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError("Expected ',' or '}' after property value in JSON at position 130 (line 12 column 14)");
    });
    expect(checkJson('ignored')).toEqual({
      ok: false,
      line: 12,
      column: 14,
      message: "Not JSON, line 12, column 14: Expected ',' or '}' after property value in JSON",
    });
  });

  it('reads the Firefox wording too, without its JSON.parse prefix', () => {
    vi.spyOn(JSON, 'parse').mockImplementation(() => {
      throw new SyntaxError("JSON.parse: expected ',' or '}' after property value in object at line 10 column 23 of the JSON data");
    });
    expect(checkJson('ignored')).toMatchObject({
      line: 10,
      column: 23,
      message: "Not JSON, line 10, column 23: expected ',' or '}' after property value in object at line 10 column 23 of the JSON data",
    });
  });
});
