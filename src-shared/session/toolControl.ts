import type { SessionEvent } from '../sessionEvent';
import {
  emptyToolModes,
  endedSessionPhases,
  reduceToolModes,
  settingOf,
  toolOfKey,
  type ToolMode,
  type ToolModesState,
  type ToolSetting,
} from '../toolModes';
import type { RecordEvent } from './eventRecorder';

/** What the SDK gives to settle one waiting call. */
export interface ApprovalHandle {
  readonly approve: () => Promise<void>;
  readonly reject: (message: string) => Promise<void>;
  /** The session ended while the call waited: nobody will decide it now. */
  readonly abandon?: () => void;
}

/** The user's decision on a call that asked, as the supervisor's paused answer is resumed with it. */
export type UserDecision =
  | { readonly decision: 'approved' }
  | { readonly decision: 'edited'; readonly editedArguments: Record<string, unknown> }
  | { readonly decision: 'rejected'; readonly message: string };

interface Waiting {
  readonly toolName: string;
  readonly agent: string | undefined;
  readonly arguments: unknown;
  readonly handle: ApprovalHandle;
  /** The realtime call a supervisor tool's call sits in. */
  readonly parentCallId: string | undefined;
}

/** Thrown when a decision names a call that is not waiting (already decided, or its session ended). */
export class ToolDecisionError extends Error {
  readonly code = 'not_waiting';
}

/** The SDK hands tool arguments over as JSON text; the log keeps them as JSON values. */
export function parsedArguments(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    // A model can send arguments that are not JSON; keep what it sent.
    return raw;
  }
}

/**
 * One live session's tool modes and waiting calls. Its state is the shared reducer over the session's
 * stream (it sees every event the session records), so the session runs tools exactly as the panel and
 * a replay show them. Modes and decisions are recorded as app events; edited arguments are kept per call
 * for the tool's execute to use, since the SDK approves a call with the arguments the model sent.
 */
export class ToolControl {
  private state: ToolModesState = emptyToolModes;
  private readonly waiting = new Map<string, Waiting>();
  /** The session has ended (idle, error, or a dropped connection): no call can wait for a decision any more. */
  private over = false;
  /** Calls the user approved, with the arguments they run with (undefined: the model's own). */
  private readonly approved = new Map<string, Record<string, unknown> | undefined>();

  constructor(private readonly record: RecordEvent) {}

  /** Every event the session records passes through here. */
  observe(event: SessionEvent): void {
    this.state = reduceToolModes(this.state, [event]);
    if (event.direction === 'app' && event.type === 'session.state') this.over = endedSessionPhases.has(String(event.payload['status']));
    if (this.waiting.size === 0) return;
    for (const approval of this.state.approvals) {
      if (approval.status === 'waiting') continue;
      const waiting = this.waiting.get(approval.callId);
      if (!waiting) continue;
      this.waiting.delete(approval.callId);
      if (approval.status === 'abandoned') waiting.handle.abandon?.();
    }
  }

  settingOf(agent: string, toolName: string): ToolSetting {
    return settingOf(this.state, agent, toolName);
  }

  setMode(agent: string, toolName: string, mode: ToolMode, cannedResult?: unknown): void {
    this.record('app', 'tool.mode', { agent, toolName, mode, ...(mode === 'canned' ? { cannedResult } : {}) });
  }

  /** The SDK paused a call for approval (a hosted MCP call names its server): remember how to settle it and say so in the stream. */
  requested(
    agent: string,
    callId: string,
    toolName: string,
    rawArguments: unknown,
    handle: ApprovalHandle,
    parentCallId?: string,
    serverLabel?: string,
  ): void {
    const args = parsedArguments(rawArguments);
    this.waiting.set(callId, { toolName, agent, arguments: args, handle, parentCallId });
    this.record('app', 'tool.approval_requested', {
      callId,
      toolName,
      agent,
      arguments: args,
      ...(parentCallId ? { parentCallId } : {}),
      ...(serverLabel ? { serverLabel } : {}),
    });
  }

  /**
   * Holds a call that runs outside the SDK (a supervisor tool, in main's paused supervisor answer) for
   * the user, like the SDK holds a realtime one: it shows in the panel, and the promise settles with the
   * decision, or fails when the session ends first. `parentCallId` is the realtime call waiting on it.
   */
  ask(agent: string, callId: string, toolName: string, rawArguments: unknown, parentCallId: string): Promise<UserDecision> {
    // An answer that paused just as the session ended: nobody can decide it, and nothing would ever abandon it.
    if (this.over) return Promise.reject(new ToolDecisionError(`The session had ended when ${toolName} asked for your decision.`));
    return new Promise<UserDecision>((resolve, reject) => {
      const approve = () => {
        // approve() kept the user's arguments for this call only when they differ from the model's.
        const edited = this.approved.get(callId);
        this.approved.delete(callId);
        resolve(edited ? { decision: 'edited', editedArguments: edited } : { decision: 'approved' });
        return Promise.resolve();
      };
      const refuse = (message: string) => {
        resolve({ decision: 'rejected', message });
        return Promise.resolve();
      };
      const abandon = () => reject(new ToolDecisionError(`The session ended while ${toolName} waited for your decision.`));
      this.requested(agent, callId, toolName, rawArguments, { approve, reject: refuse, abandon }, parentCallId);
    });
  }

  private take(callId: string): Waiting {
    const waiting = this.waiting.get(callId);
    if (!waiting) throw new ToolDecisionError(`The call ${callId} is no longer waiting for a decision.`);
    this.waiting.delete(callId);
    return waiting;
  }

  /** Lets the call run its scenario behaviour, with the user's arguments when given. */
  async approve(callId: string, editedArguments?: Record<string, unknown>): Promise<void> {
    const waiting = this.take(callId);
    const edited = editedArguments !== undefined && JSON.stringify(editedArguments) !== JSON.stringify(waiting.arguments);
    this.approved.set(callId, edited ? editedArguments : undefined);
    this.record('app', 'tool.approval', {
      callId,
      toolName: waiting.toolName,
      agent: waiting.agent,
      decision: edited ? 'edited' : 'approved',
      arguments: waiting.arguments,
      ...(edited ? { editedArguments } : {}),
      ...(waiting.parentCallId ? { parentCallId: waiting.parentCallId } : {}),
    });
    await waiting.handle.approve();
  }

  /** Answers the call with the user's message instead of running it; the model sees the message as the tool's output. */
  async reject(callId: string, message: string): Promise<void> {
    const waiting = this.take(callId);
    this.record('app', 'tool.approval', {
      callId,
      toolName: waiting.toolName,
      agent: waiting.agent,
      decision: 'rejected',
      arguments: waiting.arguments,
      message,
      ...(waiting.parentCallId ? { parentCallId: waiting.parentCallId } : {}),
    });
    await waiting.handle.reject(message);
  }

  /** Every tool not on its scenario behaviour, to carry over to the next session of a reconnect. */
  changedSettings(): { agent: string; toolName: string; setting: ToolSetting }[] {
    const changed: { agent: string; toolName: string; setting: ToolSetting }[] = [];
    for (const [key, setting] of this.state.settings) {
      if (setting.mode === 'scenario') continue;
      changed.push({ ...toolOfKey(key), setting });
    }
    return changed;
  }

  /** Carries a previous session's tool modes over: recorded like any change, so the log says how tools answered. */
  carryOver(settings: readonly { agent: string; toolName: string; setting: ToolSetting }[]): void {
    for (const { agent, toolName, setting } of settings) {
      this.record('app', 'tool.mode', {
        agent,
        toolName,
        mode: setting.mode,
        ...(setting.mode === 'canned' ? { cannedResult: setting.cannedResult } : {}),
        carriedOver: true,
      });
    }
  }

  /**
   * For a call the user approved, the arguments it runs with (their edit, or the model's); undefined for
   * a call nobody was asked about. Asked once, by the call's execute.
   */
  takeApproval(callId: string, modelArguments: Record<string, unknown>): { readonly arguments: Record<string, unknown> } | undefined {
    if (!this.approved.has(callId)) return undefined;
    const edited = this.approved.get(callId);
    this.approved.delete(callId);
    return { arguments: edited ?? modelArguments };
  }
}
