import { tool, type FunctionTool } from '@openai/agents/realtime';
import type { SupervisorResult } from '../contract';
import type { SessionPort } from './sessionPort';
import { errorPayload } from '../errors';
import type { AgentTool, Scenario } from '../scenario';
import { SUPERVISOR_TOOLS } from '../toolModes';
import type { RecordEvent } from './eventRecorder';
import type { ToolControl, UserDecision } from './toolControl';
import type { ConversationTurn } from './conversation';

export interface ToolContext {
  readonly api: SessionPort;
  readonly scenario: Scenario;
  readonly sessionId: string;
  readonly record: RecordEvent;
  /** The conversation so far, from the session's own copy. */
  readonly conversation: () => ConversationTurn[];
  /** The session's tool modes (canned result, ask me), set from the Tools panel. */
  readonly tools?: ToolControl;
  /** The values of the secrets the scenario's MCP headers name, resolved by main when the session was minted. */
  readonly mcpSecrets?: Readonly<Record<string, string>>;
}

/** The supervisor's own tools as set in the Tools panel: canned results for main to answer with, and the tools that ask first. */
function supervisorToolModes(context: ToolContext): { cannedResults?: Record<string, unknown>; askTools?: string[] } {
  const canned: Record<string, unknown> = {};
  const ask: string[] = [];
  for (const tool of context.scenario.supervisor?.tools ?? []) {
    const setting = context.tools?.settingOf(SUPERVISOR_TOOLS, tool.name);
    if (setting?.mode === 'canned') canned[tool.name] = setting.cannedResult;
    if (setting?.mode === 'ask') ask.push(tool.name);
  }
  return { ...(Object.keys(canned).length > 0 ? { cannedResults: canned } : {}), ...(ask.length > 0 ? { askTools: ask } : {}) };
}

/**
 * The supervisor's whole answer. When it calls one of its tools set to "ask me", main pauses it and
 * answers `waiting`; the call then waits in the Tools panel like a realtime one, and the answer goes on
 * with the user's decision. The wait is the user's, so no deadline covers it; main's calls each have theirs.
 */
async function superviseWithDecisions(
  context: ToolContext,
  callId: string,
  contextText: string,
): Promise<{ result: SupervisorResult; waitedMs: number }> {
  const { api, scenario, sessionId } = context;
  let waitedMs = 0;
  let outcome = await api.supervisor.run({
    sessionId,
    scenarioId: scenario.id,
    callId,
    context: contextText,
    conversation: context.conversation(),
    ...supervisorToolModes(context),
  });
  while (outcome.status === 'waiting') {
    const asked = performance.now();
    const decision: UserDecision = context.tools
      ? await context.tools.ask(SUPERVISOR_TOOLS, outcome.call.callId, outcome.call.name, outcome.call.arguments, callId)
      : { decision: 'approved' };
    waitedMs += performance.now() - asked;
    outcome = await api.supervisor.resume({ sessionId, pauseId: outcome.pauseId, ...decision });
  }
  const { status: _done, ...result } = outcome;
  return { result, waitedMs: Math.round(waitedMs) };
}

/**
 * Runs a tool whose answer comes from a server-side model (supervisor or escalation) through the
 * contract, logging request, response or error as app events. A failure becomes a tool result the
 * realtime agent can apologise for, so the voice session carries on.
 */
async function runOnBackend(
  kind: 'supervisor' | 'escalation',
  context: ToolContext,
  definition: AgentTool,
  input: Record<string, unknown>,
  callId: string,
): Promise<unknown> {
  const { api, scenario, sessionId, record } = context;
  const started = performance.now();
  record('app', `${kind}.request`, { callId, toolName: definition.name, request: input });
  try {
    if (kind === 'supervisor') {
      const contextText =
        typeof input['relevantContextFromLastUserMessage'] === 'string' ? input['relevantContextFromLastUserMessage'] : JSON.stringify(input);
      const { result, waitedMs } = await superviseWithDecisions(context, callId, contextText);
      record('app', 'supervisor.response', {
        callId,
        toolName: definition.name,
        result: { text: result.text, steps: result.steps },
        model: result.model,
        durationMs: result.durationMs,
        // The time its tools waited for the user's decision, which durationMs (the supervisor's own work) leaves out.
        ...(waitedMs > 0 ? { waitedMs } : {}),
        usage: result.usage,
      });
      return { nextResponse: result.text };
    }
    const result = await api.escalation.decide({
      sessionId,
      scenarioId: scenario.id,
      callId,
      toolName: definition.name,
      arguments: input,
      conversation: context.conversation(),
    });
    record('app', 'escalation.response', {
      callId,
      toolName: definition.name,
      result: result.decision,
      model: result.model,
      durationMs: result.durationMs,
      usage: result.usage,
    });
    return result.decision;
  } catch (error) {
    const failure = errorPayload(error);
    const { code } = failure;
    record('app', `${kind}.error`, { callId, toolName: definition.name, ...failure, durationMs: Math.round(performance.now() - started) });
    return {
      error: `The ${kind} model could not answer (${code}). Tell the user briefly that you cannot look this up right now and offer to try again.`,
    };
  }
}

/** A schema that already meets strict mode (closed, every property required) is sent as strict. */
function isStrictCompatible(schema: AgentTool['parameters']): boolean {
  const required = new Set(schema.required ?? []);
  return schema.additionalProperties === false && Object.keys(schema.properties).every((name) => required.has(name));
}

/**
 * One realtime tool per scenario tool definition. The Tools panel can switch it to a canned result or
 * to asking the user first (the SDK's approval flow); an approved call runs as the scenario says, with
 * the arguments the user edited, if any.
 */
export function buildTool(definition: AgentTool, context: ToolContext, agent = ''): FunctionTool<unknown> {
  const strict = isStrictCompatible(definition.parameters);
  const options = {
    name: definition.name,
    description: definition.description,
    parameters: strict
      ? definition.parameters
      : { ...definition.parameters, additionalProperties: true, required: definition.parameters.required ?? [] },
    strict,
    needsApproval: () => Promise.resolve(context.tools?.settingOf(agent, definition.name).mode === 'ask'),
    async execute(input: unknown, _runContext: unknown, details?: { toolCall?: { callId: string } }) {
      const modelArgs = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
      const callId = details?.toolCall?.callId ?? `local-${Date.now()}`;
      const approval = context.tools?.takeApproval(callId, modelArgs);
      const setting = context.tools?.settingOf(agent, definition.name);
      if (!approval && setting?.mode === 'canned') return setting.cannedResult;
      const args = approval?.arguments ?? modelArgs;
      if (definition.runsOn === 'agent') return definition.mockResult ?? { ok: true };
      return runOnBackend(definition.runsOn, context, definition, args, callId);
    },
  };
  // The scenario schema has already validated the JSON schema; the SDK's types cannot see that.
  return tool(options as unknown as Parameters<typeof tool>[0]) as unknown as FunctionTool<unknown>;
}
