import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { HotkeyStatus } from '../../../src-shared/contract';
import { hookEnv } from '../../../src-main/services/hotkey/hookProtocol';
import {
  createHotkeyService,
  hookFailureReason,
  type HookChild,
  type HotkeyHost,
  type HotkeyService,
} from '../../../src-main/services/hotkey/hotkeyService';

/** A hook child the test drives: it says what the real child would say over IPC. */
class ScriptedChild implements HookChild {
  readonly events = new EventEmitter();
  killed = false;
  constructor(readonly args: string[]) {}
  onMessage(listener: (message: unknown) => void): void {
    this.events.on('message', listener);
  }
  onExit(listener: (detail: string) => void): void {
    this.events.once('exit', listener);
  }
  kill(): void {
    this.killed = true;
  }
  say(message: unknown): void {
    this.events.emit('message', message);
  }
  exit(detail: string): void {
    this.events.emit('exit', detail);
  }
}

const none = { ctrl: false, alt: false, shift: false, meta: false };

function harness(host: Partial<HotkeyHost> = {}, env: Record<string, string> = { DISPLAY: ':77' }, platform = 'linux') {
  const children: ScriptedChild[] = [];
  const ptt: string[] = [];
  const statuses: HotkeyStatus[] = [];
  const service: HotkeyService = createHotkeyService({
    host: {
      kind: 'web',
      launchHook: (args) => {
        const child = new ScriptedChild(args);
        children.push(child);
        return child;
      },
      ...host,
    },
    platform,
    env,
    onPtt: (phase) => ptt.push(phase),
    onStatus: (status) => statuses.push(status),
    log: () => {},
    readyTimeoutMs: 1000,
  });
  return { service, children, ptt, statuses };
}

let running: HotkeyService | undefined;
afterEach(() => {
  running?.close();
  running = undefined;
  vi.useRealTimers();
});

describe('the hotkey service', () => {
  it('runs the hook for the configured key and reports global hold once it says it is ready', async () => {
    const { service, children } = harness();
    running = service;
    const configured = service.configure('F9');
    expect(children[0]!.args).toEqual(['--key', 'F9']);
    children[0]!.say({ type: 'ready' });
    expect(await configured).toMatchObject({ mode: 'global-hold', accelerator: 'F9', reason: expect.stringContaining('hold F9 anywhere') });
    expect(service.status().mode).toBe('global-hold');
  });

  it('turns the hook’s key events into exactly one PTT down and one up per hold, auto-repeat ignored', async () => {
    vi.useFakeTimers();
    const { service, children, ptt } = harness();
    running = service;
    const configured = service.configure('F9');
    const child = children[0]!;
    child.say({ type: 'ready' });
    await configured;
    for (let hold = 0; hold < 2; hold += 1) {
      child.say({ type: 'key', phase: 'down', modifiers: none });
      for (let repeat = 0; repeat < 20; repeat += 1) child.say({ type: 'key', phase: 'down', modifiers: none });
      child.say({ type: 'key', phase: 'up', modifiers: none });
      await vi.advanceTimersByTimeAsync(200);
    }
    expect(ptt).toEqual(['down', 'up', 'down', 'up']);
  });

  it('releases a held key by itself when the up is lost', async () => {
    vi.useFakeTimers();
    const { service, children, ptt } = harness();
    running = service;
    const configured = service.configure('F9');
    children[0]!.say({ type: 'ready' });
    await configured;
    children[0]!.say({ type: 'key', phase: 'down', modifiers: none });
    await vi.advanceTimersByTimeAsync(59_000);
    expect(ptt).toEqual(['down']);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(ptt).toEqual(['down', 'up']);
  });

  it('falls back to the window with the reason when the hook aborts (no X display), and lets a held key go if it dies later', async () => {
    const noDisplay = harness({}, {});
    running = noDisplay.service;
    const configured = noDisplay.service.configure('F9');
    noDisplay.children[0]!.exit('it was ended by SIGABRT: xrecord_start [1024]: XOpenDisplay failure!');
    expect(await configured).toEqual({
      mode: 'window-only',
      accelerator: 'F9',
      reason: 'the keyboard hook needs an X display, and DISPLAY is not set; the key works only while the window has focus',
    });

    const dies = harness();
    running = dies.service;
    const started = dies.service.configure('F9');
    dies.children[0]!.say({ type: 'ready' });
    await started;
    dies.children[0]!.say({ type: 'key', phase: 'down', modifiers: none });
    dies.children[0]!.exit('it exited with code 1');
    expect(dies.ptt).toEqual(['down', 'up']);
    expect(dies.service.status()).toMatchObject({ mode: 'window-only', reason: expect.stringContaining('it exited with code 1') });
  });

  it('gives up on a hook that never says it is ready, and kills it', async () => {
    vi.useFakeTimers();
    const { service, children } = harness();
    running = service;
    const configured = service.configure('F9');
    await vi.advanceTimersByTimeAsync(1000);
    expect(await configured).toMatchObject({ mode: 'window-only', reason: expect.stringContaining('did not start within 1000 ms') });
    expect(children[0]!.killed).toBe(true);
  });

  it('falls back to a press-to-toggle global shortcut where the host has one, and reports a taken one by name', async () => {
    const registered = new Map<string, () => void>();
    const toggling = harness({
      registerToggle: (accelerator, onPress) => {
        registered.set(accelerator, onPress);
        return { ok: true, unregister: () => registered.delete(accelerator) };
      },
    });
    running = toggling.service;
    const configured = toggling.service.configure('ctrl+shift+space');
    toggling.children[0]!.exit('it exited with code 134');
    expect(await configured).toMatchObject({ mode: 'global-toggle', reason: expect.stringContaining('Ctrl+Shift+Space toggles talking') });
    registered.get('Ctrl+Shift+Space')!();
    expect(toggling.ptt).toEqual(['down']);
    toggling.service.close();
    expect(toggling.ptt).toEqual(['down', 'up']);
    expect(registered.size).toBe(0);

    const taken = harness({ registerToggle: (accelerator) => ({ ok: false, reason: `${accelerator} is already taken by another application` }) });
    running = taken.service;
    const refused = taken.service.configure('F9');
    taken.children[0]!.exit('it exited with code 134');
    expect(await refused).toMatchObject({ mode: 'window-only', reason: expect.stringContaining('F9 is already taken by another application') });
  });

  it('reports an accelerator it cannot read by name, without starting the hook', async () => {
    const { service, children } = harness();
    running = service;
    expect(await service.configure('Ctrl+Foo')).toEqual({
      mode: 'window-only',
      accelerator: 'Ctrl+Foo',
      reason: 'pttHotkey unknown key "Foo" in "Ctrl+Foo"',
    });
    expect(children).toHaveLength(0);
  });

  it('stops the old hook when the hotkey changes, and ignores what the old one still says', async () => {
    const { service, children, ptt } = harness();
    running = service;
    const first = service.configure('F9');
    children[0]!.say({ type: 'ready' });
    await first;
    const second = service.configure('F10');
    expect(children[0]!.killed).toBe(true);
    children[0]!.say({ type: 'key', phase: 'down', modifiers: none });
    children[0]!.exit('it was ended by SIGTERM');
    children[1]!.say({ type: 'ready' });
    expect(await second).toMatchObject({ mode: 'global-hold', accelerator: 'F10' });
    expect(ptt).toEqual([]);
  });

  it('says what to do where the OS withholds what the hook needs', () => {
    expect(hookFailureReason('linux', { WAYLAND_DISPLAY: 'wayland-0' }, 'x').reason).toContain('Wayland session has no X display');
    const mac = hookFailureReason('darwin', {}, 'it exited with code 1');
    expect(mac.reason).toContain('Accessibility permission');
    expect(mac.howToFix).toContain('Privacy & Security → Accessibility');
  });
});

describe('the hook child’s environment', () => {
  it('carries what reaches the display and nothing else, so no secret from main’s environment gets there', () => {
    const env = hookEnv({
      DISPLAY: ':0',
      XAUTHORITY: '/x',
      PATH: '/bin',
      OPENAI_API_KEY: 'sk-secret',
      OPENAI_BASE_URL: 'http://x',
      UNSET: undefined,
    });
    expect(env).toEqual({ DISPLAY: ':0', XAUTHORITY: '/x', PATH: '/bin' });
  });
});
