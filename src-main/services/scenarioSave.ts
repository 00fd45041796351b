import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { applyEdits, findNodeAtLocation, modify, parseTree, type Node } from 'jsonc-parser';
import { WorkbenchError } from '../../src-shared/errors';
import type { PromptSave, PromptSaved } from '../../src-shared/contract';
import { writeFileAtomic } from './atomicFile';
import { parseScenarioFile } from '../../src-shared/scenarioFile';

/** Where a loaded scenario came from, as the library knows it. */
export interface ScenarioSource {
  readonly path: string;
  readonly origin: 'builtin' | 'user';
}

type Segment = string | number;

function stringAt(tree: Node, path: Segment[]): string | undefined {
  const node = findNodeAtLocation(tree, path);
  return node?.type === 'string' ? (node.value as string) : undefined;
}

function fieldName(path: Segment[]): string {
  return path.reduce<string>(
    (field, segment) => (typeof segment === 'number' ? `${field}[${segment}]` : field ? `${field}.${segment}` : segment),
    '',
  );
}

/**
 * The file's text with only the edited string values replaced. jsonc-parser's `modify` + `applyEdits` (the
 * well-kept library VS Code edits its own JSON settings with) replaces just the value's characters when given
 * no formatting options, so every other byte of the file (indentation, key order, line breaks) stays as the
 * user wrote it. A value that is already what the edit asks for is left alone, so its escapes are kept too.
 */
export function applyPromptEdit(path: string, text: string, edit: PromptSave): { text: string; changed: string[] } {
  const tree = parseTree(text, [], { disallowComments: true, allowTrailingComma: false });
  const parsed = parseScenarioFile(path, text);
  if (!tree || 'problems' in parsed) {
    const first = 'problems' in parsed ? parsed.problems[0] : undefined;
    throw new WorkbenchError(
      'invalid_request',
      `${path} cannot be saved to until it loads again: ${first?.message ?? 'it is not a JSON object'}. Fix the file, then save.`,
      first?.field,
    );
  }
  const agentIndex = parsed.scenario.agents.findIndex((agent) => agent.name === edit.agent);
  if (agentIndex < 0) {
    throw new WorkbenchError(
      'invalid_request',
      `${path} has no agent "${edit.agent}" (its agents: ${parsed.scenario.agents.map((agent) => agent.name).join(', ')}), so its prompt cannot be saved there.`,
      'agent',
    );
  }
  const agent = parsed.scenario.agents[agentIndex]!;
  const targets: { path: Segment[]; value: string }[] = [];
  if (edit.instructions !== undefined) targets.push({ path: ['agents', agentIndex, 'instructions'], value: edit.instructions });
  (edit.tools ?? []).forEach((tool, index) => {
    const toolIndex = agent.tools.findIndex((candidate) => candidate.name === tool.name);
    if (toolIndex < 0) {
      throw new WorkbenchError(
        'invalid_request',
        `The agent "${edit.agent}" in ${path} has no tool "${tool.name}" (its tools: ${agent.tools.map((candidate) => candidate.name).join(', ') || 'none'}).`,
        `tools[${index}].name`,
      );
    }
    targets.push({ path: ['agents', agentIndex, 'tools', toolIndex, 'description'], value: tool.description });
  });

  let next = text;
  const changed: string[] = [];
  for (const target of targets) {
    if (stringAt(tree, target.path) === target.value) continue;
    next = applyEdits(next, modify(next, target.path, target.value, {}));
    changed.push(fieldName(target.path));
  }
  const checked = parseScenarioFile(path, next);
  if ('problems' in checked) {
    const first = checked.problems[0]!;
    throw new WorkbenchError(
      'invalid_request',
      `${path} would not load with this edit: ${first.field ?? 'the file'} ${first.message.replace(/^line \d+(, [^:]+)?: /, '')}.`,
      first.field,
    );
  }
  return { text: next, changed };
}

/**
 * Saves an agent's edited prompt to its scenario file. A user scenario is edited in place; a shipped one
 * is copied, with the edit, into the user folder under the same file name, where it overrides the shipped
 * one by its id. Main decides the file; the page only names the scenario and the agent.
 */
export async function savePrompt(source: ScenarioSource, userDir: string, edit: PromptSave): Promise<PromptSaved> {
  const target = source.origin === 'user' ? source.path : join(userDir, basename(source.path));
  let text: string;
  try {
    text = await readFile(source.path, 'utf8');
  } catch (error) {
    throw new WorkbenchError('io_error', `Could not read the scenario file ${source.path}: ${(error as Error).message}`);
  }
  if (source.origin === 'builtin') await refuseForeignFile(target, edit.scenarioId);
  const { text: next, changed } = applyPromptEdit(source.path, text, edit);
  const mode = await stat(target).then(
    (info) => info.mode & 0o777,
    () => 0o644,
  );
  if (changed.length > 0 || target !== source.path) {
    try {
      await writeFileAtomic(target, next, mode);
    } catch (error) {
      throw new WorkbenchError('io_error', `Could not write the scenario file ${target}: ${(error as Error).message}`);
    }
  }
  return { path: target, override: source.origin === 'builtin', changed };
}

/** A shipped scenario's override must not overwrite a user file of the same name that holds another scenario. */
async function refuseForeignFile(target: string, scenarioId: string): Promise<void> {
  let existing: string;
  try {
    existing = await readFile(target, 'utf8');
  } catch {
    return;
  }
  const parsed = parseScenarioFile(target, existing);
  const id = 'scenario' in parsed ? parsed.scenario.id : undefined;
  if (id !== scenarioId) {
    throw new WorkbenchError(
      'io_error',
      `${target} already exists and holds ${id ? `the scenario "${id}"` : 'a file that does not load'}, so the override of "${scenarioId}" was not written there. Rename or move that file, then save again.`,
    );
  }
}
