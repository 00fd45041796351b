import { fork } from 'node:child_process';
import type { HookChild } from '../../services/hotkey/hotkeyService';

const STDERR_KEPT = 400;
const STDERR_DRAIN_MS = 250;

/** The keyboard hook as a Node child process: browser mode has no `utilityProcess`. */
export function forkHook(entry: string, args: string[], env: NodeJS.ProcessEnv, execArgv: string[] = []): HookChild {
  const child = fork(entry, args, { env, execArgv, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) => {
      let told = false;
      const tell = () => {
        if (told) return;
        told = true;
        const how = child.signalCode ? `it was ended by ${child.signalCode}` : `it exited with code ${child.exitCode}`;
        const said = stderr.trim().split('\n').at(-1);
        listener(said ? `${how}: ${said}` : how);
      };
      // 'close' comes once stderr is read to the end, unless a grandchild (a loader's helper) still holds it open.
      child.once('close', tell);
      child.once('exit', () => setTimeout(tell, STDERR_DRAIN_MS));
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
