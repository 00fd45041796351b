import { RealtimeAgent } from '@openai/agents/realtime';
import type { Scenario } from '../scenario';
import { wireVoice } from '../settings';
import { hostedMcpTools } from './mcpServers';
import { buildTool, type ToolContext } from './scenarioTools';

/** The scenario's agents as SDK agents, with their tools (hosted MCP servers included) and their handoff graph wired up. */
export function buildAgents(scenario: Scenario, context: ToolContext, defaultVoice: string): Map<string, RealtimeAgent> {
  const agents = new Map<string, RealtimeAgent>();
  for (const config of scenario.agents) {
    agents.set(
      config.name,
      new RealtimeAgent({
        name: config.name,
        instructions: config.instructions,
        handoffDescription: config.publicDescription,
        // The SDK passes the voice through to the wire unchanged; a custom voice must arrive there as `{id}`.
        voice: wireVoice(config.voice ?? defaultVoice) as string,
        tools: [
          ...config.tools.map((definition) => buildTool(definition, context, config.name)),
          ...hostedMcpTools(config, context.mcpSecrets ?? {}, context.tools),
        ],
      }),
    );
  }
  for (const config of scenario.agents) {
    agents.get(config.name)!.handoffs = config.handoffs.map((target) => agents.get(target)!);
  }
  return agents;
}
