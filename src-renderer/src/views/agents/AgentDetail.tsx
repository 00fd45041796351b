import { JsonView } from 'react-json-view-lite';
import { jsonViewStyles } from '../common/jsonViewStyles';
import type { TakenHandoff } from '../../../../src-shared/agentGraph';
import { edgeKey } from '../../../../src-shared/agentGraph';
import type { AgentConfig, Scenario } from '../../../../src-shared/scenario';
import { useIsDark } from '../common/useResolvedTheme';
import { ImprovePrompt } from './ImprovePrompt';
import { PromptControls } from './PromptControls';
import { PromptEditor } from '../common/lazyPromptEditor';
import { usePromptEditing } from './usePromptEditing';

const RUNS_ON: Record<AgentConfig['tools'][number]['runsOn'], string> = {
  agent: 'mock result',
  supervisor: 'supervisor',
  escalation: 'escalation',
};

/** A JSON value folded away until asked for: schemas are long, and the names say most of it. */
function CollapsibleJson({ label, value }: { label: string; value: unknown }) {
  const dark = useIsDark();
  return (
    <details className="agent-json">
      <summary>{label}</summary>
      <JsonView style={jsonViewStyles(dark)} data={value as object} shouldExpandNode={(level) => level < 3} />
    </details>
  );
}

interface AgentDetailProps {
  readonly scenario: Scenario;
  readonly agent: AgentConfig;
  readonly active: boolean;
  readonly taken: ReadonlyMap<string, TakenHandoff>;
}

/**
 * Everything the model is told as this agent: its instructions and tool descriptions (editable, applied live and
 * saved to the scenario file on request), its tools' schemas, and where it can hand off.
 */
export function AgentDetail({ scenario, agent, active, taken }: AgentDetailProps) {
  const dark = useIsDark();
  const editing = usePromptEditing(scenario, agent);
  const describe = (name: string) => scenario.agents.find((candidate) => candidate.name === name)?.publicDescription;
  return (
    <section className="agent-detail" aria-label={`Agent ${agent.name}`} data-testid="agent-detail">
      <header className="agent-detail-header">
        <h2 className="agent-detail-name">{agent.name}</h2>
        {active && <span className="badge badge-info">active</span>}
        {agent.name === scenario.defaultAgent && <span className="badge">start agent</span>}
        {agent.voice && <span className="badge">voice {agent.voice}</span>}
      </header>
      <p className="agent-detail-description">{agent.publicDescription}</p>

      <h3 className="agent-detail-heading">Instructions</h3>
      <PromptEditor
        label={`Instructions of ${agent.name}`}
        value={editing.draft.instructions}
        onChange={editing.setInstructions}
        readOnly={!editing.editable}
        dark={dark}
        testId="agent-instructions"
      />
      <PromptControls editing={editing} dark={dark} />
      {editing.editable && (
        <div className="prompt-improve-bar">
          <ImprovePrompt
            key={`${scenario.id}/${agent.name}`}
            scenarioId={scenario.id}
            agent={agent.name}
            instructions={editing.draft.instructions}
            use={editing.setInstructions}
            dark={dark}
          />
        </div>
      )}

      <h3 className="agent-detail-heading">Tools ({agent.tools.length})</h3>
      {agent.tools.length === 0 ? (
        <p className="agent-detail-none">No tools.</p>
      ) : (
        <ul className="agent-list" data-testid="agent-tools">
          {agent.tools.map((tool) => (
            <li key={tool.name} className="agent-tool">
              <div className="agent-tool-title">
                <span className="tool-name">ƒ {tool.name}</span>
                <span className="badge">{RUNS_ON[tool.runsOn]}</span>
              </div>
              <div className="agent-tool-description prompt-tool-editor">
                <PromptEditor
                  label={`Description of ${tool.name}`}
                  value={editing.draft.tools[tool.name] ?? tool.description}
                  onChange={(text) => editing.setToolDescription(tool.name, text)}
                  readOnly={!editing.editable}
                  dark={dark}
                />
              </div>
              <CollapsibleJson label="Parameters (JSON Schema)" value={tool.parameters} />
              {tool.mockResult !== undefined && <CollapsibleJson label="Mock result" value={{ mockResult: tool.mockResult }} />}
            </li>
          ))}
        </ul>
      )}

      <h3 className="agent-detail-heading">Handoffs ({agent.handoffs.length})</h3>
      {agent.handoffs.length === 0 ? (
        <p className="agent-detail-none">Hands off to no one.</p>
      ) : (
        <ul className="agent-list" data-testid="agent-handoffs">
          {agent.handoffs.map((target) => {
            const count = taken.get(edgeKey(agent.name, target))?.count;
            return (
              <li key={target} className="agent-handoff">
                <span className="tool-name">transfer_to_{target}</span>
                {count !== undefined && <span className="badge badge-info">taken ×{count}</span>}
                <div className="agent-tool-description">{describe(target)}</div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
