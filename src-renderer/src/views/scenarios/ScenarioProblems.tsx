import type { ScenarioProblem } from '../../../../src-shared/scenario';
import { useScenarioStore } from '../../state/scenarioStore';
import { NewScenario } from './NewScenario';
import './scenarios.css';

/** Problems grouped by file, in the order the files were reported. */
function byFile(problems: readonly ScenarioProblem[]): [string, ScenarioProblem[]][] {
  const groups = new Map<string, ScenarioProblem[]>();
  for (const problem of problems) groups.set(problem.path, [...(groups.get(problem.path) ?? []), problem]);
  return [...groups];
}

/**
 * Scenario files that could not be loaded: one alert per file naming it, then each of its faults as a list
 * item with its line and field, so a screen reader announces a file once and can step through its faults.
 */
export function ScenarioProblems() {
  const catalog = useScenarioStore((state) => state.catalog);
  if (!catalog) return <p className="empty-state">Loading scenarios…</p>;
  return (
    <div className="problems" role="region" aria-label="Scenario files" tabIndex={0}>
      <NewScenario />
      <p className="form-hint">
        {catalog.scenarios.length} scenarios loaded. Your own scenario files go in <code>{catalog.userFolder}</code>; changes are picked up as you
        save.
      </p>
      {catalog.problems.length === 0 ? (
        <p className="state-line">No problems in scenario files.</p>
      ) : (
        <ul className="problem-list" aria-label="Scenario problems">
          {byFile(catalog.problems).map(([path, problems]) => (
            <li key={path} className="problem" role="alert">
              <code className="problem-where">{path}</code>
              <ul className="problem-faults" aria-label={`${problems.length} ${problems.length === 1 ? 'problem' : 'problems'} in ${path}`}>
                {problems.map((problem, index) => (
                  <li key={index} className="problem-message">
                    {problem.message}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
