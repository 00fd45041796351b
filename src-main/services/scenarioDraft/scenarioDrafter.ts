import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ResponseInputItem } from 'openai/resources/responses/responses';
import type { Usage } from '../../../src-shared/contract';
import { WorkbenchError } from '../../../src-shared/errors';
import { fieldName, zodFaults } from '../../../src-shared/jsonFileFaults';
import type { Scenario } from '../../../src-shared/scenario';
import { draftFaultLines, draftToFiles, type DraftFault } from '../../../src-shared/scenarioDraft/draftFiles';
import { scenarioDraftJsonSchema, scenarioDraftSchema } from '../../../src-shared/scenarioDraft/draftSchema';
import type { TestsFile } from '../../../src-shared/scenarioTests/testsFile';
import type { UpstreamClient } from '../openaiClient';
import { askForJson } from '../structuredOutput';
import { sumUsage } from '../usage';

/** The metaprompt in use: resources/metaprompt/scenario-draft.<version>.md. */
export const METAPROMPT_FILE = 'scenario-draft.v1.md';

export interface Metaprompt {
  /** `v1`, from the file's name. */
  readonly version: string;
  /** What the model is sent: the file without the maintainers' comments. */
  readonly instructions: string;
}

/**
 * Reads a metaprompt from its folder (resources/metaprompt; the drafting one unless another file is named), its
 * maintainers' `<!-- -->` comments removed.
 */
export async function readMetaprompt(metapromptDir: string, file = METAPROMPT_FILE): Promise<Metaprompt> {
  const text = await readFile(join(metapromptDir, file), 'utf8');
  const version = /\.(v\d+)\.md$/.exec(basename(file))![1]!;
  return {
    version,
    instructions: text
      .replace(/<!--[\s\S]*?-->\n?/g, '')
      .replace(/\n{3,}/g, '\n\n')
      .trim(),
  };
}

export interface DraftRequest {
  readonly description: string;
  readonly model: string;
  readonly metaprompt: Metaprompt;
  readonly signal: AbortSignal;
  /** Progress in words, one line per step. */
  readonly progress: (line: string) => void;
}

export interface Drafted {
  readonly scenario: Scenario;
  readonly tests: TestsFile;
  /** 1, or 2 when the first draft was repaired. */
  readonly requests: number;
  readonly usage: Usage;
}

/** Faults of a draft as the model answered it: its shape, then the files it becomes. */
function faultsOf(value: Record<string, unknown>): { faults: DraftFault[] } | { scenario: Scenario; tests: TestsFile } {
  const shaped = scenarioDraftSchema.safeParse(value);
  if (!shaped.success) return { faults: zodFaults(shaped.error.issues, value).map(({ path, message }) => ({ field: fieldName(path), message })) };
  const files = draftToFiles(shaped.data);
  return files.ok ? { scenario: files.scenario, tests: files.tests } : { faults: files.faults };
}

/**
 * Drafts a scenario and its tests from a description: one Responses call with the metaprompt and a strict
 * json_schema generated from the draft's zod schema, the answer checked as the app checks the files it reads. A
 * draft with faults is sent back once, quoting every fault, for a corrected whole draft; if that one has faults
 * too, they are all thrown in one error, and nothing is returned to be saved.
 */
export async function draftScenario(upstream: UpstreamClient, request: DraftRequest): Promise<Drafted> {
  const schema = scenarioDraftJsonSchema();
  const ask = (input: ResponseInputItem[]) =>
    askForJson(upstream, 'The scenario draft', {
      model: request.model,
      instructions: request.metaprompt.instructions,
      input,
      schemaName: 'scenario_draft',
      schema: schema as never,
      signal: request.signal,
    });
  const asked: ResponseInputItem[] = [{ role: 'user', content: `Draft a scenario for this use case:\n\n${request.description}` }];
  request.progress(`Drafting with ${request.model} (metaprompt ${request.metaprompt.version})…`);
  const first = await ask(asked);
  const checked = faultsOf(first.value);
  if (!('faults' in checked)) return { ...checked, requests: 1, usage: first.usage };

  const lines = draftFaultLines(checked.faults);
  request.progress(`The draft has ${lines.length} fault${lines.length === 1 ? '' : 's'}; asking ${request.model} to repair it…`);
  const repaired = await ask([
    ...asked,
    { role: 'assistant', content: JSON.stringify(first.value) },
    {
      role: 'user',
      content: `Your draft has these faults:\n${lines.map((line) => `- ${line}`).join('\n')}\n\nAnswer with the whole draft again, every fault corrected and nothing else changed.`,
    },
  ]);
  const usage = sumUsage(first.usage, repaired.usage);
  const rechecked = faultsOf(repaired.value);
  if (!('faults' in rechecked)) return { ...rechecked, requests: 2, usage };
  const still = draftFaultLines(rechecked.faults);
  throw new WorkbenchError(
    'upstream_bad_output',
    `The scenario draft still has ${still.length} fault${still.length === 1 ? '' : 's'} after one repair, so nothing was saved:\n${still.map((line) => `  ${line}`).join('\n')}`,
    rechecked.faults[0]?.field,
  );
}
