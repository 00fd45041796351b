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

describe('a watching scenario library', () => {
  it('picks up a file that an editor saves by writing a temporary file and renaming it over the original', async () => {
    const { library, userDir } = await watchingLibrary();
    const file = join(userDir, 'mine.json');
    const created = nextCatalog(library, named('First draft'));
    await writeFile(file, await scenarioText({ id: 'mine', name: 'First draft' }));
    await created;

    const saved = nextCatalog(library, named('Second draft'));
    await writeFile(join(userDir, '.mine.json.swp'), await scenarioText({ id: 'mine', name: 'Second draft' }));
    await rename(join(userDir, '.mine.json.swp'), file);
    expect((await saved).scenarios.filter((scenario) => scenario.id === 'mine')).toHaveLength(1);
  });

  it('keeps the other scenarios when a file is broken by an edit, and reports it at its line', async () => {
    const { library, userDir } = await watchingLibrary();
    const file = join(userDir, 'mine.json');
    const created = nextCatalog(library, named('Mine'));
    await writeFile(file, await scenarioText({ id: 'mine', name: 'Mine' }));
    await created;

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
    const created = nextCatalog(library, named('Mine'));
    await writeFile(file, await scenarioText({ id: 'mine', name: 'Mine' }));
    await created;

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
    const created = nextCatalog(library, named('Mine'));
    await writeFile(join(userDir, 'mine.json'), await scenarioText({ id: 'mine', name: 'Mine' }));
    await created;

    const gone = nextCatalog(library, (catalog) => catalog.problems.length > 0);
    await rm(userDir, { recursive: true });
    const withoutFolder = await gone;
    expect(withoutFolder.problems).toEqual([{ path: userDir, message: `Cannot read the user scenario folder ${userDir}: it does not exist.` }]);
    expect(withoutFolder.scenarios.map((scenario) => scenario.id).sort()).toEqual(['chatSupervisor', 'customerServiceRetail', 'simpleHandoff']);

    const back = nextCatalog(library, (catalog) => catalog.problems.length === 0 && named('Restored')(catalog));
    await mkdir(userDir);
    await writeFile(join(userDir, 'restored.json'), await scenarioText({ id: 'restored', name: 'Restored' }));
    await back;

    const editedAfterReturn = nextCatalog(library, named('Restored, edited'));
    await writeFile(join(userDir, 'restored.json'), await scenarioText({ id: 'restored', name: 'Restored, edited' }));
    await editedAfterReturn;
  });

  it('watches the built-in folder too', async () => {
    const { library, builtinDir } = await watchingLibrary();
    const edited = nextCatalog(library, named('Haiku, renamed'));
    await writeFile(join(builtinDir, 'simpleHandoff.json'), await scenarioText({ name: 'Haiku, renamed' }));
    const catalog = await edited;
    expect(catalog.scenarios.find((scenario) => scenario.id === 'simpleHandoff')?.source.origin).toBe('builtin');
    expect(catalog.scenarios).toHaveLength(3);
  });

  it('still tells the other listeners, and logs the failure, when one listener throws', async () => {
    const { library, userDir, log } = await watchingLibrary();
    library.onChange(() => {
      throw new Error('listener broke');
    });
    const created = nextCatalog(library, named('Mine'));
    await writeFile(join(userDir, 'mine.json'), await scenarioText({ id: 'mine', name: 'Mine' }));
    await created;
    expect(log).toContainEqual(expect.stringContaining('listener broke'));
  });

  it('stops calling a listener once it unsubscribes', async () => {
    const { library, userDir } = await watchingLibrary();
    const received: ScenarioCatalog[] = [];
    const unsubscribe = library.onChange((catalog) => received.push(catalog));
    const first = nextCatalog(library, named('One'));
    await writeFile(join(userDir, 'one.json'), await scenarioText({ id: 'one', name: 'One' }));
    await first;
    unsubscribe();

    const second = nextCatalog(library, named('Two'));
    await writeFile(join(userDir, 'two.json'), await scenarioText({ id: 'two', name: 'Two' }));
    await second;
    expect(received).toHaveLength(1);
  });
});
