import type { HotkeyStatus } from '../../../src-shared/contract';
import { parseHotkey, type HotkeyBinding } from '../../../src-shared/hotkey';
import { defaultHoldTimings, holdStep, initialHoldState, nextDeadline, type HoldConfig, type HoldInput, type HoldState } from './holdMachine';
import { hookArgs, hookMessageSchema } from './hookProtocol';

/** The keyboard-hook child as a host starts it (`utilityProcess` under Electron, `fork` in the web host). */
export interface HookChild {
  onMessage(listener: (message: unknown) => void): void;
  /** `detail` says how it ended: the exit code or signal and the last of what it wrote to stderr. */
  onExit(listener: (detail: string) => void): void;
  kill(): void;
}

export type ToggleRegistration = { ok: true; unregister: () => void } | { ok: false; reason: string };

/** What a host gives the hotkey service. */
export interface HotkeyHost {
  readonly kind: 'electron' | 'web';
  launchHook(args: string[]): HookChild;
  /** A press-only global shortcut (Electron's `globalShortcut`), the fallback where the hook cannot run. */
  registerToggle?(accelerator: string, onPress: () => void): ToggleRegistration;
  /**
   * Whether the OS lets the hook read the keyboard (macOS: the Accessibility permission). Asked before the
   * hook is started, because uiohook ends its process without it; a host that does not say is assumed allowed.
   */
  hookPermitted?(): boolean;
}

export interface HotkeyServiceOptions {
  /** Without a host (a test's services) there is no hook and no shortcut: the key works in the window only. */
  readonly host: HotkeyHost | undefined;
  readonly platform: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly onPtt: (phase: 'down' | 'up') => void;
  readonly onStatus: (status: HotkeyStatus) => void;
  readonly log: (line: string) => void;
  /** How long the hook may take to say it runs before it counts as failed. */
  readonly readyTimeoutMs?: number;
  readonly timings?: Partial<Omit<HoldConfig, 'modifiers'>>;
}

export interface HotkeyService {
  /** Starts (or restarts) the hotkey for this accelerator; resolves once its mode is known. */
  configure(accelerator: string): Promise<HotkeyStatus>;
  status(): HotkeyStatus;
  close(): void;
}

const DEFAULT_READY_TIMEOUT_MS = 5_000;

const macAccessibilitySteps =
  'Open System Settings → Privacy & Security → Accessibility, turn on Voice Agent Workbench (in browser mode: the terminal that runs it), then restart the app.';

/** Why the native hook could not run here, in words a user can act on. */
export function hookFailureReason(
  platform: string,
  env: Readonly<Record<string, string | undefined>>,
  detail: string,
): { reason: string; howToFix?: string } {
  if (platform === 'linux' && !env['DISPLAY']) {
    return env['WAYLAND_DISPLAY']
      ? { reason: 'the keyboard hook needs X11, and this Wayland session has no X display (DISPLAY is not set)' }
      : { reason: 'the keyboard hook needs an X display, and DISPLAY is not set' };
  }
  if (platform === 'darwin')
    return { reason: `the keyboard hook needs the Accessibility permission, which macOS has not given (${detail})`, howToFix: macAccessibilitySteps };
  return { reason: `the keyboard hook could not run (${detail})` };
}

export function createHotkeyService(options: HotkeyServiceOptions): HotkeyService {
  const readyTimeoutMs = options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  let current: HotkeyStatus = { mode: 'window-only', accelerator: '', reason: 'the keyboard hook is starting' };
  let generation = 0;
  let stopCurrent: () => void = () => {};
  let hold: HoldState = initialHoldState;
  let config: HoldConfig | undefined;
  let timer: NodeJS.Timeout | undefined;

  function setStatus(status: HotkeyStatus): HotkeyStatus {
    current = status;
    options.log(`Push-to-talk hotkey ${status.accelerator}: ${status.mode} (${status.reason})`);
    options.onStatus(status);
    return status;
  }

  function feed(input: HoldInput): void {
    if (!config) return;
    const step = holdStep(hold, input, config);
    hold = step.state;
    if (step.emit) options.onPtt(step.emit.phase);
    clearTimeout(timer);
    const deadline = nextDeadline(hold, config);
    if (deadline !== undefined) timer = setTimeout(() => feed({ kind: 'tick', at: Date.now() }), Math.max(0, deadline - Date.now()));
  }

  function fallback(binding: HotkeyBinding, accelerator: string, why: { reason: string; howToFix?: string }): HotkeyStatus {
    const extra = why.howToFix ? { howToFix: why.howToFix } : {};
    if (options.host?.registerToggle) {
      const registered = options.host.registerToggle(binding.accelerator, () => feed({ kind: 'toggle', at: Date.now() }));
      if (registered.ok) {
        stopCurrent = registered.unregister;
        return setStatus({
          mode: 'global-toggle',
          accelerator,
          reason: `${why.reason}; a global shortcut has no key-up, so ${binding.accelerator} toggles talking: press to talk, press again to send`,
          ...extra,
        });
      }
      return setStatus({
        mode: 'window-only',
        accelerator,
        reason: `${why.reason}; ${registered.reason}; the key works only while the window has focus`,
        ...extra,
      });
    }
    return setStatus({ mode: 'window-only', accelerator, reason: `${why.reason}; the key works only while the window has focus`, ...extra });
  }

  /** Starts the hook child and settles on "ready" (global hold) or on failure (the fallback). */
  function startHook(host: HotkeyHost, binding: HotkeyBinding, accelerator: string, mine: number): Promise<HotkeyStatus> {
    return new Promise((settle) => {
      let settled = false;
      let failed = false;
      let child: HookChild;
      const fail = (detail: string) => {
        if (mine !== generation || failed) return;
        failed = true;
        feed({ kind: 'lost', at: Date.now() });
        stopCurrent = () => {};
        const status = fallback(binding, accelerator, hookFailureReason(options.platform, options.env, detail));
        if (!settled) {
          settled = true;
          settle(status);
        }
      };
      try {
        child = host.launchHook(hookArgs(binding.key));
      } catch (error) {
        fail(`it could not be started: ${error instanceof Error ? error.message : String(error)}`);
        return;
      }
      const readyTimer = setTimeout(() => {
        child.kill();
        fail(`it did not start within ${readyTimeoutMs} ms`);
      }, readyTimeoutMs);
      stopCurrent = () => {
        clearTimeout(readyTimer);
        child.kill();
      };
      child.onExit((detail) => {
        clearTimeout(readyTimer);
        fail(detail);
      });
      child.onMessage((raw) => {
        if (mine !== generation) return;
        const parsed = hookMessageSchema.safeParse(raw);
        if (!parsed.success) return;
        const message = parsed.data;
        const at = Date.now();
        if (message.type === 'ready') {
          clearTimeout(readyTimer);
          settled = true;
          settle(
            setStatus({
              mode: 'global-hold',
              accelerator,
              reason: `the keyboard hook is running: hold ${binding.accelerator} anywhere to talk, release to send`,
            }),
          );
        } else if (message.type === 'failed') {
          clearTimeout(readyTimer);
          child.kill();
          fail(message.message);
        } else if (message.type === 'modifier-up') feed({ kind: 'modifier-up', at, modifier: message.modifier });
        else if (message.phase === 'down') feed({ kind: 'key-down', at, modifiers: message.modifiers });
        else feed({ kind: 'key-up', at });
      });
    });
  }

  function stop(): void {
    generation += 1;
    feed({ kind: 'lost', at: Date.now() });
    clearTimeout(timer);
    stopCurrent();
    stopCurrent = () => {};
  }

  return {
    configure(accelerator) {
      stop();
      const mine = generation;
      const parsed = parseHotkey(accelerator, options.platform);
      if (!parsed.ok) {
        config = undefined;
        return Promise.resolve(setStatus({ mode: 'window-only', accelerator, reason: `pttHotkey ${parsed.message}` }));
      }
      config = { ...defaultHoldTimings, ...options.timings, modifiers: parsed.binding.modifiers };
      hold = initialHoldState;
      if (!options.host)
        return Promise.resolve(
          setStatus({ mode: 'window-only', accelerator, reason: 'this host runs no keyboard hook; the key works only while the window has focus' }),
        );
      if (options.host.hookPermitted?.() === false)
        return Promise.resolve(
          fallback(parsed.binding, accelerator, {
            reason: 'the keyboard hook needs the Accessibility permission, which macOS has not given to this app, so it was not started',
            howToFix: macAccessibilitySteps,
          }),
        );
      return startHook(options.host, parsed.binding, accelerator, mine);
    },
    status: () => current,
    close: stop,
  };
}
