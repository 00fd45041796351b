import { locateFaults, parseJsonFile, zodFaults } from './jsonFileFaults';
import { scenarioReferenceIssues, scenarioSchema, type Scenario, type ScenarioProblem } from './scenario';

/**
 * Parses and validates one scenario file. Every fault is reported at once, each with its own line and field,
 * so a user fixes the file in one pass rather than one error per save.
 */
export function parseScenarioFile(path: string, text: string): { scenario: Scenario } | { problems: ScenarioProblem[] } {
  const parsed = parseJsonFile(text, { comments: false });
  if ('syntax' in parsed) return { problems: [{ path, line: parsed.syntax.line, message: `line ${parsed.syntax.line}: ${parsed.syntax.message}` }] };
  const checked = scenarioSchema.safeParse(parsed.input);
  if (checked.success) return { scenario: checked.data };
  const faults = [...zodFaults(checked.error.issues, parsed.input), ...scenarioReferenceIssues(parsed.input)];
  return {
    problems: locateFaults(text, parsed.tree, faults).map(({ line, field, message }) =>
      field === '' ? { path, line, message: `line ${line}: ${message}` } : { path, line, field, message: `line ${line}, ${field}: ${message}` },
    ),
  };
}
