import type { RealtimeAgent } from '@openai/agents/realtime';
import type { AppliedPrompts } from '../appliedPrompts';
import type { Scenario } from '../scenario';

/** An agent's prompt as edited in the Agent & prompt panel: its instructions and its tools' descriptions. */
export interface AgentPrompt {
  readonly instructions: string;
  readonly tools: Readonly<Record<string, string>>;
}

/**
 * Gives a running agent edited instructions and tool descriptions, in place rather than replaced: the handoffs
 * the SDK has already prepared (the active agent's transfer tools) hold this very object, so a later handoff
 * back to it uses the edit too. The tools stay the same objects with another description, so each call is
 * answered as before.
 */
export function editAgentPrompt(agent: RealtimeAgent, prompt: AgentPrompt): void {
  agent.instructions = prompt.instructions;
  agent.tools = agent.tools.map((tool) => {
    const description = tool.type === 'function' ? prompt.tools[tool.name] : undefined;
    return description === undefined ? tool : { ...tool, description };
  });
}

/**
 * The `prompt.applied` payloads, marked `carriedOver`, for the prompts a reconnected session had applied that
 * differ from the scenario's, so the new session's panel, log and replay say its agents start with the edits.
 */
export function carriedPromptEvents(scenario: Scenario, carried: AppliedPrompts, startAgent: string): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  for (const [name, prompt] of carried) {
    const agent = scenario.agents.find((candidate) => candidate.name === name);
    if (!agent) continue;
    const fields = [
      ...(prompt.instructions === agent.instructions ? [] : ['instructions']),
      ...agent.tools
        .filter((tool) => prompt.tools[tool.name] !== undefined && prompt.tools[tool.name] !== tool.description)
        .map((tool) => `tools.${tool.name}.description`),
    ];
    if (fields.length === 0) continue;
    events.push({
      agent: name,
      fields,
      active: name === startAgent,
      instructionsLength: prompt.instructions.length,
      instructions: prompt.instructions,
      toolDescriptions: prompt.tools,
      carriedOver: true,
    });
  }
  return events;
}
