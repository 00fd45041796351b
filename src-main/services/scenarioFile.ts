import { findNodeAtLocation, parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { describeZodError } from '../../src-shared/errors';
import { scenarioSchema, type Scenario, type ScenarioProblem } from '../../src-shared/scenario';

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

/** The 1-based line of the deepest part of a path that exists in the file. */
function lineOfPath(text: string, path: (string | number)[]): number | undefined {
  const tree = parseTree(text);
  if (!tree) return undefined;
  for (let depth = path.length; depth >= 0; depth -= 1) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (node) return lineAt(text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return undefined;
}

/** Parses and validates one scenario file; a fault names the file, the line and the field. */
export function parseScenarioFile(path: string, text: string): { scenario: Scenario } | { problem: ScenarioProblem } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const line = first ? lineAt(text, first.offset) : 1;
    return { problem: { path, line, message: `${path}:${line}: not valid JSON (${first ? printParseErrorCode(first.error) : 'empty file'}).` } };
  }
  const checked = scenarioSchema.safeParse(JSON.parse(text));
  if (checked.success) return { scenario: checked.data };
  const issue = checked.error.issues[0]!;
  const field = issue.path.map(String).join('.');
  const line = lineOfPath(text, issue.path as (string | number)[]);
  const { message } = describeZodError(checked.error);
  return {
    problem: {
      path,
      ...(line !== undefined ? { line } : {}),
      ...(field ? { field } : {}),
      message: `${path}${line !== undefined ? `:${line}` : ''}: ${message}`,
    },
  };
}
