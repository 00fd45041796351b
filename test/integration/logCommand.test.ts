import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
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
    // Tokens split as priced, money per model with the date of its prices, and the dates the session's total used.
    expect(stdout).toMatch(/^Tokens and cost by model$/m);
    expect(stdout).toMatch(/^ {2}gpt-realtime: input text \d+; output text \d+, audio \d+ → \$0\.\d{4} \(prices of 2026-12-03\)$/m);
    expect(stdout).toMatch(/^ {2}o4-mini: input text \d+; output text \d+ → \$0\.\d{4} \(prices of 2025-08-28\)$/m);
    expect(stdout).toMatch(/^ {2}session: \$0\.\d{4} over \d+ billed responses \(prices of 2025-08-28 and 2026-12-03\)$/m);
    expect(stdout).not.toContain('not counted');
    const transcriptOrder = ['User: Hi, I bought', 'Handoff authentication', 'Tool lookupOrders', 'User: Yes, I want to return it.'].map((text) =>
      stdout.indexOf(text),
    );
    expect(transcriptOrder).toEqual([...transcriptOrder].sort((a, b) => a - b));
  });

  it('summary counts a usage whose details another client dumped as "[Object]" as tokens of unknown kind, and names them unpriced', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'beta-stream.jsonl');
    const usage = { total_tokens: 151, input_tokens: 72, output_tokens: 79, input_token_details: '[Object]', output_token_details: '[Object]' };
    writeFileSync(
      path,
      [
        { type: 'session.created', event_id: 'event_1', session: { id: 'sess_1', model: 'gpt-4o-realtime-preview-2024-12-17' } },
        { type: 'response.done', event_id: 'event_2', response: { id: 'resp_1', status: 'completed', usage } },
      ]
        .map((event) => JSON.stringify(event))
        .join('\n') + '\n',
    );
    const { code, stdout } = runLog('summary', path);
    expect(code).toBe(0);
    const model = 'gpt-4o-realtime-preview-2024-12-17';
    expect(stdout).toContain(
      [
        'Tokens and cost by model',
        `  ${model}: input 72 of unknown kind; output 79 of unknown kind → $0.0000, part not priced (prices of 2025-08-28)`,
        '  session: $0.0000 over 1 billed responses (prices of 2025-08-28)',
        `  not counted: 72 input tokens of unknown kind for ${model}: kinds are priced differently; 79 output tokens of unknown kind for ${model}: kinds are priced differently`,
      ].join('\n'),
    );
    expect(stdout).not.toContain('input text 0');
  });

  it('summary counts image tokens with their cached part, priced at the model’s image rates', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'image.jsonl');
    const usage = {
      input_tokens: 130,
      output_tokens: 5,
      input_token_details: { text_tokens: 100, audio_tokens: 0, image_tokens: 30, cached_tokens: 10, cached_tokens_details: { image_tokens: 10 } },
      output_token_details: { text_tokens: 5, audio_tokens: 0 },
    };
    writeFileSync(
      path,
      [
        { type: 'session.created', session: { model: 'gpt-realtime-2.1' } },
        { type: 'response.done', response: { usage } },
      ]
        .map((event) => JSON.stringify(event))
        .join('\n') + '\n',
    );
    const { stdout } = runLog('summary', path);
    // 100×4 + 20×5 + 10×0.5 + 5×24 per million: $0.000625.
    expect(stdout).toContain('  gpt-realtime-2.1: input text 100, image 20 (+10 cached); output text 5 → $0.0006 (prices of 2026-12-03)');
  });

  it('summary names a budget the session had, and that it ended the session', () => {
    const lines = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const footer = JSON.parse(lines.at(-1)!) as { eventCount: number; reason: string };
    const last = JSON.parse(lines.at(-2)!) as { seq: number; t: number };
    const app = (offset: number, type: string, payload: Record<string, unknown>) =>
      JSON.stringify({ seq: last.seq + offset, t: last.t, direction: 'app', type, payload });
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'budget.jsonl');
    writeFileSync(
      path,
      [
        ...lines.slice(0, -1),
        app(1, 'budget.set', { budgetUsd: 0.05 }),
        app(2, 'budget.exceeded', { budgetUsd: 0.05, spentUsd: 0.0512 }),
        JSON.stringify({ ...footer, reason: 'capped', eventCount: footer.eventCount + 2 }),
      ].join('\n') + '\n',
    );
    const { code, stdout } = runLog('summary', path);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Ended: capped at /m);
    expect(stdout).toMatch(/^ {2}budget: \$0\.0500, reached at \$0\.0512: the session was ended \(as the app priced it while the session ran\)$/m);
    expect(runLog('summary', SAMPLE).stdout).not.toContain('budget:');
  });

  it('summary says how tools were set to answer and how each held call was decided, on the call in the transcript too', () => {
    const lines = readFileSync(SAMPLE, 'utf8')
      .split('\n')
      .filter((line) => line !== '');
    const footer = JSON.parse(lines.at(-1)!) as { eventCount: number };
    const last = JSON.parse(lines.at(-2)!) as { seq: number; t: number };
    const app = (offset: number, type: string, payload: Record<string, unknown>) =>
      JSON.stringify({ seq: last.seq + offset, t: last.t, direction: 'app', type, payload });
    const added = [
      app(1, 'tool.mode', { agent: 'returns', toolName: 'lookupOrders', mode: 'ask' }),
      app(2, 'tool.mode', { agent: '(supervisor)', toolName: 'getUserAccountInfo', mode: 'canned', cannedResult: { balance: '$0.00' } }),
      app(3, 'tool.approval_requested', {
        callId: 'call_IEJgC4xtU3axdJtb',
        toolName: 'lookupOrders',
        agent: 'returns',
        arguments: { phoneNumber: '1' },
      }),
      app(4, 'tool.approval', { callId: 'call_IEJgC4xtU3axdJtb', toolName: 'lookupOrders', decision: 'rejected', message: 'Not without a PIN.' }),
      app(5, 'tool.approval_requested', { callId: 'fc_9', toolName: 'getUserAccountInfo', agent: '(supervisor)', parentCallId: 'x', arguments: {} }),
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'tools.jsonl');
    writeFileSync(
      path,
      [...lines.slice(0, -1), ...added, JSON.stringify({ ...footer, eventCount: footer.eventCount + added.length })].join('\n') + '\n',
    );
    const { code, stdout } = runLog('summary', path);
    expect(code).toBe(0);
    expect(stdout).toContain(
      [
        'Tools set in the Tools panel (as last set)',
        '  lookupOrders of returns: ask me',
        '  getUserAccountInfo of the supervisor: canned result {"balance":"$0.00"}',
        '  call lookupOrders({"phoneNumber":"1"}) of returns: rejected: "Not without a PIN."',
        '  call getUserAccountInfo({}) of the supervisor: still waiting when the log ends',
      ].join('\n'),
    );
    expect(stdout).toMatch(/^ {2}Tool lookupOrders\(.*\) → .*\[rejected by the user\]$/m);
    expect(runLog('summary', SAMPLE).stdout).not.toContain('Tools set in the Tools panel');
  });

  it('summary of another client’s raw Realtime log takes a tool call’s arguments from its streamed deltas, and reads beta event names', () => {
    // As some clients log: the call's item added with empty arguments, then only deltas naming the item, no done events.
    const events = [
      { type: 'session.created', event_id: 'e1', session: { id: 'sess_1', model: 'gpt-realtime' } },
      {
        type: 'conversation.item.created',
        item: { id: 'u1', type: 'message', role: 'user', status: 'completed', content: [{ type: 'input_text', text: 'Where is my order?' }] },
      },
      { type: 'response.created', response: { id: 'r1' } },
      {
        type: 'response.output_item.added',
        item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'lookupOrders', arguments: '', status: 'in_progress' },
      },
      ...['{"phone', 'Number":', '"206"}'].map((delta) => ({
        type: 'response.function_call_arguments.delta',
        item_id: 'fc_1',
        output_index: 0,
        delta,
      })),
      ...['Let me ', 'check.'].map((delta) => ({ type: 'response.audio_transcript.delta', item_id: 'a1', delta })),
      { type: 'response.done', response: { id: 'r1', status: 'completed' } },
    ];
    const path = join(mkdtempSync(join(tmpdir(), 'log-cli-')), 'other-client.jsonl');
    writeFileSync(path, `${events.map((event) => JSON.stringify(event)).join('\n')}\n`);
    const { code, stdout } = runLog('summary', path);
    expect(code).toBe(0);
    expect(stdout).toContain(`Imported Realtime event log: ${path}`);
    expect(stdout).toMatch(
      /^Transcript\n {2}User: Where is my order\?\n {2}Tool lookupOrders\(\{"phoneNumber":"206"\}\) → \(no result\)\n {2}Assistant \(\?\): Let me check\.$/m,
    );
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
