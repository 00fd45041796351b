import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';

/** Runs `npm run log -- …` exactly as the README tells a user to. */
function runLog(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync('npm', ['run', '--silent', 'log', '--', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function crashedCopy(): string {
  const lines = readFileSync(SAMPLE, 'utf8')
    .split('\n')
    .filter((line) => line !== '');
  // Cut where a killed process would: the footer never written, the last event half written.
  const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'crashed.jsonl');
  writeFileSync(path, `${lines.slice(0, 120).join('\n')}\n${lines[120]!.slice(0, 25)}`);
  return path;
}

describe('npm run log', () => {
  it('summary: scenario, transcript with agents, tool calls with arguments and results, handoffs, verdicts, turn timings and tokens', () => {
    const { code, stdout } = runLog('summary', SAMPLE);
    expect(code).toBe(0);
    expect(stdout).toContain('Scenario: Customer service (retail) (customerServiceRetail), start agent authentication');
    expect(stdout).toMatch(/User: My phone number is 206 135 1246/);
    expect(stdout).toMatch(/Assistant \(returns\): .*\[guardrail: pass\]/);
    expect(stdout).toContain('Handoff authentication → returns');
    expect(stdout).toMatch(/Tool lookupOrders\(\{"phoneNumber":"\(206\) 135-1246"\}\) → \{"orders":/);
    expect(stdout).toMatch(/Tool checkEligibilityAndPossiblyInitiateReturn\(.*\) → .*"isEligible":true.* via escalation o4-mini \d+ ms \d+ tokens/);
    expect(stdout).toMatch(/^ {2}3 +\d+\.\d s +typed +— +\+\d+ ms +\+\d+ ms +\+\d+ ms +\+\d+ ms$/m);
    // Each turn's stages, naming the call behind one, and the session's medians and p95s.
    expect(stdout).toMatch(/^ +stages: response created \d+ ms · .*escalation checkEligibilityAndPossiblyInitiateReturn \d+ ms \(model o4-mini\)/m);
    expect(stdout).toMatch(/^ {2}first audio +median \d+ ms +p95 \d+ ms +\(3 turns\)$/m);
    expect(stdout).toMatch(/^ {2}handoff transfer_to_returns +median \d+ ms +p95 \d+ ms +\(1 calls\)$/m);
    expect(stdout).toMatch(/^ {2}gpt-realtime: \d+\/\d+$/m);
    const transcriptOrder = ['User: Hi, I bought', 'Handoff authentication', 'Tool lookupOrders', 'User: Yes, I want to return it.'].map((text) =>
      stdout.indexOf(text),
    );
    expect(transcriptOrder).toEqual([...transcriptOrder].sort((a, b) => a - b));
  });

  it('summary and validate work on a crashed log, which validate reports (line and missing footer) with a non-zero exit', () => {
    const path = crashedCopy();
    const summary = runLog('summary', path);
    expect(summary.code).toBe(0);
    expect(summary.stdout).toMatch(/Ended: no end record \(crashed or killed\); 119 events read/);
    expect(summary.stdout).toContain('Skipped 1 unreadable line(s): line 121 is cut short (incomplete JSON)');
    const validation = runLog('validate', path);
    expect(validation.code).toBe(1);
    expect(validation.stdout).toContain(`${path}: session log, 119 readable events, 2 problem(s):`);
    expect(validation.stdout).toContain('line 121 is cut short (incomplete JSON)');
    expect(validation.stdout).toContain('no footer: the session did not end cleanly');
  });

  it('validate passes a sound log', () => {
    const { code, stdout } = runLog('validate', SAMPLE);
    expect(stdout).toMatch(/customer-service-retail\.jsonl: session log, \d+ readable events, no problems/);
    expect(code).toBe(0);
  });

  it('exits non-zero with the reader’s message where nothing could be read', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'notes.txt');
    writeFileSync(path, 'shopping list\nmilk\n');
    const { code, stderr } = runLog('summary', path);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(`${path} is not a session log or a Realtime event log: nothing in it could be read (line 1 is not valid JSON).`);
  });

  it('names the usage when the command is wrong', () => {
    const { code, stderr } = runLog('sumary', SAMPLE);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: npm run log -- summary FILE | npm run log -- validate FILE');
  });
});
