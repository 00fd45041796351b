import { spawn, execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const STARTUP_TIMEOUT_MS = 10_000;

export interface VirtualDisplay {
  /** `:N`, for DISPLAY. */
  readonly display: string;
  /** Runs `xdotool` on this display, e.g. `xdo('keydown', 'F9')`. */
  xdo(...args: string[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts Xvfb on a free display (it picks the number itself and writes it to fd 3, so parallel runs never
 * collide). Started from the test, it lives in the test's network namespace, whose abstract X socket the
 * hook child must reach.
 */
export async function startVirtualDisplay(): Promise<VirtualDisplay> {
  const server = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '800x600x24', '-nolisten', 'tcp'], {
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  server.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const display = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Xvfb named no display within ${STARTUP_TIMEOUT_MS} ms: ${stderr}`)), STARTUP_TIMEOUT_MS);
    let said = '';
    server.stdio[3]!.on('data', (chunk: Buffer) => {
      said += chunk.toString();
      const match = /^(\d+)\n/.exec(said);
      if (match) {
        clearTimeout(timer);
        resolve(`:${match[1]}`);
      }
    });
    server.once('error', (error) => reject(new Error(`Xvfb could not start (install the xvfb package): ${error.message}`)));
    server.once('exit', (code) => reject(new Error(`Xvfb exited with ${code} before naming its display: ${stderr}`)));
  });
  return {
    display,
    async xdo(...args) {
      await run('xdotool', args, { env: { ...process.env, DISPLAY: display } });
    },
    async stop() {
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((done) => server.once('exit', done));
      server.kill();
      await exited;
    },
  };
}
