import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { scenarioSchema, type Scenario, type ScenarioProblem } from '../../src-shared/scenario';

/** One scenario file, parsed: the scenario and the line of its id, or the first fault with its line and field. */
export type ParsedScenarioFile = { scenario: Scenario; idLine: number } | { problem: ScenarioProblem };

type Segment = string | number;

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

/** The 1-based line of a field's key (or of its array element), or of its nearest ancestor that is in the file. */
function lineOfPath(text: string, tree: Node, path: Segment[]): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (node) return lineAt(text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return lineAt(text, tree.offset);
}

/** An unknown key is at fault itself, so point at it rather than at the object that holds it. */
function faultPath(issue: z.core.$ZodIssue): Segment[] {
  const path = issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
  return issue.code === 'unrecognized_keys' && issue.keys.length > 0 ? [...path, issue.keys[0]!] : path;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return issue.code === 'unrecognized_keys'
    ? `is not a field here (${issue.keys.join(', ')}); check its spelling and where it is nested`
    : issue.message;
}

/** Parses and validates one scenario file; a fault names the file, the line and the field. */
export function parseScenarioFile(path: string, rawText: string): ParsedScenarioFile {
  // Some Windows editors save JSON with a byte-order mark, which is not part of the JSON.
  const text = rawText.startsWith('\uFEFF') ? rawText.slice(1) : rawText;
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    const line = first ? lineAt(text, first.offset) : 1;
    const reason = text.trim() === '' ? 'the file is empty' : printParseErrorCode(first!.error);
    return { problem: { path, line, message: `${path}:${line}: not valid JSON (${reason}).` } };
  }
  // parseTree is at least as strict as JSON.parse, so this cannot throw; JSON.parse keeps "__proto__" an own key.
  const checked = scenarioSchema.safeParse(JSON.parse(text));
  if (checked.success) return { scenario: checked.data, idLine: lineOfPath(text, tree, ['id']) };
  const [first, ...others] = checked.error.issues.map((issue) => {
    const segments = faultPath(issue);
    return { field: segments.join('.'), line: lineOfPath(text, tree, segments), message: describeIssue(issue) };
  });
  const { field, line, message } = first!;
  const where = (fault: { field: string; line: number }) => (fault.field === '' ? `line ${fault.line}` : `${fault.field} (line ${fault.line})`);
  const also = others.length > 0 ? ` Also: ${others.map((fault) => `${where(fault)}: ${fault.message}`).join('; ')}.` : '';
  return {
    problem: {
      path,
      line,
      ...(field === '' ? {} : { field }),
      message: `${path}:${line}: ${field === '' ? '' : `${field}: `}${message}${also}`,
    },
  };
}
