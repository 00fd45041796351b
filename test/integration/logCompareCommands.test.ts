import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmCommand } from '../support/npmCommand';

const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/** Runs `npm run log -- …` exactly as the README tells a user to. */
function runLog(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(...npmCommand(['run', '--silent', 'log', '--', ...args]), { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const folder = () => mkdtempSync(join(tmpdir(), 'log-compare-'));

/** A copy of the sample in which the card digits the caller gave were different. */
function editedCopy(): string {
  const path = join(folder(), 'edited.jsonl');
  writeFileSync(path, readFileSync(SAMPLE, 'utf8').replaceAll('last_4_digits\\":\\"1234\\"', 'last_4_digits\\":\\"9999\\"'));
  return path;
}

describe('npm run log -- compare', () => {
  it('exits 0 for the sample against itself, saying the tool calls and handoffs are the same', () => {
    const { code, stdout } = runLog('compare', SAMPLE, SAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('Both have 3 user turns.');
    expect(stdout).toContain('Turn 2: same tool calls and handoffs');
    expect(stdout).not.toContain('\u001b[');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('compare: same tool calls and handoffs');
  });

  it('exits 1 against an edited copy, naming the argument with both values', () => {
    const edited = editedCopy();
    const { code, stdout } = runLog('compare', SAMPLE, edited);
    expect(code).toBe(1);
    expect(stdout).toContain(`B: ${edited}`);
    expect(stdout).toContain('Turn 2: differs in tool calls');
    expect(stdout).toContain('        last_4_digits: "1234" → "9999"');
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('compare: 1 turn differs in tool calls or handoffs');
  });

  it('exits 2 with one sentence naming a file that cannot be read', () => {
    const missing = join(folder(), 'missing.jsonl');
    const { code, stdout, stderr } = runLog('compare', SAMPLE, missing);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim()).toBe(`${missing} does not exist.`);
  });
});

describe('npm run log -- to-test', () => {
  it('writes a test drafted from the sample with --out, and prints it without', () => {
    const out = join(folder(), 'retail.tests.json');
    const { code, stdout } = runLog('to-test', SAMPLE, '--out', out);
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out}: 3 turns of customerServiceRetail, starting with authentication.\n`);
    const draft = JSON.parse(readFileSync(out, 'utf8')) as {
      scenario: string;
      tests: { name: string; startAgent: string; turns: { user: string; expect: Record<string, unknown> }[] }[];
    };
    expect(draft.scenario).toBe('customerServiceRetail');
    expect(draft.tests[0]!.name).toBe('Customer service (retail), session of 2026-11-30T01:35:43.217Z');
    expect(draft.tests[0]!.startAgent).toBe('authentication');
    expect(draft.tests[0]!.turns.map((turn) => Object.keys(turn.expect))).toEqual([['noToolCalls'], ['toolCalls', 'handoffTo'], ['toolCalls']]);
    expect(draft.tests[0]!.turns[1]!.expect.handoffTo).toBe('returns');
    const printed = runLog('to-test', SAMPLE);
    expect(printed.code).toBe(0);
    expect(JSON.parse(printed.stdout)).toEqual(draft);
  });

  it('refuses to overwrite an existing file unless --force, saying so', () => {
    const out = join(folder(), 'kept.tests.json');
    writeFileSync(out, '{"kept":true}');
    const refused = runLog('to-test', SAMPLE, '--out', out);
    expect(refused.code).toBe(1);
    expect(refused.stderr.trim()).toBe(`${out} already exists and was not overwritten; add --force to replace it.`);
    expect(readFileSync(out, 'utf8')).toBe('{"kept":true}');
    const forced = runLog('to-test', SAMPLE, '--out', out, '--force');
    expect(forced.code).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ scenario: 'customerServiceRetail' });
  });

  it('exits 2 for a file that cannot be read, writing nothing', () => {
    const dir = folder();
    const { code, stderr } = runLog('to-test', join(dir, 'missing.jsonl'), '--out', join(dir, 'x.tests.json'));
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`${join(dir, 'missing.jsonl')} does not exist.`);
    expect(existsSync(join(dir, 'x.tests.json'))).toBe(false);
  });

  it('refuses a raw Realtime event log, whose scenario is unknown', () => {
    const path = join(folder(), 'raw.jsonl');
    writeFileSync(path, `${JSON.stringify({ type: 'session.created', event_id: 'event_1', session: { id: 'sess_1' } })}\n`);
    const { code, stderr } = runLog('to-test', path);
    expect(code).toBe(1);
    expect(stderr).toContain('has no session header');
  });
});
