import type { AgentConfig, Scenario } from './scenario';
import type { SessionEvent } from './sessionEvent';

/** One handoff the session took (an agent handed the conversation to another), however often. */
export interface TakenHandoff {
  readonly from: string;
  readonly to: string;
  readonly count: number;
  /** The stream position and time (ms) of the first time it was taken. */
  readonly firstSeq: number;
  readonly firstT: number;
}

/** What the stream says about agents: which one is active now, and every handoff taken so far. */
export interface HandoffState {
  readonly activeAgent: string | undefined;
  /** Keyed by `edgeKey(from, to)`. */
  readonly taken: ReadonlyMap<string, TakenHandoff>;
}

export const emptyHandoffs: HandoffState = { activeAgent: undefined, taken: new Map() };

/** The key of the directed edge from one agent to another. */
export function edgeKey(from: string, to: string): string {
  return `${from}>${to}`;
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/**
 * Folds a batch of stream events into the active agent and the handoffs taken. O(batch): the taken map is
 * copied only when the batch takes a handoff, and it holds at most one entry per pair of agents.
 * A switch the user made in the toolbar changes the active agent but is not a handoff.
 */
export function reduceHandoffs(state: HandoffState, events: readonly SessionEvent[]): HandoffState {
  let activeAgent = state.activeAgent;
  let taken: Map<string, TakenHandoff> | undefined;
  for (const event of events) {
    if (event.direction !== 'app') continue;
    if (event.type === 'session.started') {
      activeAgent = str(event.payload['agent']) ?? activeAgent;
    } else if (event.type === 'agent.changed') {
      const from = str(event.payload['from']);
      const to = str(event.payload['to']);
      if (to === undefined) continue;
      activeAgent = to;
      if (event.payload['reason'] !== 'handoff' || from === undefined) continue;
      taken ??= new Map(state.taken);
      const key = edgeKey(from, to);
      const earlier = taken.get(key);
      taken.set(key, earlier ? { ...earlier, count: earlier.count + 1 } : { from, to, count: 1, firstSeq: event.seq, firstT: event.t });
    }
  }
  if (activeAgent === state.activeAgent && taken === undefined) return state;
  return { activeAgent, taken: taken ?? state.taken };
}

export interface AgentNodeModel {
  readonly agent: AgentConfig;
  readonly active: boolean;
  readonly isDefault: boolean;
}

export interface AgentEdgeModel {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  /** False for a handoff the stream shows but the scenario does not declare (a log from an edited scenario). */
  readonly declared: boolean;
  /** Whether the scenario also declares the handoff back, so a view can keep the two apart. */
  readonly hasReverse: boolean;
  readonly taken: TakenHandoff | undefined;
}

export interface AgentGraphModel {
  readonly nodes: readonly AgentNodeModel[];
  readonly edges: readonly AgentEdgeModel[];
}

/** The scenario's handoff graph with the session's state on it: the active agent and the handoffs taken. */
export function agentGraphOf(scenario: Pick<Scenario, 'agents' | 'defaultAgent'>, handoffs: HandoffState): AgentGraphModel {
  const names = new Set(scenario.agents.map((agent) => agent.name));
  const nodes = scenario.agents.map((agent) => ({
    agent,
    active: agent.name === handoffs.activeAgent,
    isDefault: agent.name === scenario.defaultAgent,
  }));
  const pairs = new Map<string, { from: string; to: string; declared: boolean }>();
  for (const agent of scenario.agents) {
    for (const target of agent.handoffs) pairs.set(edgeKey(agent.name, target), { from: agent.name, to: target, declared: true });
  }
  for (const [key, handoff] of handoffs.taken) {
    if (!pairs.has(key) && names.has(handoff.from) && names.has(handoff.to)) pairs.set(key, { from: handoff.from, to: handoff.to, declared: false });
  }
  const edges = [...pairs].map(([id, pair]) => ({
    id,
    ...pair,
    hasReverse: pairs.has(edgeKey(pair.to, pair.from)),
    taken: handoffs.taken.get(id),
  }));
  return { nodes, edges };
}
