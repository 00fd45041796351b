import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScriptInput } from '../../e2e/fake-openai/defaultScript';
import { bikeShopDraft } from '../../e2e/fake-openai/draftedScenario';
import type { FakeOpenAI } from '../../e2e/fake-openai/server';
import type { FakeScriptInput } from '../../e2e/fake-openai/script';
import { scenarioSchema } from '../../src-shared/scenario';
import { parseTestsFile } from '../../src-shared/scenarioTests/testsFile';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { runNpmScript, type NpmRun } from '../support/npmScript';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();

const DESCRIPTION = 'A bike repair shop: callers book a repair for their bike and hear when it is ready.';

/** Runs `npm run scenario -- draft …` as the README tells a user to, against the fake. */
async function draft(fake: FakeOpenAI, args: readonly string[], dataDir?: string): Promise<NpmRun> {
  return runNpmScript('scenario', ['draft', DESCRIPTION, ...args], fake, dataDir ?? (await makeDir()), 120_000);
}

/** The default script (which plays the drafted agent) with the given draft answers tried first. */
function scriptWith(responses: FakeScriptInput['responses']): FakeScriptInput {
  return { ...defaultScriptInput, responses: [...(responses ?? []), ...(defaultScriptInput.responses ?? [])] };
}

/** The Responses requests the fake received that asked for a scenario draft. */
function draftRequests(fake: FakeOpenAI): Record<string, unknown>[] {
  return fake.received.http
    .filter((request) => request.method === 'POST' && request.path.endsWith('/responses'))
    .map((request) => request.body as Record<string, unknown>)
    .filter((body) => JSON.stringify(body['text'] ?? '').includes('scenario_draft'));
}

describe('npm run scenario -- draft', () => {
  it('writes a scenario and tests file from a scripted draft, and the drafted tests pass against the fake', async () => {
    const fake = await startFake({
      apiKeys: ['sk-test'],
      script: scriptWith([{ name: 'draft', schemaHasProperty: 'defaultAgent', json: bikeShopDraft() }]),
    });
    const out = join(await makeDir(), 'bike.json');
    const dataDir = await makeDir();
    const ran = await draft(fake, ['--out', out], dataDir);
    expect(ran.stderr).toBe('');
    expect(ran.code, ran.stdout).toBe(0);
    expect(ran.stdout).toContain('Drafting with gpt-6.1-terra (metaprompt v1)…');
    expect(ran.stdout).toContain(`Wrote ${out}: 1 agent (front_desk), 1 tools.`);
    const testsPath = join(out, '..', 'bike.tests.json');
    expect(ran.stdout).toContain(`Wrote ${testsPath}: 1 test. Run them: npm run scenario-test -- ${testsPath}`);
    // Both files read back as the app reads them.
    const scenario = scenarioSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(scenario.agents[0]!.tools[0]!.mockResult).toEqual({ booked: true, day: 'Tuesday' });
    const tests = parseTestsFile(readFileSync(testsPath, 'utf8'), testsPath);
    expect(tests.ok && tests.file.scenario).toBe('./bike.json');
    // One strict json_schema request, with the metaprompt's instructions and none of its maintainers' comments.
    const [request, ...more] = draftRequests(fake);
    expect(more).toHaveLength(0);
    expect(JSON.stringify(request!['text'])).toContain('"strict":true');
    expect(String(request!['instructions'])).toContain('Confirmation: whenever the caller gives a name, a number');
    expect(String(request!['instructions'])).not.toContain('<!--');

    const tested = await runNpmScript('scenario-test', [testsPath], fake, dataDir, 150_000);
    expect(tested.code, tested.stdout + tested.stderr).toBe(0);
    expect(tested.stdout.trimEnd().split('\n').at(-1)).toBe('scenario tests: 1 passed, 0 failed');
  }, 300_000);

  it('sends a draft with faults back once, quoting every fault, and writes the repaired one', async () => {
    const broken = bikeShopDraft((drafted) => {
      drafted['defaultAgent'] = 'reception';
      const agent = (drafted['agents'] as Record<string, unknown>[])[0]!;
      (agent['tools'] as Record<string, unknown>[])[0]!['parametersJson'] = '{"type": "object", properties: {}}';
    });
    const fake = await startFake({
      apiKeys: ['sk-test'],
      script: scriptWith([
        { name: 'repaired draft', schemaHasProperty: 'defaultAgent', inputIncludes: 'Your draft has these faults', json: bikeShopDraft() },
        { name: 'broken draft', schemaHasProperty: 'defaultAgent', json: broken },
      ]),
    });
    const out = join(await makeDir(), 'bike.json');
    const ran = await draft(fake, ['--out', out]);
    expect(ran.code, ran.stdout + ran.stderr).toBe(0);
    expect(ran.stdout).toContain('The draft has 2 faults; asking gpt-6.1-terra to repair it…');
    expect(ran.stdout).toContain('in 2 requests');
    const repair = JSON.stringify(draftRequests(fake)[1]!['input']);
    expect(repair).toContain('defaultAgent: names no agent of this scenario (agents: front_desk)');
    expect(repair).toContain('agents[0].tools[0].parametersJson: is not valid JSON text');
    expect(scenarioSchema.parse(JSON.parse(readFileSync(out, 'utf8'))).defaultAgent).toBe('front_desk');
  }, 200_000);

  it('reports every fault of a draft still broken after its repair, writes nothing, and keeps an existing file without --force', async () => {
    const broken = bikeShopDraft((drafted) => {
      drafted['defaultAgent'] = 'reception';
      (drafted['tests'] as Record<string, unknown>[])[0]!['startAgent'] = 'back_office';
    });
    const fake = await startFake({
      apiKeys: ['sk-test'],
      script: scriptWith([{ name: 'always broken', schemaHasProperty: 'defaultAgent', json: broken }]),
    });
    const folder = await makeDir();
    const out = join(folder, 'bike.json');
    const ran = await draft(fake, ['--out', out]);
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain('The scenario draft still has 2 faults after one repair, so nothing was saved:');
    expect(ran.stderr).toContain('  defaultAgent: names no agent of this scenario (agents: front_desk)');
    expect(ran.stderr).toContain('  tests[0].startAgent: names no agent of the scenario bikeRepairShop: back_office (agents: front_desk)');
    expect(existsSync(out)).toBe(false);
    expect(existsSync(join(folder, 'bike.tests.json'))).toBe(false);

    const good = await startFake({
      apiKeys: ['sk-test'],
      script: scriptWith([{ name: 'draft', schemaHasProperty: 'defaultAgent', json: bikeShopDraft() }]),
    });
    writeFileSync(out, '{"mine": true}\n');
    const kept = await draft(good, ['--out', out]);
    expect(kept.code).toBe(1);
    expect(kept.stderr.trim()).toBe(
      `Not written, so nothing of yours is replaced: ${out} already exists. Give another --out, or --force to replace.`,
    );
    expect(readFileSync(out, 'utf8')).toBe('{"mine": true}\n');
    const forced = await draft(good, ['--out', out, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect(JSON.parse(readFileSync(out, 'utf8'))).toMatchObject({ id: 'bikeRepairShop' });
  }, 300_000);

  it('says what is wrong with the arguments, with the usage, and exits 2', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const ran = await runNpmScript('scenario', ['draft', 'short'], fake, await makeDir(), 60_000);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('Describe the use case in a sentence or more');
    expect(ran.stderr).toContain('Usage: npm run scenario -- draft "DESCRIPTION" [--out FILE] [--model ID] [--force]');
  }, 90_000);
});
