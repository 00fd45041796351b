// `npm run log -- compare A B` and `npm run log -- to-test FILE [--out X.tests.json] [--force]`.
import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { WorkbenchError } from '../../src-shared/errors';
import type { PricingTable } from '../../src-shared/pricing';
import { compareSessions } from '../../src-shared/scenarioTests/compareSessions';
import { sessionToTest } from '../../src-shared/scenarioTests/sessionToTest';
import { writeFileAtomic } from '../services/atomicFile';
import { formatComparison } from './compareReport';
import { readObservedLog, type ObservedLog } from '../services/sessionLog/observedLog';

/** Exit codes: 0 done (or the same), 1 different or refused, 2 a file could not be read or the arguments are wrong. */
const UNREADABLE = 2;

export interface CommandOutput {
  readonly stdout: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly stderr: { write(text: string): unknown };
}

async function readOrSay(path: string, pricing: PricingTable | undefined, out: CommandOutput): Promise<ObservedLog | undefined> {
  try {
    return await readObservedLog(path, pricing);
  } catch (error) {
    out.stderr.write(
      `${error instanceof WorkbenchError ? error.message : `Could not read ${path}: ${error instanceof Error ? error.message : String(error)}`}\n`,
    );
    return undefined;
  }
}

/** Exit 0 when tool calls and handoffs match in every turn, 1 when they differ, 2 when a file cannot be read. */
export async function compareCommand(a: string, b: string, pricing: PricingTable, out: CommandOutput): Promise<number> {
  const logA = await readOrSay(a, pricing, out);
  const logB = logA && (await readOrSay(b, pricing, out));
  if (!logA || !logB) return UNREADABLE;
  const comparison = compareSessions(logA.observed, logB.observed);
  out.stdout.write(formatComparison(comparison, { a, b, colour: out.stdout.isTTY === true }));
  return comparison.same ? 0 : 1;
}

type OptionValues<O extends Record<string, { type: 'string' | 'boolean' }>> = { [K in keyof O]?: O[K]['type'] extends 'string' ? string : boolean };

/** A command's one FILE and its options, or undefined once the usage (with what was wrong) has been said. */
export function parseFileArgs<O extends Record<string, { type: 'string' | 'boolean' }>>(
  args: readonly string[],
  options: O,
  usage: string,
  out: CommandOutput,
): { file: string; values: OptionValues<O> } | undefined {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options });
  } catch (error) {
    out.stderr.write(`${error instanceof Error ? error.message : String(error)}. ${usage}\n`);
    return undefined;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    out.stderr.write(`${usage}\n`);
    return undefined;
  }
  return { file, values: parsed.values as OptionValues<O> };
}

const TO_TEST_USAGE = 'Usage: npm run log -- to-test FILE [--out X.tests.json] [--force]';

/** Prints the drafted test, or writes it (atomically) where `--out` says, never over a file unless `--force`. */
export async function toTestCommand(args: readonly string[], out: CommandOutput): Promise<number> {
  const parsed = parseFileArgs(args, { out: { type: 'string' }, force: { type: 'boolean' } }, TO_TEST_USAGE, out);
  if (!parsed) return UNREADABLE;
  const { file } = parsed;
  const log = await readOrSay(file, undefined, out);
  if (!log) return UNREADABLE;
  if (!log.header) {
    out.stderr.write(`${file} has no session header (a raw Realtime event log), so its scenario and start agent are unknown.\n`);
    return 1;
  }
  const { scenario, setup, startedAt } = log.header;
  const draft = sessionToTest(log.observed, {
    scenarioId: scenario.id,
    startAgent: setup.startAgent,
    name: `${scenario.name}, session of ${startedAt}`,
  });
  const json = `${JSON.stringify(draft, null, 2)}\n`;
  const target = parsed.values.out;
  if (target === undefined) {
    out.stdout.write(json);
    return 0;
  }
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (exists && parsed.values.force !== true) {
    out.stderr.write(`${target} already exists and was not overwritten; add --force to replace it.\n`);
    return 1;
  }
  await writeFileAtomic(target, json, 0o644);
  out.stdout.write(`Wrote ${target}: ${draft.tests[0].turns.length} turns of ${scenario.id}, starting with ${setup.startAgent}.\n`);
  return 0;
}
