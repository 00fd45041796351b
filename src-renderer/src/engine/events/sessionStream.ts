import { createStore, type StoreApi } from 'zustand/vanilla';
import { emptyHandoffs, reduceHandoffs, type HandoffState } from '../../../../src-shared/agentGraph';
import { noAppliedPrompts, reduceAppliedPrompts, type AppliedPrompts } from '../../../../src-shared/appliedPrompts';
import { noBudget, reduceBudget, type BudgetState } from '../../../../src-shared/budget';
import { emptyCost, reduceCost, type CostState } from '../../../../src-shared/cost';
import { emptyLatency, reduceLatency, type LatencyState } from '../../../../src-shared/latency';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import { emptyToolModes, reduceToolModes, type ToolModesState } from '../../../../src-shared/toolModes';
import { emptyTranscript, type TranscriptState } from '../../../../src-shared/transcript/transcriptModel';
import { reduceTranscript } from '../../../../src-shared/transcript/transcriptReducer';
import { idleStatus, reduceStatus, type SessionStatus } from './sessionStatus';
import { EventLog } from './eventLog';

/** What views of one session read: how many events it holds, and what the reducers made of them. */
export interface StreamState {
  readonly count: number;
  readonly transcript: TranscriptState;
  readonly status: SessionStatus;
  readonly handoffs: HandoffState;
  readonly latency: LatencyState;
  readonly cost: CostState;
  readonly budget: BudgetState;
  /** Prompts applied mid-session, by agent. */
  readonly prompts: AppliedPrompts;
  /** Tool modes set in the Tools panel, and the calls held for a decision. */
  readonly tools: ToolModesState;
}

export type FrameScheduler = (apply: () => void) => void;

/** Once per animation frame while the page is visible; otherwise soon (hidden tabs get no frames). */
export const animationFrameScheduler: FrameScheduler = (apply) => {
  if (typeof requestAnimationFrame === 'function' && document.visibilityState === 'visible') requestAnimationFrame(apply);
  else setTimeout(apply, 16);
};

/**
 * One session's stream, live or replayed: events arrive (from the recorder or a log reader), are kept
 * in an append-only log, and are folded by the pure reducers once per frame, whatever the batch size.
 * Each session gets its own; nothing here is shared between sessions or made at import.
 */
export class SessionStream {
  readonly events = new EventLog();
  readonly store: StoreApi<StreamState>;
  private pending: SessionEvent[] = [];
  private scheduled = false;
  private disposed = false;

  constructor(private readonly scheduleFrame: FrameScheduler = animationFrameScheduler) {
    this.store = createStore<StreamState>(() => ({
      count: 0,
      transcript: emptyTranscript(),
      status: idleStatus,
      handoffs: emptyHandoffs,
      latency: emptyLatency,
      cost: emptyCost,
      budget: noBudget,
      prompts: noAppliedPrompts,
      tools: emptyToolModes,
    }));
  }

  push(event: SessionEvent): void {
    this.pushMany([event]);
  }

  pushMany(events: readonly SessionEvent[]): void {
    if (this.disposed || events.length === 0) return;
    for (const event of events) this.pending.push(event);
    if (this.scheduled) return;
    this.scheduled = true;
    this.scheduleFrame(() => this.flush());
  }

  /** Applies everything queued now. */
  flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0 || this.disposed) return;
    this.events.append(batch);
    const state = this.store.getState();
    this.store.setState({
      count: this.events.length,
      transcript: reduceTranscript(state.transcript, batch),
      status: reduceStatus(state.status, batch),
      handoffs: reduceHandoffs(state.handoffs, batch),
      latency: reduceLatency(state.latency, batch),
      cost: reduceCost(state.cost, batch),
      budget: reduceBudget(state.budget, batch),
      prompts: reduceAppliedPrompts(state.prompts, batch),
      tools: reduceToolModes(state.tools, batch),
    });
  }

  dispose(): void {
    this.disposed = true;
    this.pending = [];
  }
}
