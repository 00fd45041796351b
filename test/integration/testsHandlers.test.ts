import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/contract';
import type { HistoryLine } from '../../src-shared/scenarioTests/testHistory';
import type { ListedTestsFile } from '../../src-shared/testsContract';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices } from '../support/testServices';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const KEY = 'sk-test';

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function servicesAgainstFake() {
  const fake = await startFake({ apiKeys: [KEY] });
  const dataDir = await makeDir();
  const services = await createTestServices(dataDir, { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  return { dataDir, services, fake };
}

const listed = async (dispatch: (channel: string, request: unknown) => Promise<Envelope>, scenarioId: string) =>
  value<{ files: ListedTestsFile[] }>(await dispatch('tests:list', { scenarioId })).files;

function historyLine(file: string, passed: boolean, scenarioHash: string): HistoryLine {
  return {
    at: new Date().toISOString(),
    file,
    test: 'starting with the haiku writer, writes a haiku at once',
    scenario: 'simpleHandoff',
    scenarioHash,
    models: { realtime: 'gpt-realtime-2.1' },
    run: 1,
    passed,
    expectations: [{ turn: 1, kind: 'replyIncludes', ok: passed }],
    latency: [{ done: 900 }],
  };
}

describe('the tests channels', () => {
  it('lists the shipped tests file of a scenario with each test and no history yet', async () => {
    const { services } = await servicesAgainstFake();
    const files = await listed(services.dispatch, 'simpleHandoff');
    expect(files).toHaveLength(1);
    const [file] = files;
    expect(file).toMatchObject({ ok: true, origin: 'builtin', path: resolve('agent-configs/simpleHandoff.tests.json') });
    if (!file?.ok) throw new Error('not listed');
    expect(file.tests.map((entry) => entry.test.name)).toEqual([
      'greets, then hands off to the haiku writer',
      'starting with the haiku writer, writes a haiku at once',
      'a rude reply trips the output guardrail',
    ]);
    expect(file.tests[0]!.stability).toEqual({ runs: 0, passed: 0, flaky: false, regressed: false });
  });

  it('lists a user tests file that does not load with each fault, its line and field', async () => {
    const { services, dataDir } = await servicesAgainstFake();
    await mkdir(join(dataDir, 'agent-configs'), { recursive: true });
    const text =
      '{\n  "scenario": "simpleHandoff",\n  "tests": [\n    { "name": "x", "turns": [{ "user": "Hi", "expect": { "handoffTo": "nobody" } }] }\n  ]\n}\n';
    await writeFile(join(dataDir, 'agent-configs', 'mine.tests.json'), text);
    await writeFile(join(dataDir, 'agent-configs', 'other.tests.json'), text.replace('simpleHandoff', 'chatSupervisor'));
    const files = await listed(services.dispatch, 'simpleHandoff');
    const mine = files.find((file) => file.path.endsWith('mine.tests.json'));
    expect(files.some((file) => file.path.endsWith('other.tests.json'))).toBe(false);
    expect(mine).toMatchObject({ ok: false, origin: 'user' });
    if (mine?.ok !== false) throw new Error('not listed as faulty');
    expect(mine.faults).toEqual([
      expect.objectContaining({ line: 4, field: 'tests[0].turns[0].expect.handoffTo', message: expect.stringContaining('nobody') }),
    ]);
  });

  it('records a run in test-results.jsonl and answers the test’s stability, which the list then shows', async () => {
    const { services, dataDir } = await servicesAgainstFake();
    const [file] = await listed(services.dispatch, 'simpleHandoff');
    if (!file?.ok) throw new Error('not listed');
    expect(value(await services.dispatch('tests:record', historyLine(file.path, true, file.scenarioHash)))).toMatchObject({
      runs: 1,
      passed: 1,
      passRate: 1,
    });
    expect(value(await services.dispatch('tests:record', historyLine(file.path, false, file.scenarioHash)))).toMatchObject({
      runs: 2,
      passed: 1,
      flaky: true,
    });
    expect((await readFile(join(dataDir, 'test-results.jsonl'), 'utf8')).trim().split('\n')).toHaveLength(2);
    const [again] = await listed(services.dispatch, 'simpleHandoff');
    if (!again?.ok) throw new Error('not listed');
    expect(again.tests[1]!.stability).toMatchObject({ runs: 2, passRate: 0.5, flaky: true });
  });

  it('refuses a history line with a field missing, naming the field', async () => {
    const { services } = await servicesAgainstFake();
    const { passed: _passed, ...line } = historyLine('/x.tests.json', true, 'h');
    expect(await services.dispatch('tests:record', line)).toMatchObject({
      ok: false,
      error: { code: 'invalid_request', message: expect.stringContaining('passed') },
    });
  });

  it('asks the judge model and the simulated caller (a shipped persona read by name) through main', async () => {
    const { services, fake } = await servicesAgainstFake();
    const judgement = value(
      await services.dispatch('tests:judge', { criterion: 'The assistant greets the caller.', conversation: 'user: Hi\nassistant: Hello!' }),
    );
    expect(judgement).toMatchObject({ verdict: 'pass', reason: expect.any(String), model: 'gpt-6-luna' });
    const line = value(await services.dispatch('tests:callerLine', { persona: 'impatient', goal: 'A haiku about the moon.', conversation: '' }));
    expect(line).toMatchObject({ message: 'Could you write me a haiku?', done: false, model: 'gpt-6.1-terra' });
    const persona = (await readFile(resolve('resources/personas/impatient.md'), 'utf8')).trim().slice(0, 40);
    expect(JSON.stringify(fake.received.http.at(-1)?.body)).toContain(persona.replace(/"/g, '\\"'));
  });
});
