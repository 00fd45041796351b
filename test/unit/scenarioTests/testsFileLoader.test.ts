import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import { openScenarioLibrary, type ScenarioLibrary } from '../../../src-main/services/scenarioLibrary';
import { loadTestsFile, TestsFileError } from '../../../src-main/services/scenarioTests/testsFileLoader';
import { useTempDirs } from '../../support/tempDir';

const makeDir = useTempDirs();
const open: ScenarioLibrary[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((library) => library.close()));
});

async function setup() {
  const dir = await makeDir();
  const scenarios = await openScenarioLibrary({
    builtinDir: resolve('agent-configs'),
    userDir: join(dir, 'user'),
    watch: false,
    log: () => undefined,
  });
  open.push(scenarios);
  return { dir, options: { scenarios, personasDir: resolve('resources/personas') } };
}

async function faultsOf(load: Promise<unknown>): Promise<string[]> {
  const error = await load.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TestsFileError);
  return (error as TestsFileError).faults.map((fault) => fault.message);
}

describe('loading a tests file', () => {
  it('loads a shipped tests file with its scenario from the library and the personas its callers name', async () => {
    const { options } = await setup();
    const loaded = await loadTestsFile('agent-configs/customerServiceRetail.tests.json', options);
    expect(loaded.scenario.id).toBe('customerServiceRetail');
    expect(loaded.dir).toBe(resolve('agent-configs'));
    expect(loaded.file.tests.length).toBeGreaterThan(1);
    expect(loaded.personas.get('impatient')).toMatch(/^You are in a hurry/);
  });

  it('reads a scenario file named by a path relative to the tests file, and audio beside it', async () => {
    const { dir, options } = await setup();
    await mkdir(join(dir, 'scenarios'));
    await writeFile(join(dir, 'scenarios', 'mine.json'), await readFile('agent-configs/simpleHandoff.json', 'utf8'));
    await writeFile(join(dir, 'hello.wav'), 'RIFF');
    const path = join(dir, 'mine.tests.json');
    await writeFile(
      path,
      JSON.stringify({
        scenario: 'scenarios/mine.json',
        tests: [{ name: 'a', turns: [{ audio: 'hello.wav', expect: { handoffTo: 'haikuWriter' } }] }],
      }),
    );
    const loaded = await loadTestsFile(path, options);
    expect(loaded.scenario.id).toBe('simpleHandoff');
    expect(loaded.personas.size).toBe(0);
  });

  it('reports every fault at once: an unknown scenario id, a missing audio file and an unknown persona file', async () => {
    const { dir, options } = await setup();
    const path = join(dir, 'broken.tests.json');
    await writeFile(
      path,
      [
        '{',
        '  "scenario": "customerServiceRetial",',
        '  "tests": [',
        '    { "name": "a", "turns": [{ "audio": "missing.wav" }] },',
        '    { "name": "b", "caller": { "persona": "confused", "goal": "g", "success": "s" } }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const faults = await faultsOf(loadTestsFile(path, { ...options, personasDir: join(dir, 'no-personas') }));
    expect(faults).toHaveLength(3);
    expect(faults[0]).toMatch(
      /^.*broken\.tests\.json:2: scenario: names no scenario: customerServiceRetial \(loaded: chatSupervisor, customerServiceRetail, simpleHandoff;/,
    );
    expect(faults[1]).toBe(`${path}:4: tests[0].turns[0].audio: cannot use the audio file ${join(dir, 'missing.wav')}: there is no such file`);
    expect(faults[2]).toMatch(
      new RegExp(`^${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:5: tests\\[1\\]\\.caller\\.persona: cannot read the persona confused: `),
    );
  });

  it('lists the faults in its message, and the scenario check’s faults with them', async () => {
    const { dir, options } = await setup();
    const path = join(dir, 'x.tests.json');
    await writeFile(
      path,
      JSON.stringify({
        scenario: 'simpleHandoff',
        tests: [{ name: 'a', startAgent: 'poet', turns: [{ user: 'hi', expect: { handoffTo: 'bard' } }] }],
      }),
    );
    const error = (await loadTestsFile(path, options).catch((thrown: unknown) => thrown)) as TestsFileError;
    expect(error).toBeInstanceOf(WorkbenchError);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toBe(
      [
        `The tests file ${path} has 2 faults:`,
        `  ${path}:1: tests[0].startAgent: names no agent of the scenario simpleHandoff: poet (agents: greeter, haikuWriter)`,
        `  ${path}:1: tests[0].turns[0].expect.handoffTo: names no agent of the scenario simpleHandoff: bard (agents: greeter, haikuWriter)`,
      ].join('\n'),
    );
  });

  it('passes on the reader’s faults, and the faults of a scenario file it names', async () => {
    const { dir, options } = await setup();
    const path = join(dir, 'x.tests.json');
    await writeFile(path, '{ "scenario": "simpleHandoff" }');
    expect(await faultsOf(loadTestsFile(path, options))).toEqual([`${path}:1: tests: is missing; it should be a list`]);
    await writeFile(join(dir, 'bad.json'), '{ "id": "bad" }');
    await writeFile(path, JSON.stringify({ scenario: './bad.json', tests: [{ name: 'a', turns: [{ user: 'hi' }] }] }));
    const faults = await faultsOf(loadTestsFile(path, options));
    expect(faults[0]).toBe(`${join(dir, 'bad.json')}: line 1, name: is missing; it should be text`);
    await writeFile(path, JSON.stringify({ scenario: 'gone.json', tests: [{ name: 'a', turns: [{ user: 'hi' }] }] }));
    expect((await faultsOf(loadTestsFile(path, options)))[0]).toMatch(/scenario: cannot read the scenario file .*gone\.json: ENOENT/);
  });

  it('says a single fault as one, and a missing tests file as an io_error naming it', async () => {
    const { dir, options } = await setup();
    const path = join(dir, 'x.tests.json');
    await writeFile(path, '{ "scenario": "simpleHandoff", "tests": [] }');
    await expect(loadTestsFile(path, options)).rejects.toThrow(
      `The tests file ${path} has a fault:\n  ${path}:1: tests: should have at least 1 item`,
    );
    await expect(loadTestsFile(join(dir, 'none.tests.json'), options)).rejects.toMatchObject({
      code: 'io_error',
      message: expect.stringContaining(`Could not read the tests file ${join(dir, 'none.tests.json')}`) as unknown,
    });
  });
});
