import { useScenarioStore } from './scenarioStore';

/** Scenario files that could not be loaded, each with its path, line and field. */
export function ScenarioProblems() {
  const catalog = useScenarioStore((state) => state.catalog);
  if (!catalog) return <p className="empty-state">Loading scenarios…</p>;
  return (
    <div className="problems">
      <p className="form-hint">
        {catalog.scenarios.length} scenarios loaded. Your own scenario files go in <code>{catalog.userFolder}</code>; changes are picked up as you
        save.
      </p>
      {catalog.problems.length === 0 ? (
        <p className="state-line">No problems in scenario files.</p>
      ) : (
        <ul className="problem-list" aria-label="Scenario problems">
          {catalog.problems.map((problem, index) => (
            <li key={`${problem.path}:${index}`} className="problem" role="alert">
              <code className="problem-where">
                {problem.path}
                {problem.line !== undefined ? `:${problem.line}` : ''}
              </code>
              {problem.field && <span className="problem-field">{problem.field}</span>}
              <span className="problem-message">{problem.message}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
