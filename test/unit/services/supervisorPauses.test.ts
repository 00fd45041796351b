import { describe, expect, it, vi } from 'vitest';
import type { ResponseFunctionToolCall } from 'openai/resources/responses/responses';
import type { SupervisorLoop } from '../../../src-main/services/supervisor';
import { SUPERVISOR_PAUSE_KEPT_MS, SupervisorPauses } from '../../../src-main/services/supervisorPauses';

const loop = { model: 'gpt-4.1' } as unknown as SupervisorLoop;
const call = { type: 'function_call', call_id: 'fc_1', name: 'getUserAccountInfo', arguments: '{}' } as ResponseFunctionToolCall;

describe('paused supervisor answers', () => {
  it('gives each pause back once, to its own session', () => {
    const pauses = new SupervisorPauses();
    const id = pauses.hold('s1', loop, call);
    expect(() => pauses.take('s2', id)).toThrow(expect.objectContaining({ code: 'not_waiting', field: 'pauseId' }));
    expect(pauses.take('s1', id)).toBe(loop);
    expect(() => pauses.take('s1', id)).toThrow(/no longer waiting for this decision/);
  });

  it('drops only the ended session’s pauses', () => {
    const pauses = new SupervisorPauses();
    pauses.hold('s1', loop, call);
    pauses.hold('s1', loop, call);
    const kept = pauses.hold('s2', loop, call);
    expect(pauses.dropSession('s1')).toBe(2);
    expect(pauses.dropSession('s1')).toBe(0);
    expect(pauses.size).toBe(1);
    expect(pauses.take('s2', kept)).toBe(loop);
  });

  it('forgets a pause nobody decided within the time it is kept, saying how long that is', () => {
    vi.useFakeTimers();
    try {
      const pauses = new SupervisorPauses();
      const id = pauses.hold('s1', loop, call);
      vi.advanceTimersByTime(SUPERVISOR_PAUSE_KEPT_MS - 1);
      expect(pauses.size).toBe(1);
      vi.advanceTimersByTime(1);
      expect(pauses.size).toBe(0);
      expect(() => pauses.take('s1', id)).toThrow('nobody decided within 30 minutes');
    } finally {
      vi.useRealTimers();
    }
  });
});
