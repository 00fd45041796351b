import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { hostedMcpTool } from '@openai/agents-core';
import { RealtimeAgent, type RealtimeSession } from '@openai/agents/realtime';
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeScriptInput } from '../../e2e/fake-openai/script';
import { startTestMcpServer, type TestMcpServer } from '../../e2e/mcp-server/testMcpServer';
import { HeadlessSession } from '../../src-main/services/scenarioTests/headlessSession';
import { MASKED_HEADER, type SessionEvent } from '../../src-shared/sessionEvent';
import { emptyTranscript } from '../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../src-shared/transcript/transcriptReducer';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';
import { assistantSaid, connectOverWebSocket, historyWhere } from './fake-openai/agentsSdk';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const startFake = useFakeOpenAI();
const makeDir = useTempDirs();
const mcpServers: TestMcpServer[] = [];
afterEach(async () => {
  await Promise.all(mcpServers.splice(0).map((server) => server.close()));
});

async function startMcp(options: Parameters<typeof startTestMcpServer>[0] = {}): Promise<TestMcpServer> {
  const server = await startTestMcpServer(options);
  mcpServers.push(server);
  return server;
}

/** A loopback URL nothing listens on: a port taken and let go again. */
async function unreachableUrl(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return `http://127.0.0.1:${port}/mcp`;
}

const ORDER_ANSWER = 'Order 1234 shipped on 2026-12-01 and arrives on Friday.';

/** The model looks the order up on the MCP server, then reads out what the server said. */
const script: FakeScriptInput = {
  realtime: [
    { name: 'look up', userSaid: 'order 1234', callTool: { name: 'lookup_order_status', arguments: { orderId: '1234' } } },
    { name: 'read out', afterToolOutput: 'lookup_order_status', sayToolOutput: true },
  ],
  responses: [{ schemaHasProperty: 'moderationCategory', json: { moderationRationale: 'Nothing objectionable.', moderationCategory: 'NONE' } }],
};

function ordersAgent(serverUrl: string, requireApproval: 'always' | 'never'): RealtimeAgent {
  const tool =
    requireApproval === 'always'
      ? hostedMcpTool({ serverLabel: 'orders', serverUrl, requireApproval: 'always' })
      : hostedMcpTool({ serverLabel: 'orders', serverUrl, requireApproval: 'never' });
  return new RealtimeAgent({ name: 'orders', instructions: 'You answer questions about orders with the orders MCP server.', tools: [tool] });
}

/** Resolves with the first event the fake sent of a type (and item type, if given), or fails after a while naming what it did send. */
async function sent(
  fake: Awaited<ReturnType<typeof startFake>>,
  type: string,
  itemType?: string,
  timeoutMs = 10_000,
): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  const matches = (event: Record<string, unknown>) =>
    event['type'] === type && (itemType === undefined || (event['item'] as { type?: string } | undefined)?.type === itemType);
  for (;;) {
    const found = fake.received.sent.find((entry) => matches(entry.event as unknown as Record<string, unknown>));
    if (found) return found.event as unknown as Record<string, unknown>;
    if (Date.now() > deadline) throw new Error(`the fake sent no ${type}; it sent ${fake.received.sent.map((entry) => entry.event.type).join(', ')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function toolsListed(session: RealtimeSession): Promise<string[]> {
  if (session.availableMcpTools.length > 0) return session.availableMcpTools.map((tool) => tool.name);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the SDK never heard of the MCP server tools')), 10_000);
    session.on('mcp_tools_changed', (tools) => {
      clearTimeout(timer);
      resolve(tools.map((tool) => tool.name));
    });
  });
}

describe('hosted MCP tools through the fake, against a real MCP server on loopback', () => {
  it('lists the server’s tools, calls one when the model asks, and the model reads out its output', async () => {
    const mcp = await startMcp();
    const fake = await startFake({ script });
    const { session, errors } = await connectOverWebSocket(fake, ordersAgent(mcp.url, 'never'));
    expect(await toolsListed(session)).toEqual(['lookup_order_status', 'cancel_order']);
    const listed = await sent(fake, 'conversation.item.done', 'mcp_list_tools');
    expect(listed['item']).toMatchObject({
      type: 'mcp_list_tools',
      server_label: 'orders',
      tools: [{ name: 'lookup_order_status' }, { name: 'cancel_order' }],
    });
    const completed: string[] = [];
    session.on('mcp_tool_call_completed', (_context, _agent, call) => completed.push(`${call.name}:${call.output ?? ''}`));
    session.sendMessage('Where is order 1234?');
    const history = await historyWhere(session, 'the order status read out', (items) => assistantSaid(items).includes(ORDER_ANSWER));
    expect(completed).toEqual([`lookup_order_status:${ORDER_ANSWER}`]);
    expect(history.find((item) => item.type === 'mcp_call')).toMatchObject({ name: 'lookup_order_status', arguments: '{"orderId":"1234"}' });
    expect(mcp.requests.filter((request) => request.tool)).toEqual([
      expect.objectContaining({ tool: 'lookup_order_status', arguments: { orderId: '1234' } }),
    ]);
    const types = fake.received.sent.map((entry) => entry.event.type);
    for (const type of [
      'mcp_list_tools.in_progress',
      'mcp_list_tools.completed',
      'response.mcp_call_arguments.delta',
      'response.mcp_call_arguments.done',
    ]) {
      expect(types).toContain(type);
    }
    expect(types.indexOf('response.mcp_call.in_progress')).toBeLessThan(types.indexOf('response.mcp_call.completed'));
    expect(errors).toEqual([]);
    session.close();
  });

  it('asks for approval when the server requires it, and runs the call once the SDK approves it', async () => {
    const mcp = await startMcp();
    const fake = await startFake({ script });
    const { session, errors } = await connectOverWebSocket(fake, ordersAgent(mcp.url, 'always'));
    await toolsListed(session);
    const asked = new Promise<void>((resolve) => {
      session.on('tool_approval_requested', (_context, _agent, request) => {
        if (request.type !== 'mcp_approval_request') return;
        expect(request.approvalItem.rawItem).toMatchObject({ name: 'lookup_order_status', arguments: '{"orderId":"1234"}' });
        // Nothing reached the MCP server before the decision.
        expect(mcp.requests.some((entry) => entry.tool)).toBe(false);
        void session.approve(request.approvalItem).then(resolve);
      });
    });
    session.sendMessage('Where is order 1234?');
    await asked;
    await historyWhere(session, 'the order status read out', (items) => assistantSaid(items).includes(ORDER_ANSWER));
    const approval = fake.received
      .clientEvents('conversation.item.create')
      .find((entry) => JSON.stringify(entry.event).includes('mcp_approval_response'));
    expect(approval?.event).toMatchObject({ item: { type: 'mcp_approval_response', approve: true } });
    const done = await sent(fake, 'conversation.item.done', 'mcp_call');
    expect(done['item']).toMatchObject({ name: 'lookup_order_status', output: ORDER_ANSWER, error: null });
    expect((done['item'] as { approval_request_id?: string }).approval_request_id).toMatch(/^mcpr_/);
    expect(errors).toEqual([]);
    session.close();
  });

  it('runs nothing on the server when the SDK rejects the call, and sends the API the rejection with its reason', async () => {
    const mcp = await startMcp();
    const fake = await startFake({ script });
    const { session, errors } = await connectOverWebSocket(fake, ordersAgent(mcp.url, 'always'));
    await toolsListed(session);
    session.on('tool_approval_requested', (_context, _agent, request) => {
      if (request.type === 'mcp_approval_request') void session.reject(request.approvalItem, { message: 'Not today.' });
    });
    session.sendMessage('Where is order 1234?');
    await fake.received.waitFor('the rejection', () =>
      JSON.stringify(fake.received.clientEvents('conversation.item.create')).includes('mcp_approval_response'),
    );
    const rejection = fake.received
      .clientEvents('conversation.item.create')
      .find((entry) => JSON.stringify(entry.event).includes('mcp_approval_response'));
    expect(rejection?.event).toMatchObject({ item: { type: 'mcp_approval_response', approve: false, reason: 'Not today.' } });
    // A moment for anything the fake might wrongly start.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.received.sent.some((entry) => entry.event.type === 'response.mcp_call.in_progress')).toBe(false);
    expect(mcp.requests.some((request) => request.tool)).toBe(false);
    expect(errors).toEqual([]);
    session.close();
  });

  it('reports a server that cannot be reached as the API does: mcp_list_tools.failed and an error event, the session staying open', async () => {
    const fake = await startFake({ script });
    const url = await unreachableUrl();
    const { session, errors } = await connectOverWebSocket(fake, ordersAgent(url, 'never'));
    const failed = await sent(fake, 'mcp_list_tools.failed');
    const error = await sent(fake, 'error');
    expect(failed['item_id']).toMatch(/^mcpl_/);
    expect(error['error']).toMatchObject({ type: 'external_connector_error', code: 'http_error', param: 'tools' });
    expect(String((error['error'] as { message: string }).message)).toContain("Error retrieving tool list from MCP server: 'orders'");
    expect(String((error['error'] as { message: string }).message)).toContain(url);
    expect(errors.length).toBeGreaterThan(0);
    // Still connected: a plain turn is answered.
    session.sendMessage('Hello?');
    await historyWhere(session, 'an answer after the failure', (items) => assistantSaid(items).length > 0);
    session.close();
  });
});

/** Main's services over a data folder whose user scenario `orderDesk` has the given MCP header, against the fake. */
async function orderDeskServices(fakeUrl: string, mcpUrl: string, secretName: string, env: Record<string, string> = {}) {
  const dir = await makeDir();
  await mkdir(join(dir, 'agent-configs'));
  const scenario = {
    id: 'orderDesk',
    name: 'Order desk',
    description: 'Answers where an order is.',
    defaultAgent: 'orders',
    agents: [
      {
        name: 'orders',
        publicDescription: 'Order questions',
        instructions: 'You answer questions about orders with the orders MCP server.',
        mcp: [{ serverLabel: 'orders', serverUrl: mcpUrl, headers: { 'X-Orders-Token': secretName } }],
      },
    ],
  };
  await writeFile(join(dir, 'agent-configs', 'orderDesk.json'), JSON.stringify(scenario));
  const services = await createTestServices(dir, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fakeUrl}/v1`, ...env });
  return { services, scenario: services.scenarios.find('orderDesk') };
}

describe('a scenario agent with an MCP server, run by the session engine', () => {
  it('sends the header secret from the key store to the MCP server, and the stream never holds its value', async () => {
    const secret = 'orders-token-5f2e9c';
    const mcp = await startMcp({ requiredHeaders: { 'x-orders-token': secret } });
    const fake = await startFake({ apiKeys: ['sk-test'], script });
    const { services, scenario } = await orderDeskServices(fake.baseUrl, mcp.url, 'ORDERS_TOKEN', { WORKBENCH_SECRET_ORDERS_TOKEN: secret });
    const session = await HeadlessSession.open({ services, scenario });
    await sent(fake, 'mcp_list_tools.completed');
    await session.say('Where is order 1234?');
    const { logId } = await session.close();
    const events: readonly SessionEvent[] = session.events;
    const tool = reduceTranscript(emptyTranscript(), events)
      .entries.toArray()
      .find((entry) => entry.kind === 'tool');
    expect(tool).toMatchObject({
      name: 'lookup_order_status',
      arguments: '{"orderId":"1234"}',
      output: ORDER_ANSWER,
      status: 'done',
      mcp: { serverLabel: 'orders' },
    });
    expect(tool?.kind === 'tool' && tool.mcp?.durationMs).toBeGreaterThanOrEqual(0);
    expect(mcp.requests.find((request) => request.tool)?.headers['x-orders-token']).toBe(secret);
    const update = events.find(
      (event) => event.direction === 'client' && event.type === 'session.update' && JSON.stringify(event.payload).includes('"mcp"'),
    );
    expect(JSON.stringify(update?.payload)).toContain(`"X-Orders-Token":"${MASKED_HEADER}"`);
    expect(JSON.stringify(events)).not.toContain(secret);
    expect(await readFile(services.sessionLogs.pathOf(logId), 'utf8')).not.toContain(secret);
  });

  it('refuses to connect when a header names a secret the key store does not hold, naming it', async () => {
    const mcp = await startMcp();
    const fake = await startFake({ apiKeys: ['sk-test'], script });
    const { services, scenario } = await orderDeskServices(fake.baseUrl, mcp.url, 'MISSING_TOKEN');
    await expect(HeadlessSession.open({ services, scenario })).rejects.toThrow(/MISSING_TOKEN.*WORKBENCH_SECRET_MISSING_TOKEN/s);
  });
});
