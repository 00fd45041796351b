import { Graph, layout } from '@dagrejs/dagre';
import type { Scenario } from '../../../../src-shared/scenario';

export const NODE_WIDTH = 150;
export const NODE_HEIGHT = 44;

export interface Point {
  readonly x: number;
  readonly y: number;
}

/**
 * Where each agent goes (top-left corners). Handoff graphs are often complete (every agent can hand to every
 * other), and dagre breaks such cycles into one long chain; so dagre ranks the breadth-first tree of handoffs
 * from the default agent instead: the start agent on top, the agents it reaches first below it, and so on.
 * Agents no handoff reaches are laid out too, in their own ranks.
 */
export function layoutAgents(scenario: Pick<Scenario, 'agents' | 'defaultAgent'>): Map<string, Point> {
  const graph = new Graph();
  graph.setGraph({ rankdir: 'TB', nodesep: 24, ranksep: 56, marginx: 8, marginy: 8 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const agent of scenario.agents) graph.setNode(agent.name, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const handoffs = new Map(scenario.agents.map((agent) => [agent.name, agent.handoffs]));
  const reached = new Set([scenario.defaultAgent]);
  const queue = [scenario.defaultAgent];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const target of handoffs.get(next) ?? []) {
      if (reached.has(target) || !handoffs.has(target)) continue;
      reached.add(target);
      graph.setEdge(next, target);
      queue.push(target);
    }
  }
  layout(graph);
  return new Map(
    scenario.agents.map((agent) => {
      const { x, y } = graph.node(agent.name) as Point;
      return [agent.name, { x: x - NODE_WIDTH / 2, y: y - NODE_HEIGHT / 2 }];
    }),
  );
}

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** Where a ray from the box's centre towards a point leaves the box. */
function exitPoint(box: Box, toward: Point): Point {
  const centre = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const scale = Math.min(dx === 0 ? Infinity : box.width / 2 / Math.abs(dx), dy === 0 ? Infinity : box.height / 2 / Math.abs(dy));
  return { x: centre.x + dx * scale, y: centre.y + dy * scale };
}

export interface EdgeGeometry {
  readonly path: string;
  readonly labelX: number;
  readonly labelY: number;
}

/**
 * A handoff as a gentle curve from one box to the other, bent to one side of its direction, so the two
 * directions between a pair are drawn apart and a curve between two agents of a row arcs past the ones between.
 */
export function edgeGeometry(source: Box, target: Box): EdgeGeometry {
  const from = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
  const to = { x: target.x + target.width / 2, y: target.y + target.height / 2 };
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const bend = 0.18;
  const control = { x: (from.x + to.x) / 2 - dy * bend, y: (from.y + to.y) / 2 + dx * bend };
  const start = exitPoint(source, control);
  const end = exitPoint(target, control);
  return {
    path: `M ${start.x} ${start.y} Q ${control.x} ${control.y} ${end.x} ${end.y}`,
    labelX: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x,
    labelY: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y,
  };
}
