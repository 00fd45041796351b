import { afterEach, describe, expect, it, vi } from 'vitest';
import { npmCommand } from '../support/npmCommand';

describe('running npm from a test', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('runs npm’s own script on this Node where npm started the tests, so no shell splits an argument on any OS', () => {
    vi.stubEnv('npm_execpath', '/usr/lib/node_modules/npm/bin/npm-cli.js');
    expect(npmCommand(['run', 'scenario', '--', 'draft', 'a bike shop'])).toEqual([
      process.execPath,
      ['/usr/lib/node_modules/npm/bin/npm-cli.js', 'run', 'scenario', '--', 'draft', 'a bike shop'],
    ]);
  });

  it('runs npm by name otherwise (npm.cmd on Windows)', () => {
    vi.stubEnv('npm_execpath', undefined);
    expect(npmCommand(['run', 'log'])).toEqual([process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'log']]);
    // A package manager that is not npm's script (say a yarn binary) is not run through node.
    vi.stubEnv('npm_execpath', '/usr/bin/yarn');
    expect(npmCommand(['run', 'log'])[0]).not.toBe(process.execPath);
  });
});
