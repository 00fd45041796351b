import { spawnSync, type ChildProcess } from 'node:child_process';

/**
 * The program and arguments that run `npm …` from a test on any OS. Windows cannot start `npm.cmd` without a shell
 * (Node refuses .cmd files since CVE-2024-27980), and a shell would split a quoted argument, so where npm started
 * the tests (`npm_execpath` names its script) npm's own script runs on this Node; elsewhere `npm` does.
 */
export function npmCommand(args: readonly string[]): [string, string[]] {
  const npmScript = process.env['npm_execpath'];
  if (npmScript !== undefined && /\.c?js$/.test(npmScript)) return [process.execPath, [npmScript, ...args]];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', [...args]];
}

/**
 * Stops a command started `detached` and everything it started: npm does not pass a signal on to the script it runs,
 * so on POSIX the command's process group is signalled, and on Windows (no process groups) taskkill ends the tree.
 */
export function stopCommandTree(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F'], { stdio: 'ignore' });
  else process.kill(-child.pid, 'SIGTERM');
}
