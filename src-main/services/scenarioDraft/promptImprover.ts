import type { Usage } from '../../../src-shared/contract';
import { WorkbenchError } from '../../../src-shared/errors';
import type { Scenario } from '../../../src-shared/scenario';
import { improveAnswerJsonSchema, improveAnswerSchema } from '../../../src-shared/scenarioDraft/improveContract';
import type { UpstreamClient } from '../openaiClient';
import { askForJson } from '../structuredOutput';
import type { Metaprompt } from './scenarioDrafter';

/** The metaprompt Improve this prompt… uses: resources/metaprompt/prompt-improve.<version>.md. */
export const IMPROVE_METAPROMPT_FILE = 'prompt-improve.v1.md';

export interface ImproveRequest {
  readonly scenario: Scenario;
  readonly agent: string;
  /** The instructions as the editor holds them, unsaved edits included. */
  readonly instructions: string;
  readonly model: string;
  readonly metaprompt: Metaprompt;
  readonly signal: AbortSignal;
}

export interface Improved {
  readonly instructions: string;
  readonly changes: readonly string[];
  readonly usage: Usage;
}

/**
 * What the model is told about the agent besides its instructions: the scenario, what the agent is for, its tools
 * and whom it can hand off to (with when), so the rewrite names the right tools and transitions and no others.
 */
export function improveInput(scenario: Scenario, agentName: string, instructions: string): string {
  const agent = scenario.agents.find((candidate) => candidate.name === agentName);
  if (!agent) throw new WorkbenchError('invalid_request', `The scenario ${scenario.id} has no agent named ${agentName}.`, 'agent');
  const tools = agent.tools.map((tool) => `- ${tool.name}: ${tool.description}`);
  const handoffs = agent.handoffs.map((target) => {
    const described = scenario.agents.find((candidate) => candidate.name === target)?.publicDescription ?? '';
    return `- ${target}: ${described}`;
  });
  return [
    `Scenario: ${scenario.name} — ${scenario.description}`,
    `Agent: ${agent.name} — ${agent.publicDescription}`,
    `Tools:\n${tools.join('\n') || '(none)'}`,
    `Hands off to:\n${handoffs.join('\n') || '(no other agent)'}`,
    `<instructions>\n${instructions}\n</instructions>`,
  ].join('\n\n');
}

/**
 * Rewrites one agent's instructions into the state-machine form: one Responses call with the improve metaprompt and
 * a strict json_schema; the answer is checked (whole instructions, a list of changes) and returned, never applied.
 */
export async function improvePrompt(upstream: UpstreamClient, request: ImproveRequest): Promise<Improved> {
  const input = improveInput(request.scenario, request.agent, request.instructions);
  const asked = await askForJson(upstream, `Improving ${request.agent}'s instructions`, {
    model: request.model,
    instructions: request.metaprompt.instructions,
    input: [{ role: 'user', content: input }],
    schemaName: 'improved_instructions',
    schema: improveAnswerJsonSchema as never,
    signal: request.signal,
  });
  const answer = improveAnswerSchema.safeParse(asked.value);
  if (!answer.success) {
    const fault = answer.error.issues[0]!;
    const field = fault.path.join('.') || 'answer';
    throw new WorkbenchError('upstream_bad_output', `${request.model} answered the rewrite with a fault in ${field}: ${fault.message}.`, field);
  }
  return { instructions: answer.data.instructions, changes: answer.data.changes, usage: asked.usage };
}
