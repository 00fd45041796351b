import { beforeEach, describe, expect, it, vi } from 'vitest';
import { channels, pushEvents } from '../../src-shared/contract';

const exposed = new Map<string, unknown>();
const invoke = vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } }));
const listeners = new Map<string, Set<(...args: unknown[]) => void>>();

vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, api: unknown) => exposed.set(key, api) },
  ipcRenderer: {
    invoke,
    on: (channel: string, listener: (...args: unknown[]) => void) => {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
    },
    removeListener: (channel: string, listener: (...args: unknown[]) => void) => listeners.get(channel)?.delete(listener),
  },
}));

function methodPaths(value: unknown, prefix = ''): string[] {
  return Object.entries(value as Record<string, unknown>).flatMap(([key, member]) =>
    typeof member === 'function' ? [`${prefix}${key}`] : methodPaths(member, `${prefix}${key}.`),
  );
}

describe('the preload bridge', () => {
  beforeEach(async () => {
    exposed.clear();
    vi.resetModules();
    await import('../../src-preload/index');
  });

  it('exposes only window.workbench', () => {
    expect([...exposed.keys()]).toEqual(['workbench']);
  });

  it('has exactly one method per contract channel and one subscriber per push event, and nothing else', () => {
    const expected = [...channels.map(({ domain, verb }) => `${domain}.${verb}`), ...Object.keys(pushEvents).map((name) => `events.${name}`)];
    expect(methodPaths(exposed.get('workbench')).sort()).toEqual(expected.sort());
  });

  it('has no generic invoke, send or ipcRenderer escape hatch', () => {
    const paths = methodPaths(exposed.get('workbench'));
    for (const forbidden of ['invoke', 'send', 'on', 'ipcRenderer', 'sendSync']) expect(paths).not.toContain(forbidden);
  });

  it('routes a method to its own channel and a subscription to its push channel, with unsubscribe', async () => {
    const api = exposed.get('workbench') as {
      settings: { set(patch: unknown): Promise<unknown> };
      events: { settingsChanged(listener: (payload: unknown) => void): () => void };
    };
    await api.settings.set({ voice: 'verse' });
    expect(invoke).toHaveBeenLastCalledWith('settings:set', { voice: 'verse' });
    const received: unknown[] = [];
    const unsubscribe = api.events.settingsChanged((payload) => received.push(payload));
    for (const listener of listeners.get('settings:changed') ?? []) listener({}, { voice: 'alloy' });
    unsubscribe();
    for (const listener of listeners.get('settings:changed') ?? []) listener({}, { voice: 'ash' });
    expect(received).toEqual([{ voice: 'alloy' }]);
  });
});
