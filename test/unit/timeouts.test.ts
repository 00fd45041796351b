import { describe, expect, it } from 'vitest';
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
