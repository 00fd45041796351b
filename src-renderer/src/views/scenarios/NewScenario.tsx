import type { DraftedScenario } from '../../../../src-shared/scenarioDraft/draftContract';
import {
  closeNewScenario,
  describeScenario,
  draftNewScenario,
  editDraftedScenario,
  openNewScenario,
  saveNewScenario,
} from '../../state/newScenarioActions';
import { useNewScenarioStore, type DraftEdit } from '../../state/newScenarioStore';
import { PromptEditor } from '../common/lazyPromptEditor';
import { useIsDark } from '../common/useResolvedTheme';

/** The drafted scenario's file, editable before it is saved, with every fault of the edited text at its line and field. */
function DraftFileEditor({ edit, readOnly }: { edit: DraftEdit; readOnly: boolean }) {
  const dark = useIsDark();
  return (
    <div className="draft-file">
      <h4 className="draft-file-heading">Scenario file (edit before saving)</h4>
      <PromptEditor
        label="Drafted scenario file"
        value={edit.text}
        onChange={editDraftedScenario}
        readOnly={readOnly}
        dark={dark}
        testId="draft-file"
      />
      {edit.problems.length > 0 && (
        <ul className="draft-problems" role="alert" aria-label="Faults of the edited draft">
          {edit.problems.map((problem) => (
            <li key={`${problem.line ?? ''}:${problem.field ?? ''}:${problem.message}`}>{problem.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** What a draft holds, in a few lines: each agent with its tools and handoffs, and the tests. */
function DraftSummary({ drafted }: { drafted: DraftedScenario }) {
  const { scenario, tests } = drafted;
  return (
    <div className="draft-summary" aria-label="Drafted scenario">
      <p className="draft-title">
        <strong>{scenario.name}</strong> <code>{scenario.id}</code> — {scenario.description}
      </p>
      <table className="draft-table">
        <thead>
          <tr>
            <th scope="col">Agent</th>
            <th scope="col">Tools</th>
            <th scope="col">Hands off to</th>
          </tr>
        </thead>
        <tbody>
          {scenario.agents.map((agent) => (
            <tr key={agent.name}>
              <th scope="row">
                {agent.name}
                {agent.name === scenario.defaultAgent ? ' (starts)' : ''}
              </th>
              <td>{agent.tools.map((tool) => tool.name).join(', ') || '—'}</td>
              <td>{agent.handoffs.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="form-hint">
        {tests.tests.length} {tests.tests.length === 1 ? 'test' : 'tests'}: {tests.tests.map((test) => test.name).join('; ')}.
        {scenario.guardrail ? ` Guardrail: ${scenario.guardrail.categories.map((category) => category.name).join(', ')}.` : ''} Drafted by{' '}
        {drafted.model} with metaprompt {drafted.metaprompt}
        {drafted.requests > 1 ? ', repaired once' : ''}.
      </p>
    </div>
  );
}

/**
 * New scenario…: a text model drafts a whole scenario and its tests from a few sentences (main's `scenarios:draft`,
 * our metaprompt). The draft is shown, checked and unsaved; Save writes both files to the user scenario folder.
 */
export function NewScenario() {
  const { state, description } = useNewScenarioStore();
  if (state.phase === 'closed')
    return (
      <button type="button" className="button" onClick={openNewScenario}>
        New scenario…
      </button>
    );
  if (state.phase === 'saved')
    return (
      <div className="new-scenario" role="region" aria-label="New scenario">
        <p className="state-line" role="status">
          Saved {state.name} to <code>{state.path}</code>, with its tests in <code>{state.testsPath}</code>. It is the toolbar’s scenario now.
        </p>
        <button type="button" className="button" onClick={openNewScenario}>
          New scenario…
        </button>
      </div>
    );
  const busy = state.phase === 'drafting' || state.phase === 'saving';
  return (
    <form
      className="new-scenario"
      role="region"
      aria-label="New scenario"
      onSubmit={(event) => {
        event.preventDefault();
        void draftNewScenario();
      }}
    >
      <label className="field field-wide">
        <span className="field-label">Describe the use case</span>
        <textarea
          className="input"
          rows={3}
          value={description}
          disabled={busy}
          placeholder="A bike repair shop: callers book a repair for their bike and hear when it is ready."
          onChange={(event) => describeScenario(event.target.value)}
        />
      </label>
      <div className="new-scenario-actions">
        <button type="submit" className="button button-primary" disabled={busy || description.trim().length < 10}>
          {state.phase === 'drafted' ? 'Draft again' : 'Draft'}
        </button>
        {state.phase === 'drafted' && (
          <button
            type="button"
            className="button button-primary"
            disabled={state.edit.problems.length > 0}
            title={
              state.edit.problems.length > 0
                ? 'Fix the faults of the edited scenario file first'
                : 'Write the scenario and its tests to your scenario folder'
            }
            onClick={() => void saveNewScenario()}
          >
            Save
          </button>
        )}
        <button type="button" className="button" disabled={busy} onClick={closeNewScenario}>
          {state.phase === 'drafted' ? 'Discard' : 'Cancel'}
        </button>
        <span className="state-line" role="status">
          {state.phase === 'drafting'
            ? `Drafting with ${state.model}; a whole scenario takes up to a minute…`
            : state.phase === 'saving'
              ? 'Saving…'
              : state.phase === 'drafted'
                ? state.edit.problems.length > 0
                  ? `The edited draft has ${state.edit.problems.length} ${state.edit.problems.length === 1 ? 'fault' : 'faults'}; it cannot be saved until they are fixed.`
                  : 'Drafted and checked, not saved yet.'
                : ''}
        </span>
      </div>
      {'problem' in state && state.problem && (
        <p className="new-scenario-problem" role="alert">
          {state.problem}
        </p>
      )}
      {(state.phase === 'drafted' || state.phase === 'saving') && (
        <>
          <DraftSummary drafted={state.drafted} />
          <DraftFileEditor edit={state.edit} readOnly={state.phase === 'saving'} />
        </>
      )}
    </form>
  );
}
