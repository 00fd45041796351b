import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../src-shared/errors';
import { openScenarioLibrary, type ScenarioLibrary } from '../../src-main/services/scenarioLibrary';
import { useTempDirs } from '../support/tempDir';

/** A shipped scenario as loose JSON, for breaking one field at a time. */
interface Draft {
  id: string;
  name: string;
  agents: { name: string; tools: { name: string; [field: string]: unknown }[]; [field: string]: unknown }[];
  supervisor: { tools: { parameters: { additionalProperties?: boolean; required?: string[] } }[] };
  escalation: { outputSchema: { required: string[] } };
}

const makeDir = useTempDirs();
const opened: ScenarioLibrary[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((library) => library.close()));
});

async function shipped(id: string): Promise<Draft> {
  return JSON.parse(await readFile(`agent-configs/${id}.json`, 'utf8')) as Draft;
}

/** The 1-based line of the first line of text that contains the needle. */
function lineContaining(text: string, needle: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`the test file has no line containing ${needle}`);
  return index + 1;
}

/** Opens a library over the shipped scenarios and a user folder holding these files. */
async function libraryWithUserFiles(files: Record<string, string>) {
  const userDir = join(await makeDir(), 'user');
  await mkdir(userDir);
  for (const [name, text] of Object.entries(files)) await writeFile(join(userDir, name), text);
  const log: string[] = [];
  const library = await openScenarioLibrary({ builtinDir: 'agent-configs', userDir, watch: false, log: (line) => log.push(line) });
  opened.push(library);
  return {
    library,
    userDir,
    log,
    ids: () =>
      library
        .catalog()
        .scenarios.map((scenario) => scenario.id)
        .sort(),
  };
}

const shippedIds = ['chatSupervisor', 'customerServiceRetail', 'simpleHandoff'];

describe('a faulty user scenario file', () => {
  it('is reported at the line and field of a tool name with spaces, and the shipped scenarios still load', async () => {
    const scenario = await shipped('customerServiceRetail');
    scenario.id = 'myRetail';
    scenario.agents[1]!.tools[0]!.name = 'look up orders';
    const text = JSON.stringify(scenario, null, 2);
    const { library, userDir, ids } = await libraryWithUserFiles({ 'retail.json': text });

    expect(library.catalog().problems).toEqual([
      {
        path: join(userDir, 'retail.json'),
        field: 'agents.1.tools.0.name',
        line: lineContaining(text, '"name": "look up orders"'),
        message: expect.stringContaining('must start with a letter and hold only letters, digits and _') as string,
      },
    ]);
    expect(ids()).toEqual(shippedIds);
  });

  it('is reported at the line of a handoff to an agent the scenario does not have', async () => {
    const scenario = await shipped('customerServiceRetail');
    scenario.id = 'myRetail';
    scenario.agents[2]!['handoffs'] = ['returns', 'refunds'];
    const text = JSON.stringify(scenario, null, 2);
    const { library, userDir } = await libraryWithUserFiles({ 'retail.json': text });

    const [problem] = library.catalog().problems;
    expect(problem).toMatchObject({ path: join(userDir, 'retail.json'), field: 'agents.2.handoffs.1', line: lineContaining(text, '"refunds"') });
    expect(problem?.message).toMatch(/:\d+: agents\.2\.handoffs\.1: names no agent of this scenario: refunds/);
  });

  it('is reported at the line of a JSON syntax error deep in the file', async () => {
    const text = JSON.stringify(await shipped('simpleHandoff'), null, 2).replace('"voice": "verse",', '"voice": "verse"');
    const { library, userDir, ids } = await libraryWithUserFiles({ 'handoff.json': text });

    expect(library.catalog().problems).toEqual([
      {
        path: join(userDir, 'handoff.json'),
        line: lineContaining(text, '"voice": "verse"') + 1,
        message: expect.stringContaining('not valid JSON') as string,
      },
    ]);
    expect(ids()).toEqual(shippedIds);
  });

  it('points at a misspelt key itself rather than at the object holding it', async () => {
    const scenario = await shipped('simpleHandoff');
    scenario.id = 'typo';
    scenario.agents[1]!['handofs'] = [];
    const text = JSON.stringify(scenario, null, 2);
    const { library } = await libraryWithUserFiles({ 'typo.json': text });

    expect(library.catalog().problems[0]).toMatchObject({
      field: 'agents.1.handofs',
      line: lineContaining(text, '"handofs"'),
      message: expect.stringContaining('is not a field here (handofs)') as string,
    });
  });

  it('names every fault in the message, each with its line, while field and line point at the first', async () => {
    const scenario = await shipped('simpleHandoff');
    scenario.id = 'twoFaults';
    scenario.name = '';
    scenario.agents[0]!.name = '1greeter';
    const text = JSON.stringify(scenario, null, 2);
    const { library } = await libraryWithUserFiles({ 'faults.json': text });

    const [problem] = library.catalog().problems;
    expect(problem).toMatchObject({ field: 'name', line: 3 });
    expect(problem?.message).toContain(`Also: agents.0.name (line ${lineContaining(text, '"1greeter"')}): must start with a letter`);
  });

  it('says an empty file is empty', async () => {
    const { library, userDir } = await libraryWithUserFiles({ 'empty.json': '' });
    expect(library.catalog().problems).toEqual([
      { path: join(userDir, 'empty.json'), line: 1, message: `${join(userDir, 'empty.json')}:1: not valid JSON (the file is empty).` },
    ]);
  });

  it('loads a file saved with a byte-order mark', async () => {
    const scenario = await shipped('simpleHandoff');
    const { ids, library } = await libraryWithUserFiles({ 'bom.json': `\uFEFF${JSON.stringify({ ...scenario, id: 'withBom' })}` });
    expect(library.catalog().problems).toEqual([]);
    expect(ids()).toContain('withBom');
  });

  it('refuses a supervisor tool that is not in strict form, since the supervisor is called in strict mode', async () => {
    const scenario = await shipped('chatSupervisor');
    scenario.id = 'looseSupervisor';
    delete scenario.supervisor.tools[1]!.parameters.additionalProperties;
    const { library } = await libraryWithUserFiles({ 'loose.json': JSON.stringify(scenario, null, 2) });
    expect(library.catalog().problems[0]).toMatchObject({
      field: 'supervisor.tools.1.parameters.additionalProperties',
      message: expect.stringContaining('must be false') as string,
    });
  });

  it('refuses an escalation output schema with a property that is not required', async () => {
    const scenario = await shipped('customerServiceRetail');
    scenario.id = 'looseEscalation';
    scenario.escalation.outputSchema.required = ['isEligible', 'rationale'];
    const { library } = await libraryWithUserFiles({ 'loose.json': JSON.stringify(scenario, null, 2) });
    expect(library.catalog().problems[0]).toMatchObject({
      field: 'escalation.outputSchema.required',
      message: expect.stringContaining('must list every property') as string,
    });
  });
});

describe('scenario ids', () => {
  it('reports the second file of a folder that repeats an id at the line of its id, naming the first file', async () => {
    const scenario = await shipped('simpleHandoff');
    const text = JSON.stringify({ ...scenario, id: 'twin' }, null, 2);
    const { library, userDir, ids } = await libraryWithUserFiles({ 'a.json': text, 'b.json': text });

    expect(library.catalog().problems).toEqual([
      {
        path: join(userDir, 'b.json'),
        field: 'id',
        line: lineContaining(text, '"id": "twin"'),
        message: expect.stringContaining(`is already the id of ${join(userDir, 'a.json')}`) as string,
      },
    ]);
    expect(library.catalog().scenarios.find((scenario) => scenario.id === 'twin')?.source.path).toBe(join(userDir, 'a.json'));
    expect(ids()).toEqual([...shippedIds, 'twin']);
  });

  it('lets a user file replace the shipped scenario with its id without calling it a problem, and logs the replacement', async () => {
    const scenario = await shipped('chatSupervisor');
    const { library, userDir, log } = await libraryWithUserFiles({ 'mine.json': JSON.stringify({ ...scenario, name: 'My phone line' }) });

    expect(library.find('chatSupervisor')).toMatchObject({ name: 'My phone line', source: { path: join(userDir, 'mine.json'), origin: 'user' } });
    expect(library.catalog().problems).toEqual([]);
    expect(log).toEqual([expect.stringContaining(`${join(userDir, 'mine.json')} replaces the built-in`)]);
  });

  it('refuses an unknown id with a scenario_unknown error naming it, the ids that exist and the folders read', async () => {
    const { library, userDir } = await libraryWithUserFiles({});
    let thrown: unknown;
    try {
      library.find('chatSuperviser');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(WorkbenchError);
    expect(thrown).toMatchObject({ code: 'scenario_unknown', field: 'scenarioId' });
    expect((thrown as Error).message).toBe(
      `There is no scenario "chatSuperviser". Loaded: "chatSupervisor", "customerServiceRetail", "simpleHandoff" (scenario files are read from agent-configs and ${userDir}).`,
    );
  });
});
