import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { McpError } from '@modelcontextprotocol/sdk/types.js';
import type { RealtimeMcpListTools, RealtimeMcpToolCall } from 'openai/resources/realtime/realtime';

/**
 * The fake's side of a hosted MCP tool: what the real API does from its own servers, done here from the fake's
 * process: connect to the session's MCP server over streamable HTTP (with the session's headers) through the
 * official MCP client, list its tools, call one. Each use opens and closes its own connection.
 */

export interface McpServerAddress {
  readonly label: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
}

export type McpTool = RealtimeMcpListTools.Tool;
export type McpCallError = NonNullable<RealtimeMcpToolCall['error']>;

/** How long the fake waits for an MCP server, so a server that never answers is reported instead of hanging a response. */
const MCP_TIMEOUT_MS = 10_000;

/** An MCP server that could not be used, as the API words it in an `mcp_call`'s `error`. */
export class McpUnreachable extends Error {
  constructor(readonly callError: McpCallError) {
    super(callError.message);
  }
}

function describe(error: unknown, server: McpServerAddress): McpCallError {
  if (error instanceof McpError) return { type: 'protocol_error', code: error.code, message: error.message };
  if (error instanceof StreamableHTTPError && error.code !== undefined && error.code > 0) {
    return { type: 'http_error', code: error.code, message: `MCP server '${server.label}' answered HTTP ${error.code}: ${error.message}` };
  }
  const reason = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  // A server that cannot be reached at all: the API reports the dependency failing, 424.
  return { type: 'http_error', code: 424, message: `Could not connect to MCP server '${server.label}' at ${server.url}: ${reason}` };
}

async function withClient<T>(server: McpServerAddress, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ name: 'fake-openai', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(server.url), { requestInit: { headers: { ...server.headers } } });
  try {
    await client.connect(transport, { timeout: MCP_TIMEOUT_MS });
    return await use(client);
  } catch (error) {
    throw new McpUnreachable(describe(error, server));
  } finally {
    await client.close().catch(() => undefined);
  }
}

/** The server's tools in the API's `mcp_list_tools` shape. */
export function listMcpTools(server: McpServerAddress): Promise<McpTool[]> {
  return withClient(server, async (client) => {
    const { tools } = await client.listTools(undefined, { timeout: MCP_TIMEOUT_MS });
    return tools.map((tool) => ({
      name: tool.name,
      description: tool.description ?? null,
      input_schema: tool.inputSchema,
      annotations: tool.annotations ?? null,
    }));
  });
}

/** Calls a tool: its text output, or the error the API puts on the `mcp_call` (a tool that reports an error is a `tool_execution_error`). */
export async function callMcpTool(
  server: McpServerAddress,
  name: string,
  args: Record<string, unknown>,
): Promise<{ output: string; error?: undefined } | { output?: undefined; error: McpCallError }> {
  try {
    const result = await withClient(server, (client) => client.callTool({ name, arguments: args }, undefined, { timeout: MCP_TIMEOUT_MS }));
    const content = Array.isArray(result['content']) ? (result['content'] as { type: string; text?: string }[]) : [];
    const text = content.flatMap((part) => (part.type === 'text' && part.text !== undefined ? [part.text] : [])).join('\n');
    if (result['isError'] === true) return { error: { type: 'tool_execution_error', message: text || `${name} failed` } };
    return { output: text };
  } catch (error) {
    if (error instanceof McpUnreachable) return { error: error.callError };
    throw error;
  }
}
