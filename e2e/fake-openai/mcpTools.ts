import type {
  ConversationItem,
  RealtimeMcpApprovalRequest,
  RealtimeMcpListTools,
  RealtimeMcpToolCall,
  RealtimeResponse,
  RealtimeToolsConfigUnion,
} from 'openai/resources/realtime/realtime';
import { ClientEventError } from './clientEvents';
import type { Conversation } from './conversation';
import { newId } from './ids';
import { callMcpTool, listMcpTools, type McpServerAddress, type McpTool } from './mcpClient';
import type { ServerEventSender } from './realtimeLink';
import type { ServerSession } from './serverSession';

/**
 * A session's hosted MCP tools, as the real API runs them: each `mcp` tool a session.update names is listed
 * once (an `mcp_list_tools` item, `mcp_list_tools.in_progress`, then `.completed` with the tools, or `.failed`
 * and an `error` when the server cannot be reached), and the model may then call any listed tool: an
 * `mcp_approval_request` first when the server's `require_approval` asks for one, else (or once approved) an
 * `mcp_call` whose output or error comes from the real MCP server.
 */

type McpConfig = RealtimeToolsConfigUnion.Mcp;

interface ListedServer {
  address: McpServerAddress;
  config: McpConfig;
  /** Undefined while the list is under way or when it failed. */
  tools: McpTool[] | undefined;
}

/** What a response gives the MCP part to stream into. */
export interface McpResponseContext {
  readonly response: RealtimeResponse & { id: string; output: ConversationItem[] };
  readonly cancelled: () => boolean;
  readonly afterDelta: () => Promise<void>;
  readonly finishItem: (outputIndex: number, item: ConversationItem) => void;
}

/** A call the user approved: the next response runs it. */
export interface ApprovedMcpCall {
  readonly approvalRequestId: string;
  readonly name: string;
  readonly arguments: string;
}

const isMcp = (tool: RealtimeToolsConfigUnion): tool is McpConfig => tool.type === 'mcp';
const namesIn = (filter: { tool_names?: string[] } | undefined): string[] => filter?.tool_names ?? [];

function allowed(config: McpConfig, tool: McpTool): boolean {
  const filter = config.allowed_tools;
  if (!filter) return true;
  if (Array.isArray(filter)) return filter.includes(tool.name);
  if (filter.tool_names && !filter.tool_names.includes(tool.name)) return false;
  return !filter.read_only || (tool.annotations as { readOnlyHint?: boolean } | null)?.readOnlyHint === true;
}

/** The API's default is to ask: only `never`, or a `never` filter naming the tool (or its read-only hint), lets it run unasked. */
export function needsApproval(config: McpConfig, tool: McpTool | undefined): boolean {
  const rule = config.require_approval;
  if (rule === 'never') return false;
  if (rule === 'always' || rule === null || rule === undefined) return true;
  const name = tool?.name ?? '';
  const readOnly = (tool?.annotations as { readOnlyHint?: boolean } | null | undefined)?.readOnlyHint === true;
  if (namesIn(rule.always).includes(name) || (rule.always?.read_only && readOnly)) return true;
  if (namesIn(rule.never).includes(name) || (rule.never?.read_only && readOnly)) return false;
  return true;
}

const chunksOf = (text: string): string[] => text.match(/.{1,24}/gs) ?? [text];

export class McpTools {
  private readonly servers = new Map<string, ListedServer>();
  /** The labels the session's tools name now: a server dropped by a later session.update (another agent's) is not offered. */
  private active = new Set<string>();

  constructor(
    private readonly out: ServerEventSender,
    private readonly conversation: Conversation,
  ) {}

  /** After a session.update: lists each MCP server not listed yet under this label and URL. */
  sync(session: ServerSession): void {
    const configs = (session.tools ?? []).filter(isMcp);
    this.active = new Set(configs.map((config) => config.server_label));
    for (const config of configs) {
      const url = config.server_url ?? '';
      const known = this.servers.get(config.server_label);
      const address = { label: config.server_label, url, headers: config.headers ?? {} };
      if (known && known.address.url === url) {
        // Listed already (a handoff re-sends the session): later calls use the newest settings.
        known.config = config;
        known.address = address;
        continue;
      }
      const server: ListedServer = { address, config, tools: undefined };
      this.servers.set(config.server_label, server);
      void this.list(server);
    }
  }

  private async list(server: ListedServer): Promise<void> {
    const item: RealtimeMcpListTools = { id: newId('mcpl'), type: 'mcp_list_tools', server_label: server.address.label, tools: [] };
    this.conversation.add(item);
    this.out.emit({ type: 'mcp_list_tools.in_progress', item_id: item.id! });
    try {
      const tools = (await listMcpTools(server.address)).filter((tool) => allowed(server.config, tool));
      server.tools = tools;
      item.tools = tools;
      this.out.emit({ type: 'mcp_list_tools.completed', item_id: item.id! });
      this.out.emit({ type: 'conversation.item.done', item: structuredClone(item), previous_item_id: this.conversation.previousId(item) });
    } catch (error) {
      this.out.emit({ type: 'mcp_list_tools.failed', item_id: item.id! });
      // The Responses API's wording for the same failure (a 424 there); the realtime session stays open.
      this.out.emit({
        type: 'error',
        error: {
          type: 'external_connector_error',
          code: 'http_error',
          message: `Error retrieving tool list from MCP server: '${server.address.label}'. ${(error as Error).message}`,
          param: 'tools',
          event_id: null,
        },
      });
    }
  }

  /** Every listed tool's name, for the model to choose from. */
  toolNames(): string[] {
    return this.offered().flatMap((server) => (server.tools ?? []).map((tool) => tool.name));
  }

  private offered(): ListedServer[] {
    return [...this.servers.values()].filter((server) => this.active.has(server.address.label));
  }

  owns(toolName: string): boolean {
    return this.serverOf(toolName) !== undefined;
  }

  private serverOf(toolName: string): ListedServer | undefined {
    return this.offered().find((server) => server.tools?.some((tool) => tool.name === toolName));
  }

  /** The model calls an MCP tool: an approval request when the server's settings ask for one, else the call itself. */
  async respond(context: McpResponseContext, name: string, args: string): Promise<void> {
    const server = this.serverOf(name)!;
    if (
      !needsApproval(
        server.config,
        server.tools?.find((tool) => tool.name === name),
      )
    )
      return this.call(context, server, name, args, null);
    const { response } = context;
    const item: RealtimeMcpApprovalRequest = {
      id: newId('mcpr'),
      type: 'mcp_approval_request',
      server_label: server.address.label,
      name,
      arguments: args,
    };
    const outputIndex = response.output.length;
    response.output.push(item);
    this.out.emit({ type: 'response.output_item.added', response_id: response.id, output_index: outputIndex, item: structuredClone(item) });
    this.conversation.add(item);
    context.finishItem(outputIndex, item);
  }

  /**
   * An `mcp_approval_response` the client created: its request must be in the conversation. An approval is run
   * in the response the returned call starts; a rejection ends there.
   */
  answered(
    item: { readonly id?: string | undefined; readonly approval_request_id: string; readonly approve: boolean },
    clientEventId: string | undefined,
  ): ApprovedMcpCall | undefined {
    const request = this.conversation.all.find(
      (other): other is RealtimeMcpApprovalRequest => other.type === 'mcp_approval_request' && other.id === item.approval_request_id,
    );
    if (!request) {
      throw new ClientEventError(
        'invalid_value',
        `Approval response '${item.id ?? ''}' does not match any mcp_approval_request in the conversation.`,
        'item.approval_request_id',
        clientEventId ?? null,
      );
    }
    return item.approve ? { approvalRequestId: request.id, name: request.name, arguments: request.arguments } : undefined;
  }

  /** Runs an approved call in the response under way. */
  runApproved(context: McpResponseContext, call: ApprovedMcpCall): Promise<void> {
    const server = this.serverOf(call.name);
    if (!server) return Promise.resolve();
    return this.call(context, server, call.name, call.arguments, call.approvalRequestId);
  }

  private async call(context: McpResponseContext, server: ListedServer, name: string, args: string, approvalRequestId: string | null): Promise<void> {
    const { response } = context;
    const item: RealtimeMcpToolCall = {
      id: newId('mcp'),
      type: 'mcp_call',
      server_label: server.address.label,
      name,
      arguments: '',
      approval_request_id: approvalRequestId,
      output: null,
      error: null,
    };
    const ids = { response_id: response.id, item_id: item.id, output_index: response.output.length };
    response.output.push(item);
    this.out.emit({ type: 'response.output_item.added', response_id: response.id, output_index: ids.output_index, item: structuredClone(item) });
    this.conversation.add(item);
    for (const chunk of chunksOf(args)) {
      if (context.cancelled() || this.out.closed) break;
      item.arguments += chunk;
      this.out.emit({ type: 'response.mcp_call_arguments.delta', ...ids, delta: chunk });
      await context.afterDelta();
    }
    if (this.out.closed) return;
    this.out.emit({ type: 'response.mcp_call_arguments.done', ...ids, arguments: item.arguments });
    this.out.emit({ type: 'response.mcp_call.in_progress', item_id: item.id, output_index: ids.output_index });
    let parsed: Record<string, unknown> = {};
    try {
      parsed = JSON.parse(item.arguments || '{}') as Record<string, unknown>;
    } catch {
      // The model's arguments are not JSON: the server is called without any, as an empty object.
    }
    const result = await callMcpTool(server.address, name, parsed);
    if (this.out.closed) return;
    if (result.error) {
      item.error = result.error;
      this.out.emit({ type: 'response.mcp_call.failed', item_id: item.id, output_index: ids.output_index });
    } else {
      item.output = result.output;
      this.out.emit({ type: 'response.mcp_call.completed', item_id: item.id, output_index: ids.output_index });
    }
    context.finishItem(ids.output_index, item);
  }
}
