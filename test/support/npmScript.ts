import { spawn } from 'node:child_process';
import type { FakeOpenAI } from '../../e2e/fake-openai/server';
import { npmCommand } from './npmCommand';

export interface NpmRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly dataDir: string;
}

/**
 * Runs `npm run --silent <script> -- …` as a user types it, with the fake as the endpoint (an address where
 * nothing listens without one) and the given data folder; fails the test past `timeoutMs`.
 */
export function runNpmScript(
  script: string,
  args: readonly string[],
  fake: FakeOpenAI | undefined,
  dataDir: string,
  timeoutMs: number,
): Promise<NpmRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(...npmCommand(['run', '--silent', script, '--', ...args]), {
      env: {
        ...process.env,
        WORKBENCH_DATA_DIR: dataDir,
        OPENAI_API_KEY: 'sk-test',
        OPENAI_BASE_URL: fake ? `${fake.baseUrl}/v1` : 'http://127.0.0.1:9/v1',
        OPENAI_AGENTS_DISABLE_TRACING: '1',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} took more than ${timeoutMs / 1000} s.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
    }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, dataDir });
    });
  });
}
