import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const scratch = mkdtempSync(join(tmpdir(), 'workbench-signing-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The release job's signing step with these secrets (absent ones as GitHub passes them: empty). */
function signingStep(runnerOs: string, secrets: Record<string, string>) {
  const githubEnv = join(scratch, `env-${Math.random().toString(36).slice(2)}`);
  writeFileSync(githubEnv, '');
  const result = spawnSync('bash', ['.github/scripts/signing-state.sh'], {
    encoding: 'utf8',
    env: {
      PATH: process.env['PATH'],
      RUNNER_OS: runnerOs,
      RUNNER_TEMP: scratch,
      GITHUB_ENV: githubEnv,
      CSC_LINK: '',
      APPLE_ID: '',
      APPLE_API_KEY_P8: '',
      ...secrets,
    },
  });
  return { status: result.status, lines: result.stdout.trim().split('\n'), env: readFileSync(githubEnv, 'utf8') };
}

describe('the release job’s signing step', () => {
  it.each(['Linux', 'macOS', 'Windows'])('on %s without secrets says so in one line and turns identity discovery off', (runnerOs) => {
    expect(signingStep(runnerOs, {})).toEqual({
      status: 0,
      lines: ['Signing secrets are absent: building unsigned.'],
      env: 'CSC_IDENTITY_AUTO_DISCOVERY=false\n',
    });
  });

  it('on macOS with a certificate but no Apple account or API key says the build is not notarised', () => {
    expect(signingStep('macOS', { CSC_LINK: 'base64-p12' })).toEqual({
      status: 0,
      lines: ['Notarisation secrets are absent: building signed, not notarised.'],
      env: '',
    });
  });

  it('on macOS with an App Store Connect key writes it to a file and points APPLE_API_KEY at it', () => {
    const { lines, env } = signingStep('macOS', { CSC_LINK: 'base64-p12', APPLE_API_KEY_P8: '-----BEGIN PRIVATE KEY-----' });
    expect(lines).toEqual(['Signing and notarisation secrets are present: building signed and notarised.']);
    expect(env).toBe(`APPLE_API_KEY=${join(scratch, 'AuthKey.p8')}\n`);
    expect(readFileSync(join(scratch, 'AuthKey.p8'), 'utf8')).toBe('-----BEGIN PRIVATE KEY-----\n');
  });

  it('on Windows with a certificate builds signed', () => {
    expect(signingStep('Windows', { CSC_LINK: 'base64-pfx' }).lines).toEqual(['Signing secrets are present: building signed.']);
  });
});
