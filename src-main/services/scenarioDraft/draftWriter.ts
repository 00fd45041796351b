import { access } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Scenario } from '../../../src-shared/scenario';
import type { TestsFile } from '../../../src-shared/scenarioTests/testsFile';
import { writeFileAtomic } from '../atomicFile';

/** The tests file beside a scenario file: `shop.json` → `shop.tests.json`. */
export function testsFileBeside(scenarioFile: string): string {
  return scenarioFile.replace(/\.json$/, '.tests.json');
}

/** Which of a draft's two files already exist at `scenarioFile` and beside it: a draft is never written over them. */
export async function existingDraftFiles(scenarioFile: string): Promise<string[]> {
  const files = [scenarioFile, testsFileBeside(scenarioFile)];
  const found = await Promise.all(
    files.map((file) =>
      access(file).then(
        () => true,
        () => false,
      ),
    ),
  );
  return files.filter((_, index) => found[index]);
}

/** Writes a drafted scenario to `scenarioFile` and its tests beside it, the tests naming the scenario by its file name. */
export async function writeDraftFiles(
  scenarioFile: string,
  scenario: Scenario,
  tests: TestsFile,
): Promise<{ path: string; testsPath: string; tests: TestsFile }> {
  const testsPath = testsFileBeside(scenarioFile);
  const named = { ...tests, scenario: `./${basename(scenarioFile)}` };
  await writeFileAtomic(scenarioFile, `${JSON.stringify(scenario, null, 2)}\n`, 0o644);
  await writeFileAtomic(testsPath, `${JSON.stringify(named, null, 2)}\n`, 0o644);
  return { path: scenarioFile, testsPath, tests: named };
}
