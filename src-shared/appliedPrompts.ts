import type { Scenario } from './scenario';
import type { SessionEvent } from './sessionEvent';

/**
 * The prompts a session ran with after edits applied mid-session (`prompt.applied` app events): per agent,
 * its instructions and tool descriptions as last applied. Folded from the stream, so a live session and a
 * replay (at any point of its clock) show the prompt the agent had then.
 */
export interface AppliedPrompt {
  readonly instructions: string;
  /** Tool name → description, as applied. */
  readonly tools: Readonly<Record<string, string>>;
  /** When it was applied, on the session clock. */
  readonly t: number;
}

export type AppliedPrompts = ReadonlyMap<string, AppliedPrompt>;

export const noAppliedPrompts: AppliedPrompts = new Map();

function descriptions(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Pure and O(batch): the state is copied only when a batch applies a prompt. */
export function reduceAppliedPrompts(state: AppliedPrompts, events: readonly SessionEvent[]): AppliedPrompts {
  let next: Map<string, AppliedPrompt> | undefined;
  for (const event of events) {
    if (event.direction !== 'app' || event.type !== 'prompt.applied') continue;
    const agent = event.payload['agent'];
    const instructions = event.payload['instructions'];
    if (typeof agent !== 'string' || typeof instructions !== 'string') continue;
    next ??= new Map(state);
    next.set(agent, { instructions, tools: descriptions(event.payload['toolDescriptions']), t: event.t });
  }
  return next ?? state;
}

/** The scenario with each agent's applied prompt in place of the one it was connected with. */
export function withAppliedPrompts(scenario: Scenario, applied: AppliedPrompts): Scenario {
  if (applied.size === 0) return scenario;
  return {
    ...scenario,
    agents: scenario.agents.map((agent) => {
      const prompt = applied.get(agent.name);
      if (!prompt) return agent;
      return {
        ...agent,
        instructions: prompt.instructions,
        tools: agent.tools.map((tool) => (prompt.tools[tool.name] === undefined ? tool : { ...tool, description: prompt.tools[tool.name]! })),
      };
    }),
  };
}
