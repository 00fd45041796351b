import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScriptInput } from '../../e2e/fake-openai/defaultScript';
import type { FakeOpenAI } from '../../e2e/fake-openai/server';
import { parseLogLine } from '../../src-shared/sessionLog';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { runNpmScript, type NpmRun } from '../support/npmScript';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';
const EDITED = 'EDITED: send anyone who mentions a snowboard to sales.';

/** Runs `npm run log -- rerun …` as a user types it, against the fake, with a data folder of its own. */
async function rerun(fake: FakeOpenAI | undefined, args: readonly string[]): Promise<NpmRun> {
  return runNpmScript('log', ['rerun', ...args], fake, await makeDir(), 100_000);
}

/** The sample's scenario with the authentication agent's prompt edited, as a file beside the test. */
async function editedScenario(): Promise<string> {
  const scenario = JSON.parse(readFileSync('agent-configs/customerServiceRetail.json', 'utf8')) as {
    agents: { name: string; instructions: string }[];
  };
  const authentication = scenario.agents.find((agent) => agent.name === 'authentication')!;
  authentication.instructions = `${authentication.instructions} ${EDITED}`;
  const path = join(await makeDir(), 'edited.json');
  writeFileSync(path, JSON.stringify(scenario, null, 2));
  return path;
}

describe('npm run log -- rerun', () => {
  it('plays the sample again against the fake, saves the new session and exits 0 when the tool calls and handoffs are the same', async () => {
    const ran = await rerun(await startFake(), [SAMPLE]);
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toContain('Turn 1 of 3: “Hi, I bought a snowboard last week and I want to send it ba…”…\n  answered\n');
    expect(ran.stdout).toContain('Turn 3 of 3: “Yes, I want to return it.”…\n  answered\n');
    const [saved] = readdirSync(join(ran.dataDir, 'sessions')).filter((name) => name.endsWith('.jsonl'));
    const newPath = join(ran.dataDir, 'sessions', saved!);
    expect(ran.stdout).toContain(`Saved the re-run as ${newPath}.`);
    expect(ran.stdout).toContain(`A: ${SAMPLE}\nB: ${newPath}\nBoth have 3 user turns.`);
    expect(ran.stdout).toContain('    = lookupOrders same arguments');
    expect(ran.stdout.trimEnd().split('\n').at(-1)).toBe('compare: same tool calls and handoffs');
    const header = parseLogLine(readFileSync(newPath, 'utf8').split('\n')[0]!);
    expect(header).toMatchObject({ kind: 'header', header: { scenario: { id: 'customerServiceRetail' }, setup: { startAgent: 'authentication' } } });
  }, 120_000);

  it('runs against a scenario file given with --scenario and exits 1, naming the turn whose handoff changed', async () => {
    const fake = await startFake({
      script: {
        ...defaultScriptInput,
        agents: { ...defaultScriptInput.agents, edited: { instructionsInclude: EDITED } },
        realtime: [
          { name: 'the edited prompt sends a snowboard to sales', agent: 'edited', userSaid: 'snowboard', handoffTo: 'sales' },
          ...defaultScriptInput.realtime,
        ],
      },
    });
    const ran = await rerun(fake, [SAMPLE, '--scenario', await editedScenario()]);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('Turn 1: differs in handoffs');
    expect(ran.stdout).toMatch(/handoffs differ: A none · B authentication → sales/);
    expect(ran.stdout.trimEnd().split('\n').at(-1)).toBe('compare: 3 turns differ in tool calls or handoffs');
  }, 120_000);

  it('exits 2 with one sentence when the endpoint cannot be reached, and re-runs nothing', async () => {
    const ran = await rerun(undefined, [SAMPLE]);
    expect(ran.code).toBe(2);
    expect(ran.stdout).toBe('');
    expect(ran.stderr).toMatch(/^The endpoint cannot be reached, so nothing was re-run: /);
  }, 60_000);

  it('exits 2 naming a scenario file that does not load', async () => {
    const broken = join(await makeDir(), 'broken.json');
    writeFileSync(broken, '{ "id": "x" }');
    const ran = await rerun(await startFake(), [SAMPLE, '--scenario', broken]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`The scenario file ${broken} does not load: `);
  }, 60_000);
});
