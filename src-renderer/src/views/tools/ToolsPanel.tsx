import { useState } from 'react';
import type { AgentTool, McpServerConfig } from '../../../../src-shared/scenario';
import {
  checkJson,
  mcpToolName,
  settingOf,
  SUPERVISOR_TOOLS,
  toolKey,
  toolModeNames,
  waitingApprovals,
  type ToolApproval,
  type ToolMode,
  type ToolModesState,
  type ToolSetting,
} from '../../../../src-shared/toolModes';
import { useShownStream, useShownSessionStore } from '../../state/shownSessionStore';
import { useShownScenario } from '../../state/shownScenario';
import type { ToolControl } from '../../../../src-shared/session/toolControl';
import './tools.css';

const modeLabels: Record<ToolMode, string> = {
  scenario: 'Scenario behaviour',
  canned: 'Canned result',
  ask: 'Ask me',
};

const RUNS_ON: Record<AgentTool['runsOn'], string> = {
  agent: 'mock result',
  supervisor: 'supervisor model',
  escalation: 'escalation model',
};

const pretty = (value: unknown): string => JSON.stringify(value, null, 2) ?? 'null';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

interface ToolRowProps {
  readonly agent: string;
  readonly tool: AgentTool;
  readonly setting: ToolSetting;
  /** Set while a live session can take changes; read-only otherwise (a replay, no session). */
  readonly control: ToolControl | undefined;
  /** What the scenario does with a call, in words, where `tool.runsOn` does not say it. */
  readonly badge?: string;
}

/** One tool: its mode, and the canned result it returns in that mode. */
function ToolRow({ agent, tool, setting, control, badge }: ToolRowProps) {
  const initial = setting.cannedResult !== undefined ? pretty(setting.cannedResult) : pretty(tool.mockResult ?? {});
  const [draft, setDraft] = useState(initial);
  const [applied, setApplied] = useState(initial);
  const check = checkJson(draft);
  // A replay (or a session that changed it elsewhere) shows what the stream says.
  const shownDraft = control ? draft : initial;

  const choose = (mode: ToolMode) => {
    if (!control) return;
    if (mode !== 'canned') return control.setMode(agent, tool.name, mode);
    const valid = checkJson(applied);
    control.setMode(agent, tool.name, 'canned', valid.ok ? valid.value : {});
  };
  const apply = () => {
    if (!control || !check.ok || draft === applied) return;
    setApplied(draft);
    control.setMode(agent, tool.name, 'canned', check.value);
  };

  return (
    <li className="tools-row" data-testid="tools-row" data-tool={tool.name}>
      <div className="tools-row-head">
        <span className="tool-name">{tool.name}</span>
        <span className="badge" title="What the scenario does with a call">
          {badge ?? RUNS_ON[tool.runsOn]}
        </span>
        <select
          className="input tools-mode"
          aria-label={`Mode of ${tool.name}`}
          value={setting.mode}
          disabled={!control}
          onChange={(event) => choose(event.target.value as ToolMode)}
        >
          {toolModeNames.map((mode) => (
            <option key={mode} value={mode}>
              {modeLabels[mode]}
            </option>
          ))}
        </select>
      </div>
      {setting.mode === 'canned' && (
        <div className="tools-canned">
          <textarea
            className="input tools-json"
            aria-label={`Canned result of ${tool.name}`}
            aria-invalid={control ? !check.ok : undefined}
            aria-describedby={`canned-state-${agent}-${tool.name}`}
            spellCheck={false}
            readOnly={!control}
            rows={Math.min(8, Math.max(2, shownDraft.split('\n').length))}
            value={shownDraft}
            onChange={(event) => setDraft(event.target.value)}
            onBlur={apply}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) apply();
            }}
          />
          <p
            id={`canned-state-${agent}-${tool.name}`}
            className={control && !check.ok ? 'tools-state tools-state-error' : 'tools-state'}
            role="status"
          >
            {!control
              ? 'Returned instead of running the tool.'
              : !check.ok
                ? `${check.message}. The last valid result is still returned.`
                : draft !== applied
                  ? 'Edited: used once you leave the field (or press Ctrl+Enter).'
                  : 'Returned instead of running the tool.'}
          </p>
        </div>
      )}
      {setting.mode === 'ask' && <p className="tools-state">Each call waits here for your decision before it runs.</p>}
    </li>
  );
}

/** Ask me is the only mode a hosted MCP server can take besides its scenario's: the API runs its tools, so nothing can be canned. */
const mcpModes: readonly ToolMode[] = ['scenario', 'ask'];

/** One hosted MCP server of an agent: where it is, what it may call, and whether each call waits for the user. */
function McpServerRow({
  agent,
  server,
  setting,
  control,
}: {
  agent: string;
  server: McpServerConfig;
  setting: ToolSetting;
  control: ToolControl | undefined;
}) {
  const name = mcpToolName(server.serverLabel);
  const headers = Object.entries(server.headers ?? {});
  return (
    <li className="tools-row" data-testid="tools-row" data-tool={name}>
      <div className="tools-row-head">
        <span className="tool-name">{server.serverLabel}</span>
        <span className="badge" title="The Realtime API lists this server's tools and calls them itself">
          MCP server
        </span>
        <select
          className="input tools-mode"
          aria-label={`Mode of MCP server ${server.serverLabel}`}
          value={setting.mode === 'canned' ? 'scenario' : setting.mode}
          disabled={!control}
          onChange={(event) => control?.setMode(agent, name, event.target.value as ToolMode)}
        >
          {mcpModes.map((mode) => (
            <option key={mode} value={mode}>
              {mode === 'scenario' ? (server.requireApproval === 'always' ? 'Scenario: asks each call' : 'Scenario: runs unasked') : modeLabels[mode]}
            </option>
          ))}
        </select>
      </div>
      <p className="tools-state">
        {server.serverUrl}
        {server.allowedTools ? ` · only ${server.allowedTools.join(', ')}` : ''}
        {headers.length > 0 ? ` · headers ${headers.map(([header, secret]) => `${header} from secret ${secret}`).join(', ')}` : ''}
      </p>
      {setting.mode === 'ask' && <p className="tools-state">Each call to this server waits here for your decision before the API runs it.</p>}
    </li>
  );
}

interface ApprovalProps {
  readonly approval: ToolApproval;
  readonly control: ToolControl | undefined;
}

/** A call the model is waiting on: its arguments, editable, and the decision. */
function WaitingCall({ approval, control }: ApprovalProps) {
  const [argumentsText, setArgumentsText] = useState(pretty(approval.arguments));
  const [message, setMessage] = useState('');
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const check = checkJson(argumentsText);
  const argumentsProblem = check.ok
    ? check.value === null || typeof check.value !== 'object' || Array.isArray(check.value)
      ? 'The arguments must be a JSON object.'
      : undefined
    : check.message;

  const approve = () => {
    if (!control || !check.ok || argumentsProblem) return;
    control.approve(approval.callId, check.value as Record<string, unknown>).catch((error: unknown) => setProblem(errorMessage(error)));
  };
  const reject = () => {
    if (!control) return;
    const said = message.trim() || 'The user declined this tool call.';
    control.reject(approval.callId, said).catch((error: unknown) => setProblem(errorMessage(error)));
  };

  return (
    <section className="tools-waiting" aria-label={`Waiting call of ${approval.toolName}`} data-testid="tools-waiting">
      <header className="tools-waiting-head">
        <span className="tool-name">{approval.toolName}</span>
        {approval.agent && <span className="muted">{approval.agent === SUPERVISOR_TOOLS ? 'asked by the supervisor model' : approval.agent}</span>}
        <span className="tools-waiting-state" role="status">
          Waiting for your decision — the model is paused on this call
        </span>
      </header>
      <label className="tools-field">
        <span className="field-label">
          {approval.serverLabel
            ? `Arguments (MCP server ${approval.serverLabel} runs the call with the model's own arguments)`
            : 'Arguments (edit before approving to run with others)'}
        </span>
        <textarea
          className="input tools-json"
          aria-label={`Arguments of ${approval.toolName}`}
          aria-invalid={argumentsProblem !== undefined}
          spellCheck={false}
          readOnly={!control || approval.serverLabel !== undefined}
          rows={Math.min(10, Math.max(3, argumentsText.split('\n').length))}
          value={argumentsText}
          onChange={(event) => setArgumentsText(event.target.value)}
        />
      </label>
      {argumentsProblem && <p className="tools-state tools-state-error">{argumentsProblem}</p>}
      <div className="tools-decision">
        <button type="button" className="button button-primary button-small" disabled={!control || argumentsProblem !== undefined} onClick={approve}>
          Approve
        </button>
        <input
          className="input tools-message"
          aria-label="Rejection message"
          placeholder="What the model is told when you reject"
          disabled={!control}
          value={message}
          onChange={(event) => setMessage(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter') reject();
          }}
        />
        <button type="button" className="button button-small" disabled={!control} onClick={reject}>
          Reject
        </button>
      </div>
      {problem && (
        <p className="tools-state tools-state-error" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}

function decisionWords(approval: ToolApproval): string {
  switch (approval.status) {
    case 'approved':
      return 'Approved: ran with the model’s arguments';
    case 'edited':
      return `Approved with edited arguments ${JSON.stringify(approval.editedArguments)}`;
    case 'rejected':
      return `Rejected; the model was told “${approval.message ?? ''}”`;
    case 'abandoned':
      return 'Abandoned: the session ended before a decision';
    case 'waiting':
      return 'Waiting for a decision';
  }
}

/** Calls already decided, latest first, so a replay shows why each returned what it did. */
function Decisions({ approvals }: { approvals: readonly ToolApproval[] }) {
  const decided = approvals.filter((approval) => approval.status !== 'waiting').reverse();
  if (decided.length === 0) return null;
  return (
    <section className="tools-group" aria-labelledby="tools-decisions">
      <h2 id="tools-decisions" className="tools-group-title">
        Decisions
      </h2>
      <ul className="tools-decisions">
        {decided.map((approval) => (
          <li key={approval.callId} className={`tools-decided tools-decided-${approval.status}`} data-testid="tools-decision">
            <span className="tool-name">{approval.toolName}</span> <span className="muted">{JSON.stringify(approval.arguments)}</span>
            <div>{decisionWords(approval)}</div>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ToolGroups({ state, control }: { state: ToolModesState; control: ToolControl | undefined }) {
  const { scenario } = useShownScenario();
  if (!scenario) return <p className="empty-state">No scenario picked.</p>;
  const agents = scenario.agents.filter((agent) => agent.tools.length > 0 || (agent.mcp ?? []).length > 0);
  const supervisorTools = scenario.supervisor?.tools ?? [];
  if (agents.length === 0 && supervisorTools.length === 0) return <p className="empty-state">The agents of {scenario.name} have no tools.</p>;
  return (
    <>
      {agents.map((agent) => (
        <section key={agent.name} className="tools-group" aria-labelledby={`tools-of-${agent.name}`}>
          <h2 id={`tools-of-${agent.name}`} className="tools-group-title">
            Agent {agent.name}
          </h2>
          <ul className="tools-list">
            {agent.tools.map((tool) => (
              <ToolRow
                key={toolKey(agent.name, tool.name)}
                agent={agent.name}
                tool={tool}
                setting={settingOf(state, agent.name, tool.name)}
                control={control}
              />
            ))}
            {(agent.mcp ?? []).map((server) => (
              <McpServerRow
                key={toolKey(agent.name, mcpToolName(server.serverLabel))}
                agent={agent.name}
                server={server}
                setting={settingOf(state, agent.name, mcpToolName(server.serverLabel))}
                control={control}
              />
            ))}
          </ul>
        </section>
      ))}
      {supervisorTools.length > 0 && (
        <section className="tools-group" aria-labelledby="tools-of-supervisor">
          <h2 id="tools-of-supervisor" className="tools-group-title">
            Supervisor model
          </h2>
          <p className="tools-state">
            Called by the supervisor model during its answer. Set to Ask me, the supervisor pauses on the call until you decide, and the voice agent
            waits for the supervisor.
          </p>
          <ul className="tools-list">
            {supervisorTools.map((tool) => (
              <ToolRow
                key={toolKey(SUPERVISOR_TOOLS, tool.name)}
                agent={SUPERVISOR_TOOLS}
                tool={{ ...tool, runsOn: 'agent' }}
                badge="supervisor's tool"
                setting={settingOf(state, SUPERVISOR_TOOLS, tool.name)}
                control={control}
              />
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/**
 * The Tools panel: how each tool of the shown session answers (its scenario behaviour, a canned
 * result, or asking first), the calls waiting for a decision, and the decisions taken. It reads the
 * stream's tool events, so a replay shows the same, read-only.
 */
export function ToolsPanel() {
  const shown = useShownSessionStore((state) => state.shown);
  const phase = useShownStream((state) => state.status.phase.status);
  const state = useShownStream((stream) => stream.tools);
  const running = shown.kind === 'live' && (phase === 'connected' || phase === 'connecting');
  const control = running && shown.kind === 'live' ? shown.session.tools : undefined;
  const waiting = waitingApprovals(state);
  const where =
    shown.kind === 'replay'
      ? 'Replayed log: read-only'
      : running
        ? 'Live session: changes apply to the next call'
        : 'No session running: connect to change how tools answer';
  return (
    <div className="tools-panel panel-root">
      <div className="panel-toolbar">
        <span className="panel-toolbar-title">{where}</span>
        <span className={waiting.length > 0 ? 'badge tools-waiting-count-on' : 'badge'} data-testid="tools-waiting-count">
          {waiting.length === 0 ? 'nothing waiting' : `${waiting.length} waiting`}
        </span>
      </div>
      <div className="tools-scroll" role="region" aria-label="Tools" tabIndex={0}>
        {waiting.length > 0 && (
          <section className="tools-group" aria-labelledby="tools-waiting">
            <h2 id="tools-waiting" className="tools-group-title">
              Waiting for you
            </h2>
            {waiting.map((approval) => (
              <WaitingCall key={approval.callId} approval={approval} control={control} />
            ))}
          </section>
        )}
        <ToolGroups state={state} control={control} />
        <Decisions approvals={state.approvals} />
      </div>
    </div>
  );
}
