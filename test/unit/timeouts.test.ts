import { describe, expect, it } from 'vitest';
import { createHandlers, type HandlerServices } from '../../src-main/ipc/handlers';
import { SessionCalls } from '../../src-main/services/sessionCalls';
import { channels } from '../../src-shared/contract';
import { BRIDGE_MARGIN_MS, bridgeTimeoutMs, mainTimeoutMs, mainTimeoutsMs } from '../../src-shared/timeouts';

describe('the timeout policy', () => {
  it('gives every contract channel, and only those, a deadline in main', () => {
    expect(Object.keys(mainTimeoutsMs).sort()).toEqual(channels.map((entry) => entry.name).sort());
  });

  it.each(channels.map((entry) => entry.name))('lets the page wait for %s longer than main lets the work run', (name) => {
    expect(bridgeTimeoutMs(name)).toBe(mainTimeoutMs(name) + BRIDGE_MARGIN_MS);
    expect(BRIDGE_MARGIN_MS).toBeGreaterThan(0);
  });

  it('keeps a slow escalation (up to 90 s in main) from being reported failed by the page while it still runs', () => {
    expect(mainTimeoutMs('escalation:decide')).toBe(90_000);
    expect(bridgeTimeoutMs('escalation:decide')).toBeGreaterThan(90_000);
    expect(mainTimeoutMs('supervisor:run')).toBe(45_000);
    expect(bridgeTimeoutMs('supervisor:run')).toBeGreaterThan(45_000);
  });

  it('covers the SDK retries for calls that go upstream without a session', () => {
    expect(mainTimeoutMs('session:mint')).toBeGreaterThanOrEqual(60_000);
    expect(bridgeTimeoutMs('key:test')).toBeGreaterThan(mainTimeoutMs('key:test'));
  });
});

/** Records the deadline each model call is given, and answers before doing any work. */
class RecordingCalls extends SessionCalls {
  readonly deadlines = new Map<string, number>();
  override run<T>(_sessionId: string, what: string, timeoutMs: number): Promise<T> {
    this.deadlines.set(what, timeoutMs);
    return Promise.resolve({} as T);
  }
}

describe("main's model-call deadlines", () => {
  it('come from the policy, so the page always waits longer than main lets the call run', async () => {
    const calls = new RecordingCalls();
    const handlers = createHandlers({
      calls,
      scenarios: { find: () => ({}) },
      upstream: () => Promise.resolve({}),
      settings: { get: () => ({}) },
    } as unknown as HandlerServices);
    const ref = { sessionId: 's1', scenarioId: 'chatSupervisor' };
    await handlers.supervisor.run({ ...ref, callId: 'c', context: '', conversation: [] });
    await handlers.escalation.decide({ ...ref, callId: 'c', toolName: 't', arguments: {}, conversation: [] });
    await handlers.guardrail.classify({ ...ref, text: 'hi' });
    expect(Object.fromEntries(calls.deadlines)).toEqual({
      'The supervisor call': mainTimeoutMs('supervisor:run'),
      'The escalation call': mainTimeoutMs('escalation:decide'),
      'The guardrail call': mainTimeoutMs('guardrail:classify'),
    });
  });
});
