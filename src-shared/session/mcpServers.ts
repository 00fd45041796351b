import { hostedMcpTool, type HostedMCPTool } from '@openai/agents-core';
import type { RealtimeAgent, RealtimeSession } from '@openai/agents/realtime';
import type { AgentConfig, McpServerConfig, Scenario } from '../scenario';
import type { SessionEvent } from '../sessionEvent';
import { mcpToolName } from '../toolModes';
import type { RecordEvent } from './eventRecorder';
import type { ToolControl } from './toolControl';

/**
 * A scenario agent's hosted MCP servers as the SDK's hosted MCP tools: the Realtime API lists each server's
 * tools and calls them from its side. The Tools panel gives each server one mode (scenario, or Ask me); Ask me
 * turns the server's `require_approval` to `always`, so each call waits in the panel for the user's decision.
 *
 * Header values: the scenario names a secret, main resolves it from the key store when the session is minted,
 * and the values live only here, in the agents' tool definitions, because the SDK sends them to the API in the
 * session configuration (a WebRTC session's `session.update` goes from the page). They never enter the event
 * stream: the recorder masks an MCP tool's headers (`sanitizePayload`), so neither the inspector nor a log shows them.
 */

/** Every secret the scenario's MCP headers name, for main to resolve at mint time. */
export function mcpSecretNames(scenario: Scenario): string[] {
  const names = new Set<string>();
  for (const agent of scenario.agents) for (const server of agent.mcp ?? []) for (const name of Object.values(server.headers ?? {})) names.add(name);
  return [...names];
}

/** What a mint asks main for: the secrets the scenario's MCP headers name, when it names any. */
export function mcpSecretsRequest(scenario: Scenario): { mcpSecrets?: string[] } {
  const names = mcpSecretNames(scenario);
  return names.length > 0 ? { mcpSecrets: names } : {};
}

function hostedTool(server: McpServerConfig, secrets: Readonly<Record<string, string>>, ask: boolean): HostedMCPTool {
  const headers = Object.fromEntries(Object.entries(server.headers ?? {}).map(([header, secret]) => [header, secrets[secret] ?? '']));
  const common = {
    serverLabel: server.serverLabel,
    serverUrl: server.serverUrl,
    ...(server.allowedTools ? { allowedTools: server.allowedTools } : {}),
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
  };
  return ask || server.requireApproval === 'always'
    ? hostedMcpTool({ ...common, requireApproval: 'always' })
    : hostedMcpTool({ ...common, requireApproval: 'never' });
}

/** The agent's MCP servers as hosted tools, each asking first when the Tools panel or the scenario says so. */
export function hostedMcpTools(agent: AgentConfig, secrets: Readonly<Record<string, string>>, tools: ToolControl | undefined): HostedMCPTool[] {
  return (agent.mcp ?? []).map((server) => hostedTool(server, secrets, tools?.settingOf(agent.name, mcpToolName(server.serverLabel)).mode === 'ask'));
}

const isHostedMcp = (tool: unknown): tool is HostedMCPTool =>
  typeof tool === 'object' &&
  tool !== null &&
  (tool as { type?: unknown }).type === 'hosted_tool' &&
  (tool as { name?: unknown }).name === 'hosted_mcp';

/**
 * A mode change of an MCP server in the Tools panel: the agent's hosted tools are rebuilt with the new approval
 * setting. Returns the agent changed, for the engine to send to the server when it is the active one.
 */
export function applyMcpMode(
  event: SessionEvent,
  scenario: Scenario,
  agents: ReadonlyMap<string, RealtimeAgent>,
  secrets: Readonly<Record<string, string>>,
  tools: ToolControl,
): RealtimeAgent | undefined {
  if (event.direction !== 'app' || event.type !== 'tool.mode') return undefined;
  const toolName = event.payload['toolName'];
  const config = scenario.agents.find((agent) => agent.name === event.payload['agent']);
  const agent = config && agents.get(config.name);
  if (!config || !agent || typeof toolName !== 'string' || !(config.mcp ?? []).some((server) => mcpToolName(server.serverLabel) === toolName))
    return undefined;
  agent.tools = [...agent.tools.filter((tool) => !isHostedMcp(tool)), ...hostedMcpTools(config, secrets, tools)];
  return agent;
}

/**
 * The session's MCP events the SDK reports outside the wire's own: a call that asks for approval waits in the
 * Tools panel (approve and reject go back through the SDK), and the tools the active agent can now call are an
 * app event, `mcp.tools`.
 */
export function listenForMcp(session: RealtimeSession, tools: ToolControl, record: RecordEvent): void {
  session.on('tool_approval_requested', (_context, agent, request) => {
    if (request.type !== 'mcp_approval_request') return;
    const item = request.approvalItem;
    const raw = item.rawItem as { name?: string; arguments?: string; providerData?: { itemId?: string; serverLabel?: string } };
    const callId = raw.providerData?.itemId ?? '';
    tools.requested(
      agent.name,
      callId,
      raw.name ?? '',
      raw.arguments,
      { approve: () => session.approve(item), reject: (message) => session.reject(item, { message }) },
      undefined,
      raw.providerData?.serverLabel,
    );
  });
  session.on('mcp_tools_changed', (available) => {
    record('app', 'mcp.tools', {
      agent: session.currentAgent.name,
      tools: available.map((tool) => ({ name: tool.name, ...(tool.description ? { description: tool.description } : {}) })),
    });
  });
}
