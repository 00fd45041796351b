// Runs the commands README.md tells a user to type, taken from its code blocks so the two cannot drift.
// It needs `npm run build` first (npm test runs it after the build); the environment is the test's own
// (a temporary data folder, no Electron binary for `npm start`), the command text is the README's, except
// that a port the README names is swapped for a free one so parallel runs cannot collide.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { scenarioSchema } from '../../src-shared/scenario';
import { checkTestsAgainstScenario } from '../../src-shared/scenarioTests/scenarioCheck';
import { parseTestsFile } from '../../src-shared/scenarioTests/testsFile';

/**
 * Every command in the README: the lines of its `sh` code blocks (comments dropped) and the inline code that
 * starts with `npm ` or `bash `, with `a && b` split into two commands.
 */
function readmeCommands(markdown: string): string[] {
  const blockLines = [...markdown.matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((match) =>
    match[1]!.split('\n').map((line) => line.replace(/\s+#.*$/, '')),
  );
  const inline = [...markdown.matchAll(/`((?:npm|bash) [^`]+)`/g)].map((match) => match[1]!);
  const split = [...blockLines, ...inline].flatMap((line) => line.split('&&').map((part) => part.trim())).filter(Boolean);
  return [...new Set(split)];
}

const commands = readmeCommands(readFileSync('README.md', 'utf8'));
const commandLike = (pattern: RegExp) => {
  const found = commands.find((command) => pattern.test(command));
  if (!found) throw new Error(`README.md no longer shows a command matching ${pattern}; update this test with the README.`);
  return found;
};

/** What the test does not run, and why: each is run elsewhere or would change the machine. */
const notRunHere = new Map([
  ['npm install', 'installs packages; every test run starts from it'],
  ['npm ci', 'installs packages; every test run starts from it'],
  ['npm test', 'is the run this test is part of'],
  ['npm run typecheck', 'npm test runs it'],
  ['npm run lint', 'npm test runs it'],
  ['npm run test:unit', 'npm test runs it'],
  ['npm run test:e2e', 'npm test runs it'],
  ['npm run test:readme', 'is this test'],
  ['npm run build', 'has run before this test (npm test builds first)'],
  ['npm run fake-openai', 'run below with the --port the README gives it'],
  [
    'npm run log -- rerun FILE [--scenario PATH]',
    'needs a saved session and an endpoint: test/integration/rerunCommand.test.ts runs it against the fake',
  ],
  ['npm run package', 'downloads Electron, which a machine without network cannot'],
  ['bash .ci/run', 'is what CI runs: npm test, of which this test is part'],
  ['sudo apt-get install chromium xvfb xdotool espeak-ng sox iproute2', 'installs system packages (scripts/check-prerequisites.mjs names it)'],
  [
    'npm run scenario -- draft "DESCRIPTION" [--out FILE] [--model ID] [--force]',
    'is the usage line; the command under it is run below, and every option by test/integration/scenarioDraft.test.ts',
  ],
  ['npm run scenario-test -- <the tests file>', 'names the tests file the draft prints; the draft test below runs it on the file written'],
  [
    'npm run scenario-test -- FILE… [--runs N] [--junit OUT.xml] [--shard i/n] [--concurrency N] [--grep TEXT]',
    'is the usage line; the command under it is run below, and every option by test/integration/scenarioTestRun.test.ts',
  ],
]);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const running: ChildProcess[] = [];
let dataDir: string;
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'workbench-readme-'));
});
afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

interface Started {
  readonly child: ChildProcess;
  output(): string;
  /** Resolves with the first match of `pattern` in stdout, or rejects naming the command and what it printed. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  exit(): Promise<number | null>;
}

/** Runs a command line through the shell, as a user's terminal would, in its own process group. */
function run(command: string, env: Record<string, string> = {}): Started {
  const child = spawn('sh', ['-c', command], {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, WORKBENCH_DATA_DIR: dataDir, ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    child,
    output: () => stdout,
    exit: () => exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = stdout.match(pattern);
          if (!match) return false;
          clearInterval(poll);
          clearTimeout(timer);
          resolve(match);
          return true;
        };
        const poll = setInterval(check, 50);
        const fail = (why: string) => {
          clearInterval(poll);
          reject(new Error(`\`${command}\` ${why} before printing ${pattern}.\nstdout:\n${stdout}\nstderr:\n${stderr}`));
        };
        const timer = setTimeout(() => fail(`took more than ${timeoutMs} ms`), timeoutMs);
        void exited.then((code) => {
          if (!check()) fail(`exited with ${code}`);
        });
      });
    },
  };
}

const withPort = (command: string, port: number) => command.replace(/--port \d+/, `--port ${port}`).replace(/127\.0\.0\.1:\d+/, `127.0.0.1:${port}`);

async function expectWorkbenchAt(url: string): Promise<void> {
  const page = await fetch(url);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain('<html');
  const { origin } = new URL(url);
  expect((await fetch(`${origin}/`)).status, 'a request without the token is refused').toBeGreaterThanOrEqual(400);
}

const urlLine = /^(http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+)$/m;
const built = existsSync('out/main/serve.js') && existsSync('out/renderer/index.html');

describe.skipIf(!built)('the commands README.md tells a user to run', () => {
  it('covers every command in the README: each is run below or listed with the reason it is not', () => {
    const runHere = [
      /^npm start$/,
      /^npm run serve -- --port \d+$/,
      /^npm run fake-openai -- --port \d+$/,
      /^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm start$/,
      /^npm run bench$/,
      /^npm run log -- (summary|validate|to-test) \S+$/,
      /^npm run log -- compare \S+ \S+$/,
      /^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm run scenario-test -- .+$/,
      /^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm run scenario -- draft ".+"$/,
      /^npm run schema$/,
      /^npm (run serve|start) -- FILE$/,
    ];
    const unexplained = commands.filter((command) => !notRunHere.has(command) && !runHere.some((pattern) => pattern.test(command)));
    expect(unexplained).toEqual([]);
  });

  it('`npm start` without an Electron binary says so in one sentence and starts browser mode, printing the URL', async () => {
    const start = run(commandLike(/^npm start$/), { ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here') });
    const [, url] = await start.waitFor(urlLine);
    expect(start.output()).toMatch(/The Electron binary is not installed at .*\. Starting browser mode instead/);
    await expectWorkbenchAt(url!);
  });

  it('`npm run serve -- --port N` prints the URL with its token on a line of its own and serves the app there', async () => {
    const port = await freePort();
    const serve = run(withPort(commandLike(/^npm run serve -- --port \d+$/), port));
    const [, url] = await serve.waitFor(urlLine);
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/`));
    await expectWorkbenchAt(url!);
  });

  it("`npm run fake-openai -- --port N`, then the README's `npm start` against it, answer as the README says", async () => {
    const port = await freePort();
    const fake = run(withPort(commandLike(/^npm run fake-openai -- --port \d+$/), port));
    await fake.waitFor(new RegExp(`fake-openai listening on http://127\\.0\\.0\\.1:${port}`));
    const answer = await fetch(`http://127.0.0.1:${port}/v1/responses`, {
      method: 'POST',
      headers: { Authorization: 'Bearer sk-test', 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-4.1', input: 'hello' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toMatchObject({ object: 'response', status: 'completed' });

    const app = run(withPort(commandLike(/^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm start$/), port), {
      ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here'),
    });
    const [, url] = await app.waitFor(urlLine);
    await expectWorkbenchAt(url!);
  });

  it('`npm run bench` exits 0 and prints its figures', async () => {
    const bench = run(commandLike(/^npm run bench$/));
    expect(await bench.exit()).toBe(0);
    for (const figure of ['ingest 200000 events', 'first paint opening a 200000-event log', 'peak memory opening a 200000-event log'])
      expect(bench.output()).toMatch(new RegExp(`^bench ${figure}: [\\d.]+ [\\w/]+ \\(baseline [\\d.]+ [\\w/]+\\)$`, 'm'));
  }, 180_000);

  it('`npm run log -- summary FILE` and `validate FILE` read the sample session the README names', async () => {
    const summary = run(commandLike(/^npm run log -- summary \S+$/));
    expect(await summary.exit()).toBe(0);
    expect(summary.output()).toContain('Scenario: Customer service (retail) (customerServiceRetail)');
    expect(summary.output()).toContain('Handoff authentication → returns');
    const validate = run(commandLike(/^npm run log -- validate \S+$/));
    expect(await validate.exit()).toBe(0);
    expect(validate.output()).toMatch(/session log, \d+ readable events, no problems/);
  }, 60_000);

  it('`npm run log -- compare A B` and `to-test FILE` read the sample: the same session against itself, and a test draft that parses', async () => {
    const compare = run(commandLike(/^npm run log -- compare \S+ \S+$/));
    expect(await compare.exit()).toBe(0);
    expect(compare.output().trimEnd().split('\n').at(-1)).toBe('compare: same tool calls and handoffs');
    const toTest = run(commandLike(/^npm run log -- to-test \S+$/));
    expect(await toTest.exit()).toBe(0);
    const parsed = parseTestsFile(toTest.output().replace(/^[^{]*/, ''), 'draft.tests.json');
    expect(parsed.ok && parsed.file.scenario).toBe('customerServiceRetail');
  }, 60_000);

  it("the README's tests-file example is a valid tests file for its scenario", () => {
    const example = readFileSync('README.md', 'utf8').match(/```jsonc\n(\{\n {2}"scenario"[\s\S]*?)```/)?.[1];
    expect(example, 'README.md shows a tests-file example').toBeDefined();
    const parsed = parseTestsFile(example!, 'README.md');
    expect(parsed.ok ? [] : parsed.faults.map((fault) => fault.message)).toEqual([]);
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync('agent-configs/customerServiceRetail.json', 'utf8')));
    expect(parsed.ok && checkTestsAgainstScenario(parsed.file, scenario, 'README.md', example!)).toEqual([]);
  });

  it("`npm run fake-openai -- --port N`, then the README's `npm run scenario-test` against it, passes the shipped scenarios' tests", async () => {
    const port = await freePort();
    const fake = run(withPort(commandLike(/^npm run fake-openai -- --port \d+$/), port));
    await fake.waitFor(new RegExp(`fake-openai listening on http://127\\.0\\.0\\.1:${port}`));
    const tests = run(withPort(commandLike(/^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm run scenario-test -- .+$/), port));
    expect(await tests.exit(), tests.output()).toBe(0);
    expect(tests.output().trimEnd().split('\n').at(-1)).toMatch(/^scenario tests: [1-9]\d* passed, 0 failed$/);
  }, 180_000);

  it("`npm run fake-openai -- --port N`, then the README's `npm run scenario -- draft` against it, writes a scenario whose drafted tests pass", async () => {
    const port = await freePort();
    const fake = run(withPort(commandLike(/^npm run fake-openai -- --port \d+$/), port));
    await fake.waitFor(new RegExp(`fake-openai listening on http://127\\.0\\.0\\.1:${port}`));
    const drafted = run(withPort(commandLike(/^OPENAI_API_KEY=\S+ OPENAI_BASE_URL=\S+ npm run scenario -- draft ".+"$/), port));
    expect(await drafted.exit(), drafted.output()).toBe(0);
    const testsFile = join(dataDir, 'agent-configs', 'bikeRepairShop.tests.json');
    expect(drafted.output()).toContain(`Wrote ${join(dataDir, 'agent-configs', 'bikeRepairShop.json')}: 1 agent (front_desk)`);
    expect(drafted.output()).toContain(`Run them: npm run scenario-test -- ${testsFile}`);
    const tests = run(withPort(`OPENAI_API_KEY=sk-test OPENAI_BASE_URL=http://127.0.0.1:8787/v1 npm run scenario-test -- ${testsFile}`, port));
    expect(await tests.exit(), tests.output()).toBe(0);
    expect(tests.output().trimEnd().split('\n').at(-1)).toBe('scenario tests: 1 passed, 0 failed');
  }, 180_000);

  it('`npm run schema` regenerates the published schema, which is already current', async () => {
    const before = readFileSync('docs/session-log.schema.json', 'utf8');
    const schema = run(commandLike(/^npm run schema$/));
    expect(await schema.exit()).toBe(0);
    expect(readFileSync('docs/session-log.schema.json', 'utf8')).toBe(before);
  }, 60_000);

  it.each([/^npm run serve -- FILE$/, /^npm start -- FILE$/])('`%s` (FILE: a saved log) starts with that log to replay', async (pattern) => {
    const sample = 'resources/sample-session/customer-service-retail.jsonl';
    const start = run(commandLike(pattern).replace('FILE', sample), { ELECTRON_OVERRIDE_DIST_PATH: join(dataDir, 'no-electron-here') });
    const [, url] = await start.waitFor(urlLine);
    expect(start.output()).toContain(`Replaying ${join(process.cwd(), sample)} when the page opens.`);
    await expectWorkbenchAt(url!);
  });
});

if (!built) {
  describe('the README commands, without a build', () => {
    const reason = 'need `npm run build` first (out/main/serve.js or out/renderer/index.html is missing); `npm test` runs them after the build';
    // Under CI a skipped check is a hole, not a pass.
    if (process.env['CI'] === 'true') {
      it(`fail under CI: they ${reason}`, () => {
        throw new Error(`The README commands ${reason}.`);
      });
    } else {
      console.warn(`README commands skipped: they ${reason}`);
      it.skip(reason, () => undefined);
    }
  });
}
