import { describe, expect, it } from 'vitest';
import { summarizeEvent } from '../../src-shared/eventSummary';
import type { SessionEvent } from '../../src-shared/sessionEvent';
import {
  checkJson,
  emptyToolModes,
  reduceToolModes,
  settingOf,
  SUPERVISOR_TOOLS,
  toolKey,
  toolOfKey,
  waitingApprovals,
  type ToolModesState,
} from '../../src-shared/toolModes';

let seq = 0;
function app(type: string, payload: Record<string, unknown>, t = seq * 10): SessionEvent {
  return { seq: seq++, t, direction: 'app', type, payload };
}

const asked = (callId: string, toolName = 'lookupOrders', agent = 'returns') =>
  app('tool.approval_requested', { callId, toolName, agent, arguments: { phoneNumber: '(206) 135-1246' } });

function fold(events: SessionEvent[]): ToolModesState {
  return reduceToolModes(emptyToolModes, events);
}

describe('tool modes from the event stream', () => {
  it('runs every tool as its scenario says until a mode is chosen', () => {
    expect(settingOf(emptyToolModes, 'returns', 'lookupOrders')).toEqual({ mode: 'scenario', cannedResult: undefined });
  });

  it('follows mode switches per agent and tool, the last one winning', () => {
    const state = fold([
      app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'canned', cannedResult: { orders: [] } }),
      app('tool.mode', { agent: 'sales', toolName: 'checkout', mode: 'ask' }),
      app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'ask' }),
    ]);
    expect(settingOf(state, 'returns', 'lookupOrders').mode).toBe('ask');
    expect(settingOf(state, 'sales', 'checkout').mode).toBe('ask');
    // The same tool name on another agent is another tool.
    expect(settingOf(state, 'authentication', 'lookupOrders').mode).toBe('scenario');
  });

  it('keeps the last canned result when switching away and back, and takes a new one when given', () => {
    let state = fold([
      app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'canned', cannedResult: { orders: ['A'] } }),
      app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'scenario' }),
    ]);
    expect(settingOf(state, 'returns', 'lookupOrders')).toEqual({ mode: 'scenario', cannedResult: { orders: ['A'] } });
    state = reduceToolModes(state, [app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'canned', cannedResult: null })]);
    expect(settingOf(state, 'returns', 'lookupOrders')).toEqual({ mode: 'canned', cannedResult: null });
  });

  it('shows a call as waiting from its request until the decision, with what was decided', () => {
    let state = fold([asked('call_1'), asked('call_2'), asked('call_3')]);
    expect(waitingApprovals(state).map((approval) => approval.callId)).toEqual(['call_1', 'call_2', 'call_3']);
    state = reduceToolModes(state, [
      app('tool.approval', { callId: 'call_1', toolName: 'lookupOrders', decision: 'approved', arguments: {} }),
      app('tool.approval', {
        callId: 'call_2',
        toolName: 'lookupOrders',
        decision: 'edited',
        arguments: { phoneNumber: '(206) 135-1246' },
        editedArguments: { phoneNumber: '555' },
      }),
      app('tool.approval', { callId: 'call_3', toolName: 'lookupOrders', decision: 'rejected', arguments: {}, message: 'Not today' }),
    ]);
    expect(waitingApprovals(state)).toEqual([]);
    expect(state.approvals.map((approval) => approval.status)).toEqual(['approved', 'edited', 'rejected']);
    expect(state.approvals[1]).toMatchObject({ arguments: { phoneNumber: '(206) 135-1246' }, editedArguments: { phoneNumber: '555' } });
    expect(state.approvals[2]).toMatchObject({ message: 'Not today', agent: 'returns' });
  });

  it('abandons a waiting call when the session ends or drops, and leaves decided ones as they were', () => {
    for (const status of ['idle', 'error', 'reconnect-needed']) {
      const state = fold([
        asked('call_1'),
        app('tool.approval', { callId: 'call_1', decision: 'approved' }),
        asked('call_2'),
        app('session.state', { status }),
      ]);
      expect(state.approvals.map((approval) => approval.status)).toEqual(['approved', 'abandoned']);
      expect(waitingApprovals(state)).toEqual([]);
    }
  });

  it('keeps a call waiting through connecting and connected states', () => {
    const state = fold([asked('call_1'), app('session.state', { status: 'connected' })]);
    expect(waitingApprovals(state)).toHaveLength(1);
  });

  it('gives the same state fed whole or one event at a time', () => {
    const events = [
      app('tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'ask' }),
      asked('call_1'),
      app('tool.approval', { callId: 'call_1', decision: 'rejected', message: 'No' }),
      asked('call_2'),
      app('session.state', { status: 'idle' }),
    ];
    const stepwise = events.reduce((state, event) => reduceToolModes(state, [event]), emptyToolModes);
    expect(stepwise).toEqual(fold(events));
  });

  it('ignores tool events with missing or unknown fields, returning the same state', () => {
    const state = fold([asked('call_1')]);
    const after = reduceToolModes(state, [
      app('tool.mode', { toolName: 'lookupOrders', mode: 'sometimes' }),
      app('tool.mode', { mode: 'ask' }),
      app('tool.approval', { callId: 'call_1', decision: 'maybe' }),
      app('tool.approval_requested', { toolName: 'lookupOrders' }),
      { seq: seq++, t: 0, direction: 'server', type: 'tool.mode', payload: { toolName: 'x', mode: 'ask' } },
    ]);
    expect(after).toBe(state);
  });

  it('counts a repeated request for the same call once', () => {
    expect(fold([asked('call_1'), asked('call_1')]).approvals).toHaveLength(1);
  });
});

describe('checking JSON for the editors', () => {
  it('accepts any JSON value', () => {
    expect(checkJson('{"a": [1, 2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
    expect(checkJson('"text"')).toEqual({ ok: true, value: 'text' });
  });

  it('names the line and column of a syntax error', () => {
    const result = checkJson('{\n  "a": 1\n  "b": 2\n}');
    expect(result).toMatchObject({ ok: false, line: 3, column: 3 });
    expect(result.ok ? '' : result.message).toMatch(/^Not JSON, line 3, column 3: /);
  });

  it('puts an error at the end of the text when the text stops short', () => {
    expect(checkJson('{\n"a":')).toMatchObject({ ok: false, line: 2, column: 5 });
  });
});

describe('one-line summaries of the tool events', () => {
  it('says what changed and what was decided', () => {
    expect(summarizeEvent(app('tool.mode', { toolName: 'lookupOrders', agent: 'returns', mode: 'canned', cannedResult: { orders: [] } }))).toBe(
      'lookupOrders → canned result {"orders":[]}',
    );
    expect(summarizeEvent(app('tool.mode', { toolName: 'lookupOrders', mode: 'ask' }))).toBe('lookupOrders → ask me');
    expect(summarizeEvent(asked('call_1'))).toBe('lookupOrders waiting for a decision {phoneNumber: (206) 135-1246}');
    expect(summarizeEvent(app('tool.approval', { toolName: 'lookupOrders', decision: 'approved' }))).toBe('lookupOrders approved');
    expect(summarizeEvent(app('tool.approval', { toolName: 'lookupOrders', decision: 'edited', editedArguments: { phoneNumber: '555' } }))).toBe(
      'lookupOrders approved with edited arguments {phoneNumber: 555}',
    );
    expect(summarizeEvent(app('tool.approval', { toolName: 'lookupOrders', decision: 'rejected', message: 'Not today' }))).toBe(
      'lookupOrders rejected: “Not today”',
    );
  });
});

describe('tool keys', () => {
  it('name the agent and tool they were made from, also for the supervisor and for no agent', () => {
    expect(toolOfKey(toolKey('returns', 'lookupOrders'))).toEqual({ agent: 'returns', toolName: 'lookupOrders' });
    expect(toolOfKey(toolKey(SUPERVISOR_TOOLS, 'getUserAccountInfo'))).toEqual({ agent: '(supervisor)', toolName: 'getUserAccountInfo' });
    expect(toolOfKey(toolKey(undefined, 'x'))).toEqual({ agent: '', toolName: 'x' });
  });
});
