import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { z } from 'zod';

/**
 * A small MCP server for tests, on loopback, speaking streamable HTTP at `/mcp` through the official SDK: the
 * fake OpenAI server's hosted MCP tools call it as the real API calls a customer's server. It is stateless (a
 * server per request, as the SDK's stateless example does), so any number of sessions can list and call.
 */

/** What the server was asked, for tests to check the headers and arguments that reached it. */
export interface McpRequestRecord {
  readonly method: string;
  readonly headers: IncomingHttpHeaders;
  readonly tool?: string;
  readonly arguments?: unknown;
}

export interface TestMcpServer {
  /** `http://127.0.0.1:PORT/mcp` */
  readonly url: string;
  readonly requests: readonly McpRequestRecord[];
  close(): Promise<void>;
}

export interface TestMcpServerOptions {
  readonly port?: number;
  readonly host?: string;
  /** Headers every request must carry with these exact values; otherwise 401, as a server with a token does. */
  readonly requiredHeaders?: Readonly<Record<string, string>>;
}

/** The orders the server knows; anything else is "not found", said as a tool result. */
const ORDERS: Readonly<Record<string, string>> = {
  '1234': 'Order 1234 shipped on 2026-12-01 and arrives on Friday.',
  '5678': 'Order 5678 is being packed.',
};

function buildServer(record: (tool: string, args: unknown) => void): McpServer {
  const server = new McpServer({ name: 'workbench-test-mcp', version: '1.0.0' });
  server.registerTool(
    'lookup_order_status',
    {
      description: 'Looks up where an order is, by its order number.',
      inputSchema: { orderId: z.string().describe('The order number, digits only') },
      annotations: { readOnlyHint: true },
    },
    ({ orderId }) => {
      record('lookup_order_status', { orderId });
      return { content: [{ type: 'text', text: ORDERS[orderId] ?? `No order ${orderId} was found.` }] };
    },
  );
  server.registerTool(
    'cancel_order',
    { description: 'Cancels an order that has not shipped yet.', inputSchema: { orderId: z.string() } },
    ({ orderId }) => {
      record('cancel_order', { orderId });
      return { content: [{ type: 'text', text: `Order ${orderId} is cancelled.` }] };
    },
  );
  return server;
}

const missingHeader = (headers: IncomingHttpHeaders, required: Readonly<Record<string, string>>): string | undefined =>
  Object.entries(required).find(([name, value]) => headers[name.toLowerCase()] !== value)?.[0];

export async function startTestMcpServer(options: TestMcpServerOptions = {}): Promise<TestMcpServer> {
  const requests: McpRequestRecord[] = [];
  const http: Server = createServer((request, response) => {
    void (async () => {
      if (new URL(request.url ?? '/', 'http://localhost').pathname !== '/mcp') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the MCP endpoint is /mcp');
        return;
      }
      const missing = missingHeader(request.headers, options.requiredHeaders ?? {});
      requests.push({ method: request.method ?? '', headers: request.headers });
      if (missing) {
        response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `header ${missing} missing or wrong` }));
        return;
      }
      if (request.method !== 'POST') {
        // Stateless: no server-initiated stream to open, no session to delete.
        response.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      const headers = request.headers;
      const server = buildServer((tool, args) => requests.push({ method: 'tools/call', headers, tool, arguments: args }));
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      response.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(request, response);
    })().catch((error: unknown) => {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(`test MCP server failed: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = http.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/mcp`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        http.closeAllConnections();
        http.close(() => resolve());
      }),
  };
}
