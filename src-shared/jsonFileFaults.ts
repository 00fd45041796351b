import { findNodeAtLocation, getNodeValue, parseTree, printParseErrorCode, type Node, type ParseError } from 'jsonc-parser';
import type { z } from 'zod';

/**
 * Faults of a hand-written JSON file (a scenario, a tests file) said in plain words, each at the line of its
 * field: the file is parsed into a tree for lines and validated with zod, and every fault is kept, so a
 * person fixes the file in one pass rather than one error per save.
 */

export type FieldPath = (string | number)[];

/** One fault of a file: the field at fault and what is wrong with it. */
export interface FieldFault {
  readonly path: FieldPath;
  readonly message: string;
}

/** A fault placed in its file: its 1-based line and its field as a person writes it (`''` for the whole file). */
export interface LocatedFault {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** A parsed file: its tree (for lines) and its value; or the line and words of its first syntax error. */
export type ParsedJson = { readonly tree: Node; readonly input: unknown } | { readonly syntax: LocatedFault };

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index += 1) if (text.charCodeAt(index) === 10) line += 1;
  return line;
}

/** `agents[1].tools[0].name`, as a person would write the field. */
export function fieldName(path: FieldPath): string {
  return path.reduce<string>(
    (field, segment) => (typeof segment === 'number' ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment),
    '',
  );
}

/**
 * Parses JSON, or with `comments` JSON with comments as editors write it (comments and trailing commas, as VS Code's
 * jsonc); only the first syntax error is kept, the parser's later ones being its confusion after it.
 */
export function parseJsonFile(text: string, options: { comments: boolean }): ParsedJson {
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { allowTrailingComma: options.comments, disallowComments: !options.comments });
  if (errors.length > 0 || !tree) {
    const first = errors[0];
    return {
      syntax: {
        line: first ? lineAt(text, first.offset) : 1,
        field: '',
        message: `not valid JSON (${first ? printParseErrorCode(first.error) : 'the file is empty'})`,
      },
    };
  }
  return { tree, input: getNodeValue(tree) as unknown };
}

/** The 1-based line of a field's key (or of its array element), or of its nearest ancestor that is in the file. */
function lineOfPath(text: string, tree: Node, path: FieldPath): number {
  for (let depth = path.length; depth > 0; depth -= 1) {
    const node = findNodeAtLocation(tree, path.slice(0, depth));
    if (node) return lineAt(text, node.parent?.type === 'property' ? node.parent.offset : node.offset);
  }
  return lineAt(text, tree.offset);
}

function valueAt(root: unknown, path: FieldPath): unknown {
  return path.reduce<unknown>(
    (value, segment) => (typeof value === 'object' && value !== null ? (value as Record<string | number, unknown>)[segment] : undefined),
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
      return `should be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}`;
    case 'too_big':
      return `should be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}`;
    case 'invalid_value':
      return `should be one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, found ${JSON.stringify(found)}`;
    case 'unrecognized_keys':
      return 'is not a field here; check its spelling and where it is nested';
    default:
      return issue.message;
  }
}

/** Each zod issue as faults; an unknown key becomes one fault per key, at the key itself. */
export function zodFaults(issues: readonly z.core.$ZodIssue[], input: unknown): FieldFault[] {
  return issues.flatMap((issue) => {
    const path = issue.path.filter((segment): segment is string | number => typeof segment !== 'symbol');
    if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...path, key], message: plainWords(issue, undefined) }));
    return [{ path, message: plainWords(issue, valueAt(input, path)) }];
  });
}

/** The faults of a file found after it was read (its value checked further), at their lines; line 1 when the text does not parse. */
export function locateFaultsIn(text: string, faults: readonly FieldFault[]): LocatedFault[] {
  const parsed = parseJsonFile(text, { comments: true });
  if ('tree' in parsed) return locateFaults(text, parsed.tree, faults);
  return faults.map((fault) => ({ line: 1, field: fieldName(fault.path), message: fault.message }));
}

/** The faults at their lines, each said once, in the order of the file. */
export function locateFaults(text: string, tree: Node, faults: readonly FieldFault[]): LocatedFault[] {
  const seen = new Set<string>();
  const located: LocatedFault[] = [];
  for (const fault of faults) {
    const field = fieldName(fault.path);
    const key = `${field}\n${fault.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    located.push({ line: lineOfPath(text, tree, fault.path), field, message: fault.message });
  }
  return located.sort((a, b) => a.line - b.line);
}
