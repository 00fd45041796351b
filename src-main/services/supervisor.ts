import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { SupervisorResult } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import type { Scenario } from '../../src-shared/scenario';
import type { UpstreamClient } from './openaiClient';
import { addUsage, noUsage } from './usage';

export const SUPERVISOR_MAX_STEPS = 8;

export interface SupervisorRequest {
  readonly context: string;
  readonly conversation: readonly { role: 'user' | 'assistant'; text: string }[];
  /** Results the user set in the Tools panel, by tool name; they answer in place of the scenario's mock results. */
  readonly cannedResults?: Readonly<Record<string, unknown>>;
}

function outputOf(tools: NonNullable<Scenario['supervisor']>['tools'], name: string, canned: SupervisorRequest['cannedResults']): unknown {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) return { error: `There is no tool named ${name}.` };
  if (canned && Object.hasOwn(canned, name)) return canned[name];
  return tool.mockResult ?? { ok: true };
}

function transcriptOf(request: SupervisorRequest): string {
  const lines = request.conversation.map((turn) => `${turn.role === 'user' ? 'Caller' : 'Voice agent'}: ${turn.text}`);
  return `Conversation so far:\n${lines.join('\n') || '(nothing yet)'}\n\nContext from the caller's last message: ${request.context || '(none)'}\n\nWhat should the voice agent say next?`;
}

/**
 * The supervisor's tool loop on the Responses API: each function call is answered with the scenario's
 * mock result (or the result canned in the Tools panel) until the model gives a final message, up to a step cap.
 */
export async function runSupervisor(
  upstream: UpstreamClient,
  scenario: Scenario,
  model: string,
  request: SupervisorRequest,
  signal: AbortSignal,
): Promise<SupervisorResult> {
  const supervisor = scenario.supervisor;
  if (!supervisor)
    throw new WorkbenchError('scenario_unknown', `Scenario "${scenario.id}" has no supervisor section, so nothing can answer its supervisor tool.`);
  const started = performance.now();
  const tools = supervisor.tools.map((tool) => ({
    type: 'function' as const,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    strict: true,
  }));
  const input: ResponseInputItem[] = [{ role: 'user', content: transcriptOf(request) }];
  const steps: SupervisorResult['steps'] = [];
  let usage = noUsage;
  for (let step = 0; step < SUPERVISOR_MAX_STEPS; step += 1) {
    const response = await upstream.call('The supervisor call', (client) =>
      client.responses.create({ model, instructions: supervisor.instructions, input, tools, parallel_tool_calls: false, store: false }, { signal }),
    );
    usage = addUsage(usage, response.usage);
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) {
      return { model, durationMs: Math.round(performance.now() - started), usage, text: response.output_text, steps };
    }
    for (const call of calls) {
      const output = outputOf(supervisor.tools, call.name, request.cannedResults);
      steps.push({ name: call.name, arguments: call.arguments, output });
      input.push({ type: 'function_call', call_id: call.call_id, name: call.name, arguments: call.arguments });
      input.push({ type: 'function_call_output', call_id: call.call_id, output: JSON.stringify(output) });
    }
  }
  throw new WorkbenchError(
    'upstream_bad_output',
    `The supervisor was still calling tools after ${SUPERVISOR_MAX_STEPS} steps (${steps.map((step) => step.name).join(', ')}); it was stopped.`,
  );
}
