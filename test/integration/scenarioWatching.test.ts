import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioCatalog } from '../../src-shared/scenario';
import { openScenarioLibrary, type ScenarioLibrary } from '../../src-main/services/scenarioLibrary';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const opened: ScenarioLibrary[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});

/** A watching library over copies of the shipped scenarios and an empty user folder. */
async function watchingLibrary() {
  const root = await makeDir();
  const builtinDir = join(root, 'builtin');
  const userDir = join(root, 'user');
  await cp('agent-configs', builtinDir, { recursive: true });
  const log: string[] = [];
  const library = await openScenarioLibrary({ builtinDir, userDir, watch: true, log: (line) => log.push(line) });
  opened.push(library);
  return { library, builtinDir, userDir, log };
}

/** Resolves with the first catalog a listener receives that matches, or fails after the timeout. */
function nextCatalog(library: ScenarioLibrary, matches: (catalog: ScenarioCatalog) => boolean, timeoutMs = 5_000): Promise<ScenarioCatalog> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`no matching scenario catalog within ${timeoutMs} ms`));
    }, timeoutMs);
    const unsubscribe = library.onChange((catalog) => {
      if (!matches(catalog)) return;
      clearTimeout(timer);
      unsubscribe();
      resolve(catalog);
    });
  });
}

async function scenarioText(overrides: Record<string, unknown>): Promise<string> {
  const scenario = JSON.parse(await readFile('agent-configs/simpleHandoff.json', 'utf8')) as Record<string, unknown>;
  return JSON.stringify({ ...scenario, ...overrides }, null, 2);
}

const named = (name: string) => (catalog: ScenarioCatalog) => catalog.scenarios.some((scenario) => scenario.name === name);

/** Saves a scenario file with this id and name, and waits until a listener sees it in the catalog. */
async function saveAndSee(library: ScenarioLibrary, file: string, scenario: { id: string; name: string }): Promise<ScenarioCatalog> {
  const seen = nextCatalog(library, named(scenario.name));
  await writeFile(file, await scenarioText(scenario));
  return seen;
}

describe('a watching scenario library', () => {
  it('picks up a file that an editor saves by writing a temporary file and renaming it over the original', async () => {
    const { library, userDir } = await watchingLibrary();
    const file = join(userDir, 'mine.json');
    await saveAndSee(library, file, { id: 'mine', name: 'First draft' });

    const saved = nextCatalog(library, named('Second draft'));
    await writeFile(join(userDir, '.mine.json.swp'), await scenarioText({ id: 'mine', name: 'Second draft' }));
    await rename(join(userDir, '.mine.json.swp'), file);
    expect((await saved).scenarios.filter((scenario) => scenario.id === 'mine')).toHaveLength(1);
  });

  it('keeps the other scenarios when a file is broken by an edit, and reports it at its line', async () => {
    const { library, userDir } = await watchingLibrary();
    const file = join(userDir, 'mine.json');
    await saveAndSee(library, file, { id: 'mine', name: 'Mine' });

    const broken = nextCatalog(library, (catalog) => catalog.problems.length > 0);
    const text = (await scenarioText({ id: 'mine', name: 'Mine' })).replace('"defaultAgent": "greeter",', '"defaultAgent": "greeter"');
    await writeFile(file, text);
    const catalog = await broken;
    const lineAfterMissingComma = text.split('\n').findIndex((line) => line.includes('"defaultAgent"')) + 2;
    expect(catalog.problems).toEqual([{ path: file, line: lineAfterMissingComma, message: expect.stringContaining('not valid JSON') as string }]);
    expect(catalog.scenarios.map((scenario) => scenario.id).sort()).toEqual(['chatSupervisor', 'customerServiceRetail', 'simpleHandoff']);
  });

  it('calls listeners only when the catalog changed', async () => {
    const { library, userDir } = await watchingLibrary();
    const file = join(userDir, 'mine.json');
    await saveAndSee(library, file, { id: 'mine', name: 'Mine' });

    const received: ScenarioCatalog[] = [];
    library.onChange((catalog) => received.push(catalog));
    const edited = nextCatalog(library, named('Mine, edited'));
    await writeFile(file, await scenarioText({ id: 'mine', name: 'Mine' }));
    await writeFile(join(userDir, 'notes.txt'), 'not a scenario');
    // Just past the 150 ms debounce, so the saves that change nothing are reloaded on their own first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    await writeFile(file, await scenarioText({ id: 'mine', name: 'Mine, edited' }));
    await edited;
    expect(received.map((catalog) => catalog.scenarios.find((scenario) => scenario.id === 'mine')?.name)).toEqual(['Mine, edited']);
  });

  it('reports a deleted user folder as a problem, keeps the built-in scenarios, and resumes when it is back', async () => {
    const { library, userDir } = await watchingLibrary();
    await saveAndSee(library, join(userDir, 'mine.json'), { id: 'mine', name: 'Mine' });

    const gone = nextCatalog(library, (catalog) => catalog.problems.length > 0);
    await rm(userDir, { recursive: true });
    const withoutFolder = await gone;
    expect(withoutFolder.problems).toEqual([{ path: userDir, message: `Cannot read the user scenario folder ${userDir}: it does not exist.` }]);
    expect(withoutFolder.scenarios.map((scenario) => scenario.id).sort()).toEqual(['chatSupervisor', 'customerServiceRetail', 'simpleHandoff']);

    const back = nextCatalog(library, (catalog) => catalog.problems.length === 0 && named('Restored')(catalog));
    await mkdir(userDir);
    await writeFile(join(userDir, 'restored.json'), await scenarioText({ id: 'restored', name: 'Restored' }));
    await back;

    await saveAndSee(library, join(userDir, 'restored.json'), { id: 'restored', name: 'Restored, edited' });
  });

  it('watches the built-in folder too', async () => {
    const { library, builtinDir } = await watchingLibrary();
    const catalog = await saveAndSee(library, join(builtinDir, 'simpleHandoff.json'), { id: 'simpleHandoff', name: 'Haiku, renamed' });
    expect(catalog.scenarios.find((scenario) => scenario.id === 'simpleHandoff')?.source.origin).toBe('builtin');
    expect(catalog.scenarios).toHaveLength(3);
  });

  it('still tells the other listeners, and logs the failure, when one listener throws', async () => {
    const { library, userDir, log } = await watchingLibrary();
    library.onChange(() => {
      throw new Error('listener broke');
    });
    await saveAndSee(library, join(userDir, 'mine.json'), { id: 'mine', name: 'Mine' });
    expect(log).toContainEqual(expect.stringContaining('listener broke'));
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const { library, userDir } = await watchingLibrary();
    const received: ScenarioCatalog[] = [];
    const unsubscribe = library.onChange((catalog) => received.push(catalog));
    await saveAndSee(library, join(userDir, 'one.json'), { id: 'one', name: 'One' });
    unsubscribe();

    await saveAndSee(library, join(userDir, 'two.json'), { id: 'two', name: 'Two' });
    expect(received).toHaveLength(1);
  });
});
