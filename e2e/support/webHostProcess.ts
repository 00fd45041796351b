import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export interface RunningWebHost {
  readonly url: string;
  readonly dataDir: string;
  readonly output: () => string;
  /** Kills the host process with a signal (SIGKILL: as a crash would) and waits until it is gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
  stop(): Promise<void>;
}

const STARTUP_TIMEOUT_MS = 15_000;

/** Starts the built web host (`out/main/serve.js`) as the user would, with its own data folder. */
export async function startBuiltWebHost(env: Record<string, string> = {}, args: readonly string[] = []): Promise<RunningWebHost> {
  const dataDir = await mkdtemp(join(tmpdir(), 'workbench-e2e-'));
  const child: ChildProcess = spawn(process.execPath, [resolve('out/main/serve.js'), '--port', '0', '--data-dir', dataDir, ...args], {
    env: { PATH: process.env['PATH'] ?? '', HOME: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`The web host printed no URL within ${STARTUP_TIMEOUT_MS} ms. Output:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const check = () => {
      const match = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)$/m.exec(output);
      if (match) {
        clearTimeout(timer);
        resolveUrl(match[1]!);
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`The web host exited with ${code} before printing its URL. Output:\n${output}`)));
  });
  return {
    url,
    dataDir,
    output: () => output,
    async kill(signal) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((done) => child.once('exit', done));
      child.kill(signal);
      await exited;
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((done) => child.once('exit', done));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
