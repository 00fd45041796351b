import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import packageJson from '../../package.json' with { type: 'json' };

/** `npm run lint:workflows` as package.json writes it, run in a given folder with the project's tools on PATH. */
function lintWorkflows(cwd: string) {
  const result = spawnSync(packageJson.scripts['lint:workflows'], {
    cwd,
    shell: true,
    encoding: 'utf8',
    env: { ...process.env, PATH: [resolve('node_modules/.bin'), process.env['PATH']].join(delimiter) },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

// actionlint runs as WebAssembly: a few seconds to start, more on a loaded machine.
const LINT_TIMEOUT_MS = 60_000;

const planted = mkdtempSync(join(tmpdir(), 'workbench-actionlint-'));
afterAll(() => rmSync(planted, { recursive: true, force: true }));

describe('npm run lint:workflows (actionlint)', () => {
  it(
    'fails on a workflow with an undefined matrix key and a misspelt action input, naming both',
    () => {
      mkdirSync(join(planted, '.github/workflows'), { recursive: true });
      writeFileSync(
        join(planted, '.github/workflows/broken.yml'),
        [
          'on: push',
          'permissions: {}',
          'jobs:',
          '  test:',
          '    runs-on: ubuntu-latest',
          '    steps:',
          '      - run: echo ${{ matrix.missing }}',
          '      - uses: actions/checkout@v4',
          '        with:',
          '          persist-credential: false',
          '',
        ].join('\n'),
      );
      const { status, output } = lintWorkflows(planted);
      expect(status).toBe(1);
      expect(output).toContain('broken.yml:7:');
      expect(output).toContain('property "missing" is not defined');
      expect(output).toContain('input "persist-credential" is not defined in action "actions/checkout@v4"');
    },
    LINT_TIMEOUT_MS,
  );

  it(
    'passes the project’s own workflows, both of them',
    () => {
      const { status, output } = lintWorkflows(process.cwd());
      expect(output).toContain('Checking 2 workflow file(s)');
      expect(status).toBe(0);
    },
    LINT_TIMEOUT_MS,
  );
});
