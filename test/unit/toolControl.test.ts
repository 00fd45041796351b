import { describe, expect, it, vi } from 'vitest';
import { createEventRecorder } from '../../src-shared/session/eventRecorder';
import { ToolControl, ToolDecisionError } from '../../src-shared/session/toolControl';
import type { SessionEvent } from '../../src-shared/sessionEvent';

/** A control wired as the live session wires it: every recorded event goes back through observe. */
function control() {
  const events: SessionEvent[] = [];
  const record = createEventRecorder(
    (event) => {
      events.push(event);
      tools.observe(event);
    },
    () => 0,
  );
  const tools = new ToolControl(record);
  const handle = { approve: vi.fn(() => Promise.resolve()), reject: vi.fn((_message: string) => Promise.resolve()) };
  return { tools, events, record, handle };
}

const ARGS = '{"phoneNumber":"(206) 135-1246"}';

describe('a live session’s tool control', () => {
  it('answers the mode the last tool.mode event set, per agent', () => {
    const { tools, events } = control();
    tools.setMode('returns', 'lookupOrders', 'canned', { orders: [] });
    expect(tools.settingOf('returns', 'lookupOrders')).toEqual({ mode: 'canned', cannedResult: { orders: [] } });
    expect(tools.settingOf('sales', 'lookupOrders').mode).toBe('scenario');
    tools.setMode('returns', 'lookupOrders', 'ask');
    expect(events.map((event) => event.payload)).toEqual([
      { agent: 'returns', toolName: 'lookupOrders', mode: 'canned', cannedResult: { orders: [] } },
      { agent: 'returns', toolName: 'lookupOrders', mode: 'ask' },
    ]);
  });

  it('approves with the model’s arguments, logging the decision before the call runs', async () => {
    const { tools, events, handle } = control();
    tools.requested('returns', 'call_1', 'lookupOrders', ARGS, handle);
    await tools.approve('call_1', { phoneNumber: '(206) 135-1246' });
    expect(handle.approve).toHaveBeenCalledOnce();
    expect(events.at(-1)).toMatchObject({ type: 'tool.approval', payload: { decision: 'approved', arguments: { phoneNumber: '(206) 135-1246' } } });
    expect(tools.takeApproval('call_1', { phoneNumber: 'model' })).toEqual({ arguments: { phoneNumber: 'model' } });
    // Asked once: a later run of the same call id is not an approved one.
    expect(tools.takeApproval('call_1', {})).toBeUndefined();
  });

  it('runs an approved call with the edited arguments, and logs both', async () => {
    const { tools, events, handle } = control();
    tools.requested('returns', 'call_1', 'lookupOrders', ARGS, handle);
    await tools.approve('call_1', { phoneNumber: '555' });
    expect(events.at(-1)?.payload).toMatchObject({
      decision: 'edited',
      arguments: { phoneNumber: '(206) 135-1246' },
      editedArguments: { phoneNumber: '555' },
    });
    expect(tools.takeApproval('call_1', { phoneNumber: '(206) 135-1246' })).toEqual({ arguments: { phoneNumber: '555' } });
  });

  it('rejects with the user’s message, which the SDK gives the model', async () => {
    const { tools, events, handle } = control();
    tools.requested('returns', 'call_1', 'lookupOrders', ARGS, handle);
    await tools.reject('call_1', 'Not today');
    expect(handle.reject).toHaveBeenCalledWith('Not today');
    expect(events.at(-1)?.payload).toMatchObject({ decision: 'rejected', message: 'Not today' });
    expect(tools.takeApproval('call_1', {})).toBeUndefined();
  });

  it('refuses a second decision, and any decision once the session has ended', async () => {
    const { tools, record, handle } = control();
    tools.requested('returns', 'call_1', 'lookupOrders', ARGS, handle);
    await tools.approve('call_1');
    await expect(tools.reject('call_1', 'too late')).rejects.toBeInstanceOf(ToolDecisionError);
    tools.requested('returns', 'call_2', 'lookupOrders', ARGS, handle);
    record('app', 'session.state', { status: 'idle' });
    await expect(tools.approve('call_2')).rejects.toThrow('no longer waiting');
    expect(handle.approve).toHaveBeenCalledOnce();
  });

  it('keeps arguments that are not JSON as the model sent them', () => {
    const { tools, events, handle } = control();
    tools.requested('returns', 'call_1', 'lookupOrders', '{"phone', handle);
    expect(events.at(-1)?.payload).toMatchObject({ arguments: '{"phone' });
  });
});

describe('a supervisor tool’s call held for the user', () => {
  it('logs the request with the realtime call it sits in, and settles with each decision as main is resumed with it', async () => {
    const { tools, events } = control();
    const approved = tools.ask('(supervisor)', 'fc_1', 'getUserAccountInfo', ARGS, 'rt_1');
    expect(events.at(-1)).toMatchObject({
      type: 'tool.approval_requested',
      payload: {
        callId: 'fc_1',
        toolName: 'getUserAccountInfo',
        agent: '(supervisor)',
        parentCallId: 'rt_1',
        arguments: { phoneNumber: '(206) 135-1246' },
      },
    });
    await tools.approve('fc_1', { phoneNumber: '(206) 135-1246' });
    await expect(approved).resolves.toEqual({ decision: 'approved' });

    const edited = tools.ask('(supervisor)', 'fc_2', 'getUserAccountInfo', ARGS, 'rt_1');
    await tools.approve('fc_2', { phoneNumber: '555' });
    await expect(edited).resolves.toEqual({ decision: 'edited', editedArguments: { phoneNumber: '555' } });

    const rejected = tools.ask('(supervisor)', 'fc_3', 'getUserAccountInfo', ARGS, 'rt_1');
    await tools.reject('fc_3', 'Ask for the PIN first.');
    await expect(rejected).resolves.toEqual({ decision: 'rejected', message: 'Ask for the PIN first.' });
    expect(events.filter((event) => event.type === 'tool.approval').map((event) => event.payload)).toEqual([
      expect.objectContaining({ decision: 'approved', parentCallId: 'rt_1' }),
      expect.objectContaining({ decision: 'edited', parentCallId: 'rt_1' }),
      expect.objectContaining({ decision: 'rejected', parentCallId: 'rt_1' }),
    ]);
  });

  it('fails the wait, naming the tool, when the session ends before anyone decided', async () => {
    const { tools, record } = control();
    const waiting = tools.ask('(supervisor)', 'fc_1', 'getUserAccountInfo', ARGS, 'rt_1');
    record('app', 'session.state', { status: 'idle' });
    await expect(waiting).rejects.toThrow('The session ended while getUserAccountInfo waited for your decision.');
    await expect(tools.approve('fc_1')).rejects.toBeInstanceOf(ToolDecisionError);
  });

  it('refuses at once, logging nothing, a call that asks after the session has ended', async () => {
    const { tools, record, events } = control();
    record('app', 'session.state', { status: 'reconnect-needed' });
    const count = events.length;
    await expect(tools.ask('(supervisor)', 'fc_1', 'getUserAccountInfo', ARGS, 'rt_1')).rejects.toThrow(
      'The session had ended when getUserAccountInfo asked for your decision.',
    );
    expect(events).toHaveLength(count);
  });
});
