import { fork } from 'node:child_process';
import type { HookChild } from '../../services/hotkey/hotkeyService';

const STDERR_KEPT = 400;

/** The keyboard hook as a Node child process: browser mode has no `utilityProcess`. */
export function forkHook(entry: string, args: string[], env: NodeJS.ProcessEnv): HookChild {
  const child = fork(entry, args, { env, stdio: ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'json' });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-STDERR_KEPT)));
  return {
    onMessage: (listener) => child.on('message', listener),
    onExit: (listener) =>
      child.once('close', (code, signal) => {
        const how = signal ? `it was ended by ${signal}` : `it exited with code ${code}`;
        const said = stderr.trim().split('\n').at(-1);
        listener(said ? `${how}: ${said}` : how);
      }),
    kill: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}
