import type { ResponseFunctionToolCall, ResponseInputItem } from 'openai/resources/responses/responses';
import type { SupervisorDecision, SupervisorOutcome, SupervisorResult } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import type { Scenario } from '../../src-shared/scenario';
import type { UpstreamClient } from './openaiClient';
import { addUsage, noUsage } from './usage';

export const SUPERVISOR_MAX_STEPS = 8;

type SupervisorTools = NonNullable<Scenario['supervisor']>['tools'];
type Step = SupervisorResult['steps'][number];

export interface SupervisorRequest {
  readonly context: string;
  readonly conversation: readonly { role: 'user' | 'assistant'; text: string }[];
  /** Results the user set in the Tools panel, by tool name; they answer in place of the scenario's mock results. */
  readonly cannedResults?: Readonly<Record<string, unknown>>;
  /** Tools set to "ask me" in the Tools panel: a call to one pauses the loop until the user decides. */
  readonly askTools?: readonly string[];
}

/**
 * A supervisor answer in progress: everything needed to go on with it after a pause for the user's
 * decision. Main keeps it between `supervisor:run` and `supervisor:resume` (see `SupervisorPauses`).
 */
export interface SupervisorLoop {
  readonly scenario: Scenario;
  readonly model: string;
  readonly request: SupervisorRequest;
  readonly input: ResponseInputItem[];
  readonly steps: Step[];
  usage: SupervisorResult['usage'];
  /** Time spent in the supervisor's own work (model calls), not waiting for the user. */
  workMs: number;
  /** Model responses asked for so far, against the step cap. */
  rounds: number;
  /** Function calls of the last response not answered yet, in order. */
  queue: ResponseFunctionToolCall[];
}

function toolsOf(scenario: Scenario): SupervisorTools {
  const supervisor = scenario.supervisor;
  if (!supervisor)
    throw new WorkbenchError('scenario_unknown', `Scenario "${scenario.id}" has no supervisor section, so nothing can answer its supervisor tool.`);
  return supervisor.tools;
}

function outputOf(tools: SupervisorTools, name: string, canned: SupervisorRequest['cannedResults']): unknown {
  const tool = tools.find((candidate) => candidate.name === name);
  if (!tool) return { error: `There is no tool named ${name}.` };
  if (canned && Object.hasOwn(canned, name)) return canned[name];
  return tool.mockResult ?? { ok: true };
}

function transcriptOf(request: SupervisorRequest): string {
  const lines = request.conversation.map((turn) => `${turn.role === 'user' ? 'Caller' : 'Voice agent'}: ${turn.text}`);
  return `Conversation so far:\n${lines.join('\n') || '(nothing yet)'}\n\nContext from the caller's last message: ${request.context || '(none)'}\n\nWhat should the voice agent say next?`;
}

/** Whether this call waits for the user: its tool is on "ask me" and it is one of the supervisor's own. */
function asksUser(loop: SupervisorLoop, call: ResponseFunctionToolCall): boolean {
  return (loop.request.askTools ?? []).includes(call.name) && toolsOf(loop.scenario).some((tool) => tool.name === call.name);
}

/**
 * Answers one function call and records the step. A decision (for a call that asked) runs the tool
 * with the user's arguments, which the model then also sees as the call's arguments, or answers the
 * user's rejection message as the call's output, as the SDK does for a rejected realtime tool call.
 */
function answer(loop: SupervisorLoop, call: ResponseFunctionToolCall, decision: SupervisorDecision | undefined): void {
  const edited = decision?.decision === 'edited' && decision.editedArguments !== undefined ? JSON.stringify(decision.editedArguments) : undefined;
  const ranWith = edited ?? call.arguments;
  const output =
    decision?.decision === 'rejected'
      ? (decision.message ?? 'The user declined this tool call.')
      : outputOf(toolsOf(loop.scenario), call.name, loop.request.cannedResults);
  loop.steps.push({
    name: call.name,
    arguments: ranWith,
    output,
    ...(decision ? { approval: decision.decision } : {}),
    ...(edited !== undefined ? { modelArguments: call.arguments } : {}),
  });
  loop.input.push({ type: 'function_call', call_id: call.call_id, name: call.name, arguments: ranWith });
  loop.input.push({ type: 'function_call_output', call_id: call.call_id, output: typeof output === 'string' ? output : JSON.stringify(output) });
}

export function startSupervisorLoop(scenario: Scenario, model: string, request: SupervisorRequest): SupervisorLoop {
  toolsOf(scenario);
  return {
    scenario,
    model,
    request,
    input: [{ role: 'user', content: transcriptOf(request) }],
    steps: [],
    usage: noUsage,
    workMs: 0,
    rounds: 0,
    queue: [],
  };
}

/**
 * Goes on with the supervisor's tool loop on the Responses API until it gives a final message, or a call
 * to an "ask me" tool needs the user's decision (then it answers `waiting` with that call, and the loop
 * is resumed later with the decision). Each other call is answered with the scenario's mock result or
 * the result canned in the Tools panel, up to a step cap.
 */
export async function advanceSupervisor(
  upstream: UpstreamClient,
  loop: SupervisorLoop,
  signal: AbortSignal,
  decision?: SupervisorDecision,
): Promise<Extract<SupervisorOutcome, { status: 'done' }> | { status: 'paused'; call: ResponseFunctionToolCall }> {
  const started = performance.now();
  const worked = () => Math.round(loop.workMs + performance.now() - started);
  const supervisor = loop.scenario.supervisor!;
  const tools = supervisor.tools.map((tool) => ({
    type: 'function' as const,
    name: tool.name,
    description: tool.description,
    parameters: tool.parameters,
    strict: true,
  }));
  let pendingDecision = decision;
  for (;;) {
    while (loop.queue.length > 0) {
      const call = loop.queue[0]!;
      if (!pendingDecision && asksUser(loop, call)) {
        loop.workMs = worked();
        return { status: 'paused', call };
      }
      answer(loop, call, pendingDecision);
      pendingDecision = undefined;
      loop.queue.shift();
    }
    if (loop.rounds >= SUPERVISOR_MAX_STEPS)
      throw new WorkbenchError(
        'upstream_bad_output',
        `The supervisor was still calling tools after ${SUPERVISOR_MAX_STEPS} steps (${loop.steps.map((step) => step.name).join(', ')}); it was stopped.`,
      );
    const response = await upstream.call('The supervisor call', (client) =>
      client.responses.create(
        { model: loop.model, instructions: supervisor.instructions, input: loop.input, tools, parallel_tool_calls: false, store: false },
        { signal },
      ),
    );
    loop.rounds += 1;
    loop.usage = addUsage(loop.usage, response.usage);
    loop.queue = response.output.filter((item) => item.type === 'function_call');
    if (loop.queue.length === 0) {
      loop.workMs = worked();
      return { status: 'done', model: loop.model, durationMs: loop.workMs, usage: loop.usage, text: response.output_text, steps: loop.steps };
    }
  }
}
