import { globalShortcut, systemPreferences, utilityProcess } from 'electron';
import { hookEnv } from '../../services/hotkey/hookProtocol';
import type { HotkeyHost } from '../../services/hotkey/hotkeyService';

const STDERR_KEPT = 400;

/**
 * The hotkey under Electron: the keyboard hook in a `utilityProcess` (it aborts its process when it
 * cannot start, so it must not run in main), and `globalShortcut` as the press-to-toggle fallback.
 */
export function electronHotkeyHost(hookEntry: string): HotkeyHost {
  return {
    kind: 'electron',
    launchHook(args) {
      const child = utilityProcess.fork(hookEntry, args, {
        env: hookEnv(process.env),
        stdio: ['ignore', 'ignore', 'pipe'],
        serviceName: 'Push-to-talk keyboard hook',
      });
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
      let alive = true;
      return {
        onMessage: (listener) => child.on('message', listener),
        onExit: (listener) =>
          child.once('exit', (code) => {
            alive = false;
            const said = stderr.trim().split('\n').at(-1);
            listener(said ? `it exited with code ${code}: ${said}` : `it exited with code ${code}`);
          }),
        kill: () => {
          if (alive) child.kill();
        },
      };
    },
    // Asked without prompting (false): the Settings panel says how to grant it, and the prompt would come at every start.
    hookPermitted: () => process.platform !== 'darwin' || systemPreferences.isTrustedAccessibilityClient(false),
    registerToggle(accelerator, onPress) {
      let registered: boolean;
      try {
        registered = globalShortcut.register(accelerator, onPress);
      } catch (error) {
        return { ok: false, reason: `Electron refused the shortcut "${accelerator}" (${error instanceof Error ? error.message : String(error)})` };
      }
      if (!registered) return { ok: false, reason: `${accelerator} is already taken by another application` };
      return { ok: true, unregister: () => globalShortcut.unregister(accelerator) };
    },
  };
}
