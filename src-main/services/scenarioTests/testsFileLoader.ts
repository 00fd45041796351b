import { constants } from 'node:fs';
import { access, readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { WorkbenchError } from '../../../src-shared/errors';
import { locateFaultsIn, type FieldFault } from '../../../src-shared/jsonFileFaults';
import type { Scenario } from '../../../src-shared/scenario';
import { checkTestsAgainstScenario } from '../../../src-shared/scenarioTests/scenarioCheck';
import {
  parseTestsFile,
  personaName,
  testsFileFaults,
  type ScenarioTest,
  type TestsFile,
  type TestsFileFault,
} from '../../../src-shared/scenarioTests/testsFile';
import { parseScenarioFile } from '../../../src-shared/scenarioFile';
import type { ScenarioLibrary } from '../scenarioLibrary';

/** A tests file that can run: its scenario, and the text of each shipped persona its callers name. */
export interface LoadedTestsFile {
  readonly path: string;
  /** The tests file's folder: its `audio` paths are relative to it. */
  readonly dir: string;
  readonly file: TestsFile;
  readonly scenario: Scenario;
  /** Shipped persona name → its description. */
  readonly personas: ReadonlyMap<string, string>;
}

export interface TestsFileLoaderOptions {
  readonly scenarios: Pick<ScenarioLibrary, 'catalog'>;
  /** The folder of the shipped personas (resources/personas). */
  readonly personasDir: string;
}

/** A tests file that cannot run, with every fault found in it (and in a scenario file it names) at once. */
export class TestsFileError extends WorkbenchError {
  readonly faults: readonly TestsFileFault[];

  constructor(path: string, faults: readonly TestsFileFault[]) {
    const count = faults.length === 1 ? 'a fault' : `${faults.length} faults`;
    super('invalid_request', `The tests file ${path} has ${count}:\n${faults.map((fault) => `  ${fault.message}`).join('\n')}`);
    this.name = 'TestsFileError';
    this.faults = faults;
  }
}

/** A `scenario` that holds a path separator or ends in .json is a file beside the tests; anything else is an id. */
const isScenarioPath = (scenario: string): boolean => /[\\/]/.test(scenario) || scenario.endsWith('.json');

async function readable(path: string): Promise<string | undefined> {
  try {
    await access(path, constants.R_OK);
    return undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : `it cannot be read (${(error as Error).message})`;
  }
}

async function scenarioOf(
  file: TestsFile,
  dir: string,
  options: TestsFileLoaderOptions,
): Promise<{ scenario: Scenario } | { fault: FieldFault } | { scenarioFaults: TestsFileFault[] }> {
  if (!isScenarioPath(file.scenario)) {
    const scenarios = options.scenarios.catalog().scenarios;
    const found = scenarios.find((scenario) => scenario.id === file.scenario);
    if (found) return { scenario: found };
    const loaded = scenarios.map((scenario) => scenario.id).join(', ') || 'none';
    return { fault: { path: ['scenario'], message: `names no scenario: ${file.scenario} (loaded: ${loaded}; a file path needs a / or .json)` } };
  }
  const path = resolve(dir, file.scenario);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { fault: { path: ['scenario'], message: `cannot read the scenario file ${path}: ${(error as Error).message}` } };
  }
  const parsed = parseScenarioFile(path, text);
  if ('scenario' in parsed) return parsed;
  return {
    scenarioFaults: parsed.problems.map((problem) => ({
      file: path,
      line: problem.line ?? 1,
      field: problem.field ?? '',
      message: `${path}: ${problem.message}`,
    })),
  };
}

/** Checks every audio file is readable and reads every shipped persona a caller names. */
/** A shipped persona's description, from `<personasDir>/<name>.md`. */
export async function readPersona(personasDir: string, name: string): Promise<string> {
  return (await readFile(join(personasDir, `${name}.md`), 'utf8')).trim();
}

/** The tests with each caller that names a shipped persona given that persona's description to play. */
export function withPersonaTexts(tests: readonly ScenarioTest[], personas: ReadonlyMap<string, string>): ScenarioTest[] {
  return tests.map((test) => {
    const name = test.caller ? personaName(test.caller.persona) : undefined;
    const text = name === undefined ? undefined : personas.get(name);
    return test.caller && text !== undefined ? { ...test, caller: { ...test.caller, persona: text } } : test;
  });
}

async function filesOf(file: TestsFile, dir: string, personasDir: string): Promise<{ faults: FieldFault[]; personas: Map<string, string> }> {
  const faults: FieldFault[] = [];
  const personas = new Map<string, string>();
  for (const [testIndex, test] of file.tests.entries()) {
    for (const [turnIndex, turn] of (test.turns ?? []).entries()) {
      if (turn.audio === undefined) continue;
      const path = resolve(dir, turn.audio);
      const why = await readable(path);
      if (why) faults.push({ path: ['tests', testIndex, 'turns', turnIndex, 'audio'], message: `cannot use the audio file ${path}: ${why}` });
    }
    const name = test.caller && personaName(test.caller.persona);
    if (name === undefined || personas.has(name)) continue;
    try {
      personas.set(name, await readPersona(personasDir, name));
    } catch (error) {
      faults.push({ path: ['tests', testIndex, 'caller', 'persona'], message: `cannot read the persona ${name}: ${(error as Error).message}` });
    }
  }
  return { faults, personas };
}

/**
 * Reads a tests file, finds its scenario (an id in the scenario library, or a scenario file relative to it),
 * checks its audio files, personas and the agents, tools and guardrail categories it names; throws a
 * TestsFileError listing every fault at once, or an io_error when the file cannot be read.
 */
export async function loadTestsFile(path: string, options: TestsFileLoaderOptions): Promise<LoadedTestsFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new WorkbenchError('io_error', `Could not read the tests file ${path}: ${(error as Error).message}`);
  }
  const parsed = parseTestsFile(text, path);
  if (!parsed.ok) throw new TestsFileError(path, parsed.faults);
  const dir = dirname(resolve(path));
  const [found, files] = await Promise.all([scenarioOf(parsed.file, dir, options), filesOf(parsed.file, dir, options.personasDir)]);
  const own = [...files.faults, ...('fault' in found ? [found.fault] : [])];
  const located = testsFileFaults(path, locateFaultsIn(text, own));
  const inFile = [...located, ...('scenario' in found ? checkTestsAgainstScenario(parsed.file, found.scenario, path, text) : [])];
  const faults = [...('scenarioFaults' in found ? found.scenarioFaults : []), ...inFile.sort((a, b) => a.line - b.line)];
  if (faults.length > 0 || !('scenario' in found)) throw new TestsFileError(path, faults);
  return { path, dir, file: parsed.file, scenario: found.scenario, personas: files.personas };
}
