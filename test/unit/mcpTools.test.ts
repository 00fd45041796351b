import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { needsApproval } from '../../e2e/fake-openai/mcpTools';
import { createNamedSecrets } from '../../src-main/services/namedSecrets';
import { EventAnnotator } from '../../src-shared/eventAnnotations';
import { summarizeEvent } from '../../src-shared/eventSummary';
import { scenarioSchema } from '../../src-shared/scenario';
import { mcpSecretNames } from '../../src-shared/session/mcpServers';
import { MASKED_HEADER, sanitizePayload, type SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript, transcriptToText } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { stream } from './streamFixtures';

const agent = (mcp: unknown[]) => ({ name: 'orders', publicDescription: 'Orders', instructions: 'Answer order questions.', mcp });
const scenarioWith = (mcp: unknown[]) => ({
  id: 'orderDesk',
  name: 'Order desk',
  description: 'Orders.',
  defaultAgent: 'orders',
  agents: [agent(mcp)],
});
const ORDERS = { serverLabel: 'orders', serverUrl: 'https://mcp.example.com/mcp', headers: { Authorization: 'ORDERS_TOKEN' } };

describe('an agent’s MCP servers in a scenario file', () => {
  it('accepts a server with a header naming a key-store secret, asking nothing by default', () => {
    const scenario = scenarioSchema.parse(scenarioWith([ORDERS]));
    expect(scenario.agents[0]!.mcp).toEqual([{ ...ORDERS, requireApproval: 'never' }]);
    expect(mcpSecretNames(scenario)).toEqual(['ORDERS_TOKEN']);
  });

  it('gives an agent without servers none', () => {
    const scenario = scenarioSchema.parse({ ...scenarioWith([]), agents: [{ name: 'orders', publicDescription: 'Orders', instructions: 'Hi.' }] });
    expect(scenario.agents[0]!.mcp).toBeUndefined();
    expect(mcpSecretNames(scenario)).toEqual([]);
  });

  it('refuses a header value that is a secret itself rather than a secret’s name, naming the field', () => {
    const result = scenarioSchema.safeParse(scenarioWith([{ ...ORDERS, headers: { Authorization: 'Bearer sk-live-123' } }]));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['agents.0.mcp.0.headers.Authorization']);
  });

  it('refuses a server URL that is not http(s)', () => {
    const result = scenarioSchema.safeParse(scenarioWith([{ ...ORDERS, serverUrl: 'file:///etc/passwd' }]));
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'agents.0.mcp.0.serverUrl: must be an http:// or https:// URL',
    ]);
  });

  it('refuses a label used twice by one agent, at the second use', () => {
    const result = scenarioSchema.safeParse(scenarioWith([ORDERS, { ...ORDERS, serverUrl: 'https://other.example.com/mcp' }]));
    expect(result.error?.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)).toEqual([
      'agents.0.mcp.1.serverLabel: repeats the MCP server label orders',
    ]);
  });
});

describe('MCP header values in the event stream', () => {
  it('masks an MCP tool’s header values in a session configuration, and only those', () => {
    const payload = sanitizePayload('session.update', {
      type: 'session.update',
      session: {
        tools: [
          { type: 'mcp', server_label: 'orders', headers: { Authorization: 'Bearer abc123', 'X-Team': 'blue' } },
          { type: 'function', name: 'lookup', parameters: { headers: { type: 'object' } } },
        ],
      },
    });
    expect(payload).toEqual({
      type: 'session.update',
      session: {
        tools: [
          { type: 'mcp', server_label: 'orders', headers: { Authorization: MASKED_HEADER, 'X-Team': MASKED_HEADER } },
          { type: 'function', name: 'lookup', parameters: { headers: { type: 'object' } } },
        ],
      },
    });
  });
});

const listItem = { id: 'mcpl_1', type: 'mcp_list_tools', server_label: 'orders', tools: [{ name: 'lookup_order_status', input_schema: {} }] };
const request = { id: 'mcpr_1', type: 'mcp_approval_request', server_label: 'orders', name: 'lookup_order_status', arguments: '{"orderId":"1234"}' };
const call = (fields: Record<string, unknown>) => ({
  id: 'mcp_1',
  type: 'mcp_call',
  server_label: 'orders',
  name: 'lookup_order_status',
  arguments: '{"orderId":"1234"}',
  output: null,
  error: null,
  ...fields,
});

function approvedCall(): SessionEvent[] {
  return stream(
    ['app', 'session.started', { agent: 'orders' }],
    ['server', 'conversation.item.done', { item: listItem }],
    ['server', 'response.output_item.done', { item: request }],
    ['app', 'tool.approval_requested', { callId: 'mcpr_1', toolName: 'lookup_order_status', agent: 'orders', serverLabel: 'orders' }],
    ['app', 'tool.approval', { callId: 'mcpr_1', toolName: 'lookup_order_status', agent: 'orders', decision: 'approved' }],
    ['client', 'conversation.item.create', { item: { type: 'mcp_approval_response', approval_request_id: 'mcpr_1', approve: true } }],
    ['server', 'response.output_item.added', { item: call({ arguments: '', approval_request_id: 'mcpr_1' }) }],
    ['server', 'response.mcp_call_arguments.delta', { item_id: 'mcp_1', delta: '{"orderId"' }],
    ['server', 'response.mcp_call.completed', { item_id: 'mcp_1', output_index: 0 }],
    ['server', 'conversation.item.done', { item: call({ approval_request_id: 'mcpr_1', output: 'Order 1234 shipped.' }) }],
  );
}

describe('hosted MCP calls in the transcript', () => {
  it('shows an approved call as one entry: its server, arguments, decision, output and duration', () => {
    const entries = reduceTranscript(emptyTranscript(), approvedCall()).entries.toArray();
    expect(entries[0]).toEqual({ kind: 'notice', id: 'mcp-list-mcpl_1', level: 'info', text: 'MCP server orders: tools lookup_order_status' });
    const tools = entries.filter((entry) => entry.kind === 'tool');
    expect(tools).toHaveLength(1);
    // Added at t=60, done at t=90: the wait for the decision before it is not the call's.
    expect(tools[0]).toMatchObject({
      id: 'mcpr_1',
      name: 'lookup_order_status',
      arguments: '{"orderId":"1234"}',
      output: 'Order 1234 shipped.',
      status: 'done',
      approval: 'approved',
      mcp: { serverLabel: 'orders', startedAt: 60, durationMs: 30, failed: false },
    });
    expect(transcriptToText(entries)).toContain('[mcp orders.lookup_order_status({"orderId":"1234"}) → Order 1234 shipped.] [approved by the user]');
  });

  it('shows a call that needed no approval under its own item, and a failed one with the API’s error', () => {
    const events = stream(
      ['server', 'response.output_item.added', { item: call({ arguments: '' }) }],
      ['server', 'response.mcp_call_arguments.delta', { item_id: 'mcp_1', delta: '{"orderId":' }],
      ['server', 'response.mcp_call_arguments.delta', { item_id: 'mcp_1', delta: '"9"}' }],
      [
        'server',
        'conversation.item.done',
        { item: call({ arguments: '{"orderId":"9"}', error: { type: 'http_error', code: 424, message: 'unreachable' } }) },
      ],
    );
    const [entry] = reduceTranscript(emptyTranscript(), events).entries.toArray();
    expect(entry).toMatchObject({
      id: 'mcp_1',
      arguments: '{"orderId":"9"}',
      output: 'error: unreachable',
      status: 'done',
      mcp: { failed: true, durationMs: 30 },
    });
  });
});

describe('hosted MCP events in the inspector', () => {
  it('summarises MCP items and ties every event of an approved call to its approval request', () => {
    const events = approvedCall();
    expect(summarizeEvent(events[1]!)).toBe('mcp_list_tools orders: lookup_order_status');
    expect(summarizeEvent(events[2]!)).toBe('mcp_approval_request orders.lookup_order_status {orderId: 1234}');
    expect(summarizeEvent(events[5]!)).toBe('mcp_approval_response approved');
    expect(summarizeEvent(events[9]!)).toBe('mcp_call orders.lookup_order_status {orderId: 1234} → Order 1234 shipped.');
    const annotator = new EventAnnotator();
    const callIds = events.map((event) => annotator.annotate(event).callId);
    expect(callIds.slice(2)).toEqual(['mcpr_1', 'mcpr_1', 'mcpr_1', 'mcpr_1', 'mcpr_1', 'mcpr_1', 'mcpr_1', 'mcpr_1']);
  });
});

describe('the fake server’s approval rule, as the API applies require_approval', () => {
  const tool = (name: string, readOnly = false) => ({ name, input_schema: {}, annotations: { readOnlyHint: readOnly } });
  const config = (require_approval: unknown) => ({ type: 'mcp', server_label: 'orders', require_approval }) as Parameters<typeof needsApproval>[0];
  it('asks by default and for always, never for never, and follows the tool filters', () => {
    expect(needsApproval(config(undefined), tool('a'))).toBe(true);
    expect(needsApproval(config('always'), tool('a'))).toBe(true);
    expect(needsApproval(config('never'), tool('a'))).toBe(false);
    expect(needsApproval(config({ never: { tool_names: ['a'] } }), tool('a'))).toBe(false);
    expect(needsApproval(config({ never: { tool_names: ['a'] } }), tool('b'))).toBe(true);
    expect(needsApproval(config({ never: { read_only: true } }), tool('c', true))).toBe(false);
    expect(needsApproval(config({ always: { tool_names: ['a'] }, never: { read_only: true } }), tool('a', true))).toBe(true);
  });
});

describe('named secrets for MCP headers', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });
  const dataDir = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'secrets-'));
    dirs.push(dir);
    await mkdir(join(dir, 'secrets'));
    return dir;
  };

  it('takes a stored secret before the environment’s, and says which values it handed out', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'secrets', 'ORDERS_TOKEN'), 'Bearer stored-value\n', { mode: 0o600 });
    const secrets = createNamedSecrets(dir, { WORKBENCH_SECRET_ORDERS_TOKEN: 'from-env', WORKBENCH_SECRET_TEAM: 'blue-team' });
    expect(await secrets.resolve(['ORDERS_TOKEN', 'TEAM'])).toEqual({ ORDERS_TOKEN: 'Bearer stored-value', TEAM: 'blue-team' });
    expect(secrets.handedOut()).toEqual(['Bearer stored-value', 'blue-team']);
  });

  it('names a missing secret and both places it could be put', async () => {
    const dir = await dataDir();
    await expect(createNamedSecrets(dir, {}).resolve(['ORDERS_TOKEN'])).rejects.toThrow(
      `The secret ORDERS_TOKEN, named by an MCP server header of this scenario, is not in the key store. Put its value in ${join(dir, 'secrets', 'ORDERS_TOKEN')} (mode 0600), or start the app with WORKBENCH_SECRET_ORDERS_TOKEN set.`,
    );
  });

  it.skipIf(process.platform === 'win32')('refuses a stored secret other users can read', async () => {
    const dir = await dataDir();
    const file = join(dir, 'secrets', 'ORDERS_TOKEN');
    await writeFile(file, 'value');
    await chmod(file, 0o644);
    await expect(createNamedSecrets(dir, {}).resolve(['ORDERS_TOKEN'])).rejects.toThrow(`Run: chmod 600 ${file}`);
  });
});
