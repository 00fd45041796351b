// `bench scenario tests, 20 tests against the fake`: the command line's wall time at --concurrency 4 against 1.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { startFakeOpenAI } from '../e2e/fake-openai/server';

export const SCENARIO_TESTS = 20;

/** Twenty one-turn tests of the chat-supervisor scenario: half answered by the chat agent, half through the supervisor. */
function testsFile(folder: string): string {
  const tests = Array.from({ length: SCENARIO_TESTS }, (_, index) =>
    index % 2 === 0
      ? { name: `greets ${index}`, turns: [{ user: 'Hi there', expect: { replyIncludes: 'Brightwave' } }] }
      : { name: `bill ${index}`, turns: [{ user: 'What was my last bill?', expect: { toolCalls: [{ name: 'getNextResponseFromSupervisor' }] } }] },
  );
  const path = join(folder, 'bench.tests.json');
  writeFileSync(path, JSON.stringify({ scenario: 'chatSupervisor', tests }));
  return path;
}

function runTests(file: string, concurrency: number, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/cli/scenarioTestCommand.ts', file, '--concurrency', String(concurrency)], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve((performance.now() - started) / 1000) : reject(new Error(`scenario-test exited ${code}:\n${output}`)),
    );
  });
}

/** Seconds for the suite at `concurrency` and, as the baseline, one at a time; each against its own fake and data folder. */
export async function timeScenarioTests(concurrency: number): Promise<{ concurrent: number; serial: number }> {
  const folder = mkdtempSync(join(tmpdir(), 'workbench-bench-tests-'));
  const fake = await startFakeOpenAI({ port: 0, speech: 'tone', apiKeys: ['sk-bench'] });
  try {
    const file = testsFile(folder);
    const env = (data: string) => ({
      ...process.env,
      WORKBENCH_DATA_DIR: join(folder, data),
      OPENAI_API_KEY: 'sk-bench',
      OPENAI_BASE_URL: `${fake.baseUrl}/v1`,
    });
    const serial = await runTests(file, 1, env('serial'));
    const concurrent = await runTests(file, concurrency, env('concurrent'));
    return { concurrent, serial };
  } finally {
    await fake.close();
    rmSync(folder, { recursive: true, force: true });
  }
}
