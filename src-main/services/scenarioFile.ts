import { findNodeAtLocation, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';
import { scenarioReferenceIssues, scenarioSchema, type Scenario, type ScenarioProblem } from '../../src-shared/scenario';

type Segment = string | number;

/** One fault of a scenario file: where it is and what is wrong, in plain words. */
interface Fault {
  readonly path: Segment[];
  readonly message: string;
}

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

/** `agents[1].tools[0].name`, as a person would write the field. */
function fieldName(path: Segment[]): string {
  return path.reduce<string>(
    (field, segment) => (typeof segment === 'number' ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment),
    '',
  );
}

function valueAt(root: unknown, path: Segment[]): unknown {
  return path.reduce<unknown>(
    (value, segment) => (typeof value === 'object' && value !== null ? (value as Record<Segment, unknown>)[segment] : undefined),
    root,
  );
}

const typeWords: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
  null: 'null',
};

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeWords[typeof value] ?? typeof value;
}

function plainWords(issue: z.core.$ZodIssue, found: unknown): string {
  switch (issue.code) {
    case 'invalid_type': {
      const expected = typeWords[issue.expected] ?? issue.expected;
      return found === undefined ? `is missing; it should be ${expected}` : `should be ${expected}, found ${kindOf(found)}`;
    }
    case 'too_small':
      if (issue.origin === 'string') return 'should not be empty';
      if (issue.origin === 'array') return `should have at least ${String(issue.minimum)} item${issue.minimum === 1 ? '' : 's'}`;
      return `should be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `should be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `should be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, found ${JSON.stringify(found)}`;
    case 'unrecognized_keys':
      return 'is not a field here; check its spelling and where it is nested';
    default:
      return issue.message;
  }
}

/** Each zod issue as faults; an unknown key becomes one fault per key, at the key itself. */
function faultsOf(issue: z.core.$ZodIssue, input: unknown): Fault[] {
  const path = issue.path.filter((segment): segment is Segment => typeof segment !== 'symbol');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: plainWords(issue, undefined) }));
  return [{ path, message: plainWords(issue, valueAt(input, path)) }];
}

function problemOf(path: string, text: string, tree: Node, fault: Fault): ScenarioProblem {
  const line = lineOfPath(text, tree, fault.path);
  const field = fieldName(fault.path);
  return field === ''
    ? { path, line, message: `line ${line}: ${fault.message}` }
    : { path, line, field, message: `line ${line}, ${field}: ${fault.message}` };
}

/**
 * Parses and validates one scenario file. Every fault is reported at once, each with its own line and field,
 * so a user fixes the file in one pass rather than one error per save.
 */
export function parseScenarioFile(path: string, text: string): { scenario: Scenario } | { problems: ScenarioProblem[] } {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: false, disallowComments: true });
  if (errors.length > 0 || !tree) {
    // Only the first syntax error: the parser's later ones are its confusion after the first.
    const first = errors[0];
    const line = first ? lineAt(text, first.offset) : 1;
    return {
      problems: [{ path, line, message: `line ${line}: not valid JSON (${first ? printParseErrorCode(first.error) : 'the file is empty'})` }],
    };
  }
  // parseTree accepted it, so JSON.parse cannot throw.
  const input: unknown = JSON.parse(text);
  const checked = scenarioSchema.safeParse(input);
  if (checked.success) return { scenario: checked.data };
  const faults = [...checked.error.issues.flatMap((issue) => faultsOf(issue, input)), ...scenarioReferenceIssues(input)];
  const seen = new Set<string>();
  const unique = faults.filter((fault) => {
    const key = `${fieldName(fault.path)}\n${fault.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { problems: unique.map((fault) => problemOf(path, text, tree, fault)).sort((a, b) => (a.line ?? 0) - (b.line ?? 0)) };
}
