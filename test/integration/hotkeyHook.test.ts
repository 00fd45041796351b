import { resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HotkeyStatus } from '../../src-shared/contract';
import { forkHook } from '../../src-main/hosts/web/forkedHook';
import { hookEnv } from '../../src-main/services/hotkey/hookProtocol';
import { createHotkeyService, type HotkeyService } from '../../src-main/services/hotkey/hotkeyService';
import { startVirtualDisplay, type VirtualDisplay } from '../../e2e/support/xvfb';

/**
 * The real keyboard hook (uiohook-napi) in a real child process, fed real key events: xdotool presses
 * keys on an Xvfb display, and the hotkey service must turn them into PTT down/up.
 */
const hookEntry = resolve('src-main/services/hotkey/hookProcess.ts');

let started: VirtualDisplay | undefined;
/** The display the tests drive (started before them, on Linux). */
const screen = (): VirtualDisplay => started!;
let service: HotkeyService | undefined;

/** The hook is driven by xdotool on an Xvfb display, which only Linux has; the Electron e2e covers macOS and Windows. */
const notLinux = process.platform !== 'linux';

beforeAll(async () => {
  if (!notLinux) started = await startVirtualDisplay();
});
afterAll(async () => {
  await started?.stop();
});
afterEach(() => {
  service?.close();
  service = undefined;
});

function startService(env: Record<string, string | undefined>) {
  const ptt: string[] = [];
  const statuses: HotkeyStatus[] = [];
  /** Every message the hook child sent, as the service received it. */
  const heard: unknown[] = [];
  service = createHotkeyService({
    host: {
      kind: 'web',
      launchHook: (args) => {
        const child = forkHook(hookEntry, args, hookEnv({ PATH: process.env['PATH'], ...env }), ['--import', 'tsx']);
        return {
          ...child,
          onMessage: (listener) =>
            child.onMessage((message) => {
              heard.push(message);
              listener(message);
            }),
        };
      },
    },
    platform: process.platform,
    env,
    onPtt: (phase) => ptt.push(phase),
    onStatus: (status) => statuses.push(status),
    log: () => {},
    readyTimeoutMs: 15_000,
  });
  return { service, ptt, statuses, heard };
}

async function until(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

const pause = (ms: number) => new Promise((done) => setTimeout(done, ms));

describe.skipIf(notLinux)('the keyboard hook under Xvfb (Linux only: xdotool and Xvfb)', () => {
  it('turns a held F9 (with the X server’s auto-repeat) into one PTT down and one up per hold', async () => {
    const { service: hotkey, ptt, heard } = startService({ DISPLAY: screen().display });
    expect(await hotkey.configure('F9')).toMatchObject({ mode: 'global-hold', accelerator: 'F9' });
    for (let hold = 1; hold <= 2; hold += 1) {
      await screen().xdo('keydown', 'F9');
      await until(() => ptt.length === hold * 2 - 1, 'PTT down');
      // Longer than the X server's auto-repeat delay (660 ms), so repeated key-downs arrive while held.
      await pause(1200);
      await screen().xdo('keyup', 'F9');
      await until(() => ptt.length === hold * 2, 'PTT up');
    }
    await pause(200);
    expect(ptt).toEqual(['down', 'up', 'down', 'up']);
    // The hook did see the auto-repeat: many key-downs for two holds.
    const keyDowns = heard.filter((message) => (message as { type: string; phase?: string }).phase === 'down');
    expect(keyDowns.length).toBeGreaterThan(4);
  });

  it('holds a chord while all of it is down, and lets go when a modifier is released first', async () => {
    const { service: hotkey, ptt } = startService({ DISPLAY: screen().display });
    expect(await hotkey.configure('Ctrl+Shift+Space')).toMatchObject({ mode: 'global-hold' });
    await screen().xdo('keydown', 'space');
    await pause(150);
    await screen().xdo('keyup', 'space');
    await pause(150);
    expect(ptt).toEqual([]);
    await screen().xdo('keydown', 'ctrl+shift+space');
    await until(() => ptt.length === 1, 'PTT down');
    await screen().xdo('keyup', 'shift');
    await until(() => ptt.length === 2, 'PTT up');
    await screen().xdo('keyup', 'ctrl+space');
    await pause(150);
    expect(ptt).toEqual(['down', 'up']);
  });

  it('falls back to the window when the hook aborts (or hangs) on a display it cannot open, with what happened', async () => {
    const { service: hotkey } = startService({ DISPLAY: ':9999' });
    const status = await hotkey.configure('F9');
    expect(status).toMatchObject({ mode: 'window-only', accelerator: 'F9' });
    // libuiohook mostly aborts here, but now and then its start() hangs instead: the ready timeout covers that.
    expect(status.reason).toMatch(
      /^the keyboard hook could not run \((it was ended by SIGABRT: .*XOpenDisplay failure|it did not start within 15000 ms)/,
    );
  });

  it('falls back to the window when there is no display at all, saying why', async () => {
    const { service: hotkey } = startService({});
    expect(await hotkey.configure('F9')).toEqual({
      mode: 'window-only',
      accelerator: 'F9',
      reason: 'the keyboard hook needs an X display, and DISPLAY is not set; the key works only while the window has focus',
    });
  });
});
