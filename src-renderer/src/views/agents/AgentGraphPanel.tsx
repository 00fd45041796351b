import {
  BaseEdge,
  EdgeLabelRenderer,
  Handle,
  MarkerType,
  Position,
  ReactFlow,
  useInternalNode,
  useNodesInitialized,
  useReactFlow,
  useStore,
  type Dimensions,
  type Edge,
  type EdgeProps,
  type Node,
  type NodeChange,
  type NodeProps,
} from '@xyflow/react';
import { useEffect, useMemo, useState } from 'react';
import { agentGraphOf, type AgentGraphModel, type TakenHandoff } from '../../../../src-shared/agentGraph';
import type { Scenario } from '../../../../src-shared/scenario';
import { useIsDark } from '../common/useResolvedTheme';
import { useShownStream } from '../../state/shownSessionStore';
import { AgentDetail } from './AgentDetail';
import { NODE_HEIGHT, NODE_WIDTH, edgeGeometry, layoutAgents, type Point } from './graphLayout';
import { useShownScenario } from '../../state/shownScenario';
import './agentPanel.css';

type AgentNodeData = { name: string; active: boolean; isDefault: boolean; tools: number; handoffs: number };
type AgentFlowNode = Node<AgentNodeData, 'agent'>;
type HandoffEdgeData = { taken: TakenHandoff | undefined; declared: boolean };
type HandoffFlowEdge = Edge<HandoffEdgeData, 'handoff'>;

function AgentNode({ data, selected }: NodeProps<AgentFlowNode>) {
  return (
    <div
      className={`agent-node${data.active ? ' agent-node-active' : ''}${selected ? ' agent-node-selected' : ''}`}
      data-testid={`agent-node-${data.name}`}
      data-active={data.active}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} className="agent-handle" />
      <div className="agent-node-title">
        <span className="agent-node-name">{data.name}</span>
        {data.active && <span className="agent-node-state">active</span>}
      </div>
      <div className="agent-node-meta">
        {data.isDefault ? 'start · ' : ''}
        {data.tools} tool{data.tools === 1 ? '' : 's'} · {data.handoffs} handoff{data.handoffs === 1 ? '' : 's'}
      </div>
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="agent-handle" />
    </div>
  );
}

/** A handoff drawn between the agents' boxes wherever they are (not between fixed handles), taken ones labelled. */
function HandoffEdge({ id, source, target, data, markerEnd }: EdgeProps<HandoffFlowEdge>) {
  const from = useInternalNode(source);
  const to = useInternalNode(target);
  if (!from || !to) return null;
  const box = (node: NonNullable<typeof from>) => ({
    ...node.internals.positionAbsolute,
    width: node.measured.width ?? NODE_WIDTH,
    height: node.measured.height ?? NODE_HEIGHT,
  });
  const { path, labelX, labelY } = edgeGeometry(box(from), box(to));
  const taken = data?.taken;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={`handoff-edge${taken ? ' handoff-edge-taken' : ''}${data?.declared === false ? ' handoff-edge-undeclared' : ''}`}
      />
      {taken && (
        <EdgeLabelRenderer>
          <div
            className="handoff-label nodrag nopan"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            data-testid={`handoff-label-${source}-${target}`}
          >
            taken ×{taken.count}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

/** Fits the graph to the panel once its agents are measured, and again whenever the panel is resized or shown. */
function FitToPanel({ agents }: { agents: number }) {
  const { fitView } = useReactFlow();
  const measured = useNodesInitialized();
  const width = useStore((state) => state.width);
  const height = useStore((state) => state.height);
  useEffect(() => {
    if (measured && width > 0 && height > 0) void fitView({ padding: 0.12 });
  }, [fitView, measured, width, height, agents]);
  return null;
}

const nodeTypes = { agent: AgentNode };
const SELECT_HINT = 'Press Enter to show this agent’s instructions, tools and handoffs below the graph.';
/** What a screen reader hears about the graph: here agents are only selected, never moved or deleted. */
const ariaLabels = {
  'node.a11yDescription.default': SELECT_HINT,
  'node.a11yDescription.keyboardDisabled': SELECT_HINT,
  'edge.a11yDescription.default': 'A handoff between two agents.',
};
const edgeTypes = { handoff: HandoffEdge };

function flowNodes(model: AgentGraphModel, positions: Map<string, Point>, selected: string | undefined): AgentFlowNode[] {
  return model.nodes.map(({ agent, active, isDefault }) => ({
    id: agent.name,
    type: 'agent',
    position: positions.get(agent.name) ?? { x: 0, y: 0 },
    data: { name: agent.name, active, isDefault, tools: agent.tools.length, handoffs: agent.handoffs.length },
    selected: agent.name === selected,
    draggable: false,
    connectable: false,
    // Named by what it shows (name, active, start, counts); xyflow describes the Enter key to select it.
    ariaRole: 'button',
  }));
}

function flowEdges(model: AgentGraphModel): HandoffFlowEdge[] {
  return model.edges.map((edge) => ({
    id: edge.id,
    type: 'handoff',
    source: edge.from,
    target: edge.to,
    data: { taken: edge.taken, declared: edge.declared },
    selectable: false,
    focusable: false,
    zIndex: edge.taken ? 1 : 0,
    markerEnd: { type: MarkerType.ArrowClosed, width: 14, height: 14, color: edge.taken ? 'var(--accent)' : 'var(--text-muted)' },
    ariaLabel: `Handoff ${edge.from} to ${edge.to}${edge.taken ? `, taken ×${edge.taken.count}` : ', not taken'}`,
  }));
}

function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function AgentGraph({ scenario }: { scenario: Scenario }) {
  const dark = useIsDark();
  const handoffs = useShownStream((state) => state.handoffs);
  const [picked, setPicked] = useState<string | undefined>(undefined);
  const model = useMemo(() => agentGraphOf(scenario, handoffs), [scenario, handoffs]);
  const positions = useMemo(() => layoutAgents(scenario), [scenario]);
  const known = (name: string | undefined) => (name !== undefined && scenario.agents.some((agent) => agent.name === name) ? name : undefined);
  const selected = known(picked) ?? known(handoffs.activeAgent) ?? scenario.defaultAgent;
  // What xyflow measured of each agent's box, given back with the nodes so their edges stay drawn as their state changes.
  const [measured, setMeasured] = useState<ReadonlyMap<string, Dimensions>>(new Map());
  const nodes = useMemo(
    () => flowNodes(model, positions, selected).map((node) => ({ ...node, measured: measured.get(node.id) })),
    [model, positions, selected, measured],
  );
  const edges = useMemo(() => flowEdges(model), [model]);

  const onNodesChange = (changes: NodeChange<AgentFlowNode>[]) => {
    const sizes: [string, Dimensions][] = [];
    for (const change of changes) {
      if (change.type === 'select' && change.selected) setPicked(change.id);
      else if (change.type === 'dimensions' && change.dimensions) sizes.push([change.id, change.dimensions]);
    }
    if (sizes.length > 0) setMeasured((current) => new Map([...current, ...sizes]));
  };

  const agent = scenario.agents.find((candidate) => candidate.name === selected)!;
  const taken = [...handoffs.taken.values()];
  return (
    <div className="agent-panel-body">
      <section className="agent-graph" aria-label={`Handoff graph of ${scenario.name}`}>
        <ReactFlow<AgentFlowNode, HandoffFlowEdge>
          key={scenario.id}
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          colorMode={dark ? 'dark' : 'light'}
          ariaLabelConfig={ariaLabels}
          deleteKeyCode={null}
          nodesDraggable={false}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable
          minZoom={0.3}
          proOptions={{ hideAttribution: true }}
        >
          <FitToPanel agents={nodes.length} />
        </ReactFlow>
      </section>
      <div className="agent-taken" data-testid="handoffs-taken" aria-live="polite">
        <span className="agent-taken-title">Active: {handoffs.activeAgent ?? 'none'}</span>
        {taken.length === 0 ? (
          <span className="agent-taken-item">No handoff taken yet.</span>
        ) : (
          taken.map((handoff) => (
            <span key={`${handoff.from}>${handoff.to}`} className="agent-taken-item">
              {handoff.from} → {handoff.to} taken ×{handoff.count} (first at {formatSeconds(handoff.firstT)})
            </span>
          ))
        )}
      </div>
      <div className="agent-detail-scroll" key={agent.name}>
        <AgentDetail scenario={scenario} agent={agent} active={agent.name === handoffs.activeAgent} taken={handoffs.taken} />
      </div>
    </div>
  );
}

/** The Agent & prompt panel: the shown session's handoff graph with its state, and the selected agent's prompt. */
export function AgentGraphPanel() {
  const { scenario, origin } = useShownScenario();
  return (
    <div className="agent-panel panel-root">
      <div className="panel-toolbar">
        <span className="panel-toolbar-title">{scenario ? `${scenario.name} · ${origin}` : 'No scenario'}</span>
      </div>
      {scenario ? (
        <AgentGraph scenario={scenario} />
      ) : (
        <p className="empty-state">
          {origin === 'replayed log'
            ? 'This log holds no scenario (an imported Realtime event log), so there is no agent graph to draw.'
            : 'Pick a scenario to see its agents and their handoffs.'}
        </p>
      )}
    </div>
  );
}
