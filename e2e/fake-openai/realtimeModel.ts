import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { hasImage } from './imageContent';
import type { ApprovedMcpCall } from './mcpTools';
import type { AgentMarker, FakeScript, RealtimeRule, ScriptedToolCall } from './script';

/** What the fake realtime model does in one response: speak, call a tool, or both (speech first); or run an MCP call the user approved. */
export interface RealtimePlan {
  rule: string;
  say?: string;
  toolCall?: ScriptedToolCall;
  approvedMcpCall?: ApprovedMcpCall;
}

/** The parts of the session the model looks at. */
export interface SessionView {
  instructions: string;
  toolNames: readonly string[];
}

/** The turn being answered: the user's latest utterance and, if the last item is a tool output, that tool. */
export interface TurnView {
  userUtterance: string;
  /** The latest user message carried an image. */
  userSentImage?: boolean;
  afterTool?: { name: string; output: string };
}

export function describeTurn(conversation: readonly ConversationItem[]): TurnView {
  const last = conversation.at(-1);
  let afterTool: TurnView['afterTool'];
  if (last?.type === 'function_call_output') {
    const call = conversation.find((item) => item.type === 'function_call' && item.call_id === last.call_id);
    afterTool = { name: call?.type === 'function_call' ? call.name : 'unknown', output: last.output };
  } else if (last?.type === 'mcp_call') {
    // A hosted MCP call's result is in its own item: its output, or what went wrong.
    afterTool = { name: last.name, output: last.output ?? last.error?.message ?? '' };
  }
  const lastUser = conversation.findLast((item) => item.type === 'message' && item.role === 'user');
  return { userUtterance: lastUser ? userText(lastUser) : '', userSentImage: lastUser ? hasImage(lastUser) : false, afterTool };
}

function userText(item: ConversationItem): string {
  if (item.type !== 'message' || item.role !== 'user') return '';
  return item.content.map((part) => part.text ?? part.transcript ?? '').join(' ');
}

export function planRealtimeResponse(script: FakeScript, session: SessionView, turn: TurnView): RealtimePlan {
  for (const [index, rule] of script.realtime.entries()) {
    if (!ruleMatches(script, rule, session, turn)) continue;
    const name = rule.name ?? `realtime[${index}]`;
    const toolCall = rule.handoffTo ? { name: handoffToolName(rule.handoffTo), arguments: {} } : rule.callTool;
    const say = rule.sayToolOutput && turn.afterTool ? spokenText(turn.afterTool.output) : rule.say;
    return { rule: name, say, toolCall };
  }
  return { rule: 'fallbackSay', say: script.fallbackSay };
}

/** The SDK's handoff tool name: `transfer_to_` and the agent name with non-alphanumerics as `_`. */
export function handoffToolName(agentName: string): string {
  return `transfer_to_${agentName.replace(/[^a-zA-Z0-9]/g, '_')}`;
}

function ruleMatches(script: FakeScript, rule: RealtimeRule, session: SessionView, turn: TurnView): boolean {
  if (rule.agent !== undefined) {
    const marker = script.agents[rule.agent];
    if (!marker || !markerMatches(marker, session)) return false;
  }
  if (rule.afterToolOutput === undefined) {
    // After a handoff the new agent answers the user's request, as a real model does.
    if (turn.afterTool && !turn.afterTool.name.startsWith('transfer_to_')) return false;
  } else if (!turn.afterTool || !(rule.afterToolOutput === '*' || rule.afterToolOutput === turn.afterTool.name)) {
    return false;
  }
  if (rule.userSaid !== undefined && !includesAny(turn.userUtterance, rule.userSaid)) return false;
  if (rule.userSentImage && !turn.userSentImage) return false;
  // A real model can only call the tools the session offers.
  const wanted = rule.handoffTo ? handoffToolName(rule.handoffTo) : rule.callTool?.name;
  return wanted === undefined || session.toolNames.includes(wanted);
}

function markerMatches(marker: AgentMarker, session: SessionView): boolean {
  if (marker.instructionsInclude !== undefined && !session.instructions.toLowerCase().includes(marker.instructionsInclude.toLowerCase()))
    return false;
  return (marker.toolsInclude ?? []).every((tool) => session.toolNames.includes(tool));
}

export function includesAny(text: string, phrases: string | readonly string[]): boolean {
  const haystack = text.toLowerCase();
  return (typeof phrases === 'string' ? [phrases] : phrases).some((phrase) => haystack.includes(phrase.toLowerCase()));
}

/** The words a model would read from a tool output: the output itself, or its first string value when it is JSON. */
export function spokenText(output: string): string {
  try {
    return firstString(JSON.parse(output)) ?? output;
  } catch {
    return output;
  }
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(firstString).find((text) => text !== undefined);
  if (value && typeof value === 'object')
    return Object.values(value)
      .map(firstString)
      .find((text) => text !== undefined);
  return undefined;
}
