import type { SessionEvent } from './sessionEvent';

/**
 * How a tool answers while a session runs: as its scenario says (mock result, supervisor or escalation
 * call), with a canned result set in the Tools panel, or only once the user has decided ("ask me").
 * Every change and every decision is an app event in the stream, so the state here is derived from the
 * stream alone and a replay shows why a call returned what it did.
 */
export const toolModeNames = ['scenario', 'canned', 'ask'] as const;
export type ToolMode = (typeof toolModeNames)[number];

export interface ToolSetting {
  readonly mode: ToolMode;
  /** The canned result last set, kept while another mode is chosen so switching back restores it. */
  readonly cannedResult: unknown;
}

export type ApprovalDecision = 'approved' | 'edited' | 'rejected';

export interface ToolApproval {
  readonly callId: string;
  readonly toolName: string;
  readonly agent: string | undefined;
  readonly arguments: unknown;
  /** Set for a hosted MCP call: the server that runs it, with the model's arguments (they cannot be edited). */
  readonly serverLabel?: string;
  /** Stream time the call started waiting. */
  readonly requestedAt: number;
  /** `abandoned` when the session ended while the call was still waiting. */
  readonly status: 'waiting' | ApprovalDecision | 'abandoned';
  readonly editedArguments?: unknown;
  readonly message?: string;
  readonly decidedAt?: number;
}

export interface ToolModesState {
  /** By `toolKey(agent, toolName)`; a tool not here runs as its scenario says. */
  readonly settings: ReadonlyMap<string, ToolSetting>;
  /** Every approval asked for in the session, in the order asked. */
  readonly approvals: readonly ToolApproval[];
}

export const emptyToolModes: ToolModesState = Object.freeze({ settings: new Map<string, ToolSetting>(), approvals: Object.freeze([]) });

export const scenarioSetting: ToolSetting = Object.freeze({ mode: 'scenario', cannedResult: undefined });

/**
 * Stands for the agent of the supervisor model's own tools (run in main during a supervisor call); the
 * parentheses keep it apart from any agent name, which is an identifier.
 */
export const SUPERVISOR_TOOLS = '(supervisor)';

/**
 * The Tools panel's name for an agent's hosted MCP server: one mode holds every call to it (the API calls its
 * tools itself, so only Ask me applies). The colon keeps it apart from any function tool, whose name is an identifier.
 */
export function mcpToolName(serverLabel: string): string {
  return `mcp:${serverLabel}`;
}

/** Tools are named per agent: two agents may each have a tool of the same name. */
export function toolKey(agent: string | undefined, toolName: string): string {
  return `${agent ?? ''}\u0000${toolName}`;
}

/** The agent and tool a `toolKey` names (the agent '' when it had none). */
export function toolOfKey(key: string): { agent: string; toolName: string } {
  const split = key.indexOf('\u0000');
  return { agent: key.slice(0, split), toolName: key.slice(split + 1) };
}

export function settingOf(state: ToolModesState, agent: string | undefined, toolName: string): ToolSetting {
  return state.settings.get(toolKey(agent, toolName)) ?? scenarioSetting;
}

export function waitingApprovals(state: ToolModesState): ToolApproval[] {
  return state.approvals.filter((approval) => approval.status === 'waiting');
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isMode = (value: unknown): value is ToolMode => toolModeNames.includes(value as ToolMode);
const isDecision = (value: unknown): value is ApprovalDecision => value === 'approved' || value === 'edited' || value === 'rejected';
/** The session phases in which no call can wait for a decision any more (a waiting one is abandoned). */
export const endedSessionPhases: ReadonlySet<string> = new Set(['idle', 'error', 'reconnect-needed']);

/**
 * Folds a batch of events into the tools' modes and approvals. Pure and O(batch) apart from copying the
 * (short) approval list when it changes; events it does not know, or tool events with missing fields (a
 * hand-edited log), leave the state as it was. Returns the same object when nothing changed.
 */
export function reduceToolModes(state: ToolModesState, events: readonly SessionEvent[]): ToolModesState {
  let settings: Map<string, ToolSetting> | undefined;
  let approvals: ToolApproval[] | undefined;
  const editApprovals = (): ToolApproval[] => (approvals ??= [...state.approvals]);
  for (const event of events) {
    if (event.direction !== 'app') continue;
    const payload = event.payload;
    if (event.type === 'tool.mode') {
      const toolName = text(payload['toolName']);
      const mode = payload['mode'];
      if (!toolName || !isMode(mode)) continue;
      settings ??= new Map(state.settings);
      const key = toolKey(text(payload['agent']), toolName);
      const previous = settings.get(key) ?? scenarioSetting;
      settings.set(key, { mode, cannedResult: 'cannedResult' in payload ? payload['cannedResult'] : previous.cannedResult });
    } else if (event.type === 'tool.approval_requested') {
      const callId = text(payload['callId']);
      const toolName = text(payload['toolName']);
      if (!callId || !toolName) continue;
      const list = editApprovals();
      if (list.some((approval) => approval.callId === callId)) continue;
      const serverLabel = text(payload['serverLabel']);
      list.push({
        callId,
        toolName,
        agent: text(payload['agent']),
        arguments: payload['arguments'],
        ...(serverLabel ? { serverLabel } : {}),
        requestedAt: event.t,
        status: 'waiting',
      });
    } else if (event.type === 'tool.approval') {
      const callId = text(payload['callId']);
      const decision = payload['decision'];
      if (!callId || !isDecision(decision)) continue;
      const list = editApprovals();
      const index = list.findIndex((approval) => approval.callId === callId);
      const asked = list[index];
      const decided: ToolApproval = {
        callId,
        toolName: asked?.toolName ?? text(payload['toolName']) ?? '?',
        agent: asked?.agent ?? text(payload['agent']),
        arguments: asked?.arguments ?? payload['arguments'],
        ...(asked?.serverLabel ? { serverLabel: asked.serverLabel } : {}),
        requestedAt: asked?.requestedAt ?? event.t,
        status: decision,
        ...(payload['editedArguments'] !== undefined ? { editedArguments: payload['editedArguments'] } : {}),
        ...(text(payload['message']) ? { message: text(payload['message']) } : {}),
        decidedAt: event.t,
      };
      if (asked) list[index] = decided;
      else list.push(decided);
    } else if (event.type === 'session.state' && endedSessionPhases.has(String(payload['status']))) {
      const source = approvals ?? state.approvals;
      if (!source.some((approval) => approval.status === 'waiting')) continue;
      approvals = source.map((approval) => (approval.status === 'waiting' ? { ...approval, status: 'abandoned', decidedAt: event.t } : approval));
    }
  }
  if (!settings && !approvals) return state;
  return { settings: settings ?? state.settings, approvals: approvals ?? state.approvals };
}

export type JsonCheck =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly message: string; readonly line: number; readonly column: number };

/** Where (1-based line and column) a 0-based offset falls in `source`. */
function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * Checks text against JSON syntax and nothing else, for the canned-result and argument editors. A
 * syntax error names its line and column (taken from the engine's message, or the end of the text when
 * it gives no position) in words a person can act on.
 */
export function checkJson(source: string): JsonCheck {
  try {
    return { ok: true, value: JSON.parse(source) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const lineColumn = /line (\d+) column (\d+)/.exec(raw);
    const position = /position (\d+)/.exec(raw);
    const where = lineColumn
      ? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
      : lineAndColumn(source, position ? Number(position[1]) : source.length);
    const reason = raw
      .replace(/\s*\(line \d+ column \d+\)/, '')
      .replace(/\s*at position \d+/, '')
      .replace(/^JSON\.parse: /, '');
    return { ok: false, message: `Not JSON, line ${where.line}, column ${where.column}: ${reason}`, ...where };
  }
}
