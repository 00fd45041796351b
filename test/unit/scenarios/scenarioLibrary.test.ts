import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ScenarioCatalog } from '../../../src-shared/scenario';
import { openScenarioLibrary, type ScenarioLibrary } from '../../../src-main/services/scenarioLibrary';
import { useTempDirs } from '../../support/tempDir';

const makeDir = useTempDirs();
const open: ScenarioLibrary[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((library) => library.close()));
});

async function library(options: { watch?: boolean } = {}) {
  const root = await makeDir();
  const builtinDir = join(root, 'builtin');
  const userDir = join(root, 'user');
  await cp('agent-configs', builtinDir, { recursive: true });
  const opened = await openScenarioLibrary({ builtinDir, userDir, watch: options.watch ?? false, log: () => undefined });
  open.push(opened);
  return { library: opened, builtinDir, userDir };
}

function nextChange(library: ScenarioLibrary, predicate: (catalog: ScenarioCatalog) => boolean, timeoutMs = 5_000): Promise<ScenarioCatalog> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`no matching scenario change within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = library.onChange((catalog) => {
      if (!predicate(catalog)) return;
      clearTimeout(timer);
      stop();
      resolve(catalog);
    });
  });
}

const handoffScenario = async () =>
  JSON.parse(await readFile('agent-configs/simpleHandoff.json', 'utf8')) as Record<string, unknown> & { agents: { handoffs: string[] }[] };

describe('the scenario library', () => {
  it('loads the three shipped scenarios with no problems, and creates the user folder', async () => {
    const { library: scenarios, userDir } = await library();
    const catalog = scenarios.catalog();
    expect(catalog.scenarios.map((scenario) => scenario.id).sort()).toEqual(['chatSupervisor', 'customerServiceRetail', 'simpleHandoff']);
    expect(catalog.problems).toEqual([]);
    expect(catalog.userFolder).toBe(userDir);
  });

  it('reports a broken user file with its path and field while the others still load', async () => {
    const root = await makeDir();
    const userDir = join(root, 'user');
    await mkdir(userDir);
    const broken = await handoffScenario();
    broken['id'] = 'broken';
    broken.agents[0]!.handoffs = ['ghost'];
    await writeFile(join(userDir, 'broken.json'), JSON.stringify(broken, null, 2));
    await writeFile(join(userDir, 'syntax.json'), '{ "id": ');
    const scenarios = await openScenarioLibrary({ builtinDir: 'agent-configs', userDir, watch: false, log: () => undefined });
    open.push(scenarios);
    const { problems, scenarios: loaded } = scenarios.catalog();
    expect(loaded).toHaveLength(3);
    expect(problems).toEqual([
      expect.objectContaining({ path: join(userDir, 'broken.json'), field: 'agents[0].handoffs[0]', line: expect.any(Number) }),
      expect.objectContaining({ path: join(userDir, 'syntax.json'), line: 1, message: expect.stringContaining('not valid JSON') }),
    ]);
  });

  it('lets a user scenario replace a shipped one with the same id', async () => {
    const { library: first, userDir } = await library();
    await first.close();
    const custom = await handoffScenario();
    await writeFile(join(userDir, 'mine.json'), JSON.stringify({ ...custom, name: 'My own handoff' }));
    const { builtinDir } = { builtinDir: join(userDir, '..', 'builtin') };
    const scenarios = await openScenarioLibrary({ builtinDir, userDir, watch: false, log: () => undefined });
    open.push(scenarios);
    expect(scenarios.find('simpleHandoff')).toMatchObject({ name: 'My own handoff', source: { origin: 'user' } });
    expect(scenarios.catalog().scenarios).toHaveLength(3);
  });

  it('reports a second file with an id already used in the same folder, naming both', async () => {
    const { library: first, userDir } = await library();
    await first.close();
    const scenario = await handoffScenario();
    await writeFile(join(userDir, 'a.json'), JSON.stringify({ ...scenario, id: 'twin' }));
    await writeFile(join(userDir, 'b.json'), JSON.stringify({ ...scenario, id: 'twin' }));
    const scenarios = await openScenarioLibrary({ builtinDir: join(userDir, '..', 'builtin'), userDir, watch: false, log: () => undefined });
    open.push(scenarios);
    expect(scenarios.catalog().problems).toEqual([
      expect.objectContaining({ path: join(userDir, 'b.json'), message: expect.stringContaining(join(userDir, 'a.json')) }),
    ]);
  });

  it('names the unknown id and the ones that exist', async () => {
    const { library: scenarios } = await library();
    expect(() => scenarios.find('nope')).toThrow(/There is no scenario "nope"\. Loaded: .*chatSupervisor/);
  });

  it('picks up a new, an edited, a broken and a deleted user file while watching', async () => {
    const { library: scenarios, userDir } = await library({ watch: true });
    const file = join(userDir, 'mine.json');
    const scenario = await handoffScenario();

    const added = nextChange(scenarios, (catalog) => catalog.scenarios.some((entry) => entry.id === 'mine'));
    await writeFile(file, JSON.stringify({ ...scenario, id: 'mine', name: 'Mine' }));
    expect((await added).scenarios.find((entry) => entry.id === 'mine')?.name).toBe('Mine');

    const edited = nextChange(scenarios, (catalog) => catalog.scenarios.some((entry) => entry.name === 'Mine, edited'));
    await writeFile(file, JSON.stringify({ ...scenario, id: 'mine', name: 'Mine, edited' }));
    await edited;

    const broken = nextChange(scenarios, (catalog) => catalog.problems.length === 1);
    await writeFile(file, JSON.stringify({ ...scenario, id: 'mine', defaultAgent: 'ghost' }));
    const brokenCatalog = await broken;
    expect(brokenCatalog.problems[0]).toMatchObject({ path: file, field: 'defaultAgent' });
    expect(brokenCatalog.scenarios).toHaveLength(3);

    const removed = nextChange(scenarios, (catalog) => catalog.problems.length === 0 && !catalog.scenarios.some((entry) => entry.id === 'mine'));
    await rm(file);
    await removed;
  });

  it('keeps watching a user folder that is deleted and created again', async () => {
    const { library: scenarios, userDir } = await library({ watch: true });
    const scenario = await handoffScenario();
    const first = join(userDir, 'first.json');

    const added = nextChange(scenarios, (catalog) => catalog.scenarios.some((entry) => entry.id === 'first'));
    await writeFile(first, JSON.stringify({ ...scenario, id: 'first' }));
    await added;

    const gone = nextChange(scenarios, (catalog) => !catalog.scenarios.some((entry) => entry.id === 'first'));
    await rm(userDir, { recursive: true });
    const afterDelete = await gone;
    expect(afterDelete.scenarios).toHaveLength(3);
    expect(afterDelete.problems).toEqual([]);

    const back = nextChange(scenarios, (catalog) => catalog.scenarios.some((entry) => entry.id === 'second'));
    await mkdir(userDir);
    await writeFile(join(userDir, 'second.json'), JSON.stringify({ ...scenario, id: 'second', name: 'Second' }));
    expect((await back).scenarios.find((entry) => entry.id === 'second')?.name).toBe('Second');
  });
});
