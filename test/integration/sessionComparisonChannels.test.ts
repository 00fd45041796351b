import { copyFile, mkdir, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-shared/contract';
import type { SessionComparisonData } from '../../src-shared/sessionComparisonContract';
import type { FakeOpenAI } from '../../e2e/fake-openai/server';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { useTempDirs } from '../support/tempDir';
import { createTestServices, type TestServices } from '../support/testServices';

process.env['OPENAI_AGENTS_DISABLE_TRACING'] = '1';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();
const SAMPLE = 'resources/sample-session/customer-service-retail.jsonl';
const SAMPLE_ID = 'customer-service-retail';
const opened: TestServices[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((services) => services.close()));
});

function value<T>(envelope: Envelope): T {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** Main's services over a data folder whose library holds the sample session, answering through the fake. */
async function servicesWithSample(): Promise<{ services: TestServices; dataDir: string; fake: FakeOpenAI }> {
  const fake = await startFake({ apiKeys: ['sk-test'] });
  const dataDir = await makeDir();
  await mkdir(join(dataDir, 'sessions'));
  await copyFile(SAMPLE, join(dataDir, 'sessions', `${SAMPLE_ID}.jsonl`));
  const services = await createTestServices(dataDir, { OPENAI_API_KEY: 'sk-test', OPENAI_BASE_URL: `${fake.baseUrl}/v1` });
  opened.push(services);
  return { services, dataDir, fake };
}

describe('the Sessions panel’s channels', () => {
  it('sessions:toTest writes the draft into the user scenario folder, adding -2 rather than replacing a file', async () => {
    const { services, dataDir } = await servicesWithSample();
    const first = value<{ path: string; name: string; turns: number }>(await services.dispatch('sessions:toTest', { id: SAMPLE_ID }));
    expect(first.name).toMatch(/^customerServiceRetail-\d{4}-\d\d-\d\d-\d{4}\.tests\.json$/);
    expect(first.path).toBe(join(dataDir, 'agent-configs', first.name));
    expect(first.turns).toBe(3);
    const draft = JSON.parse(await readFile(first.path, 'utf8')) as { scenario: string; tests: { startAgent: string }[] };
    expect(draft).toMatchObject({ scenario: 'customerServiceRetail', tests: [{ startAgent: 'authentication' }] });
    const second = value<{ name: string }>(await services.dispatch('sessions:toTest', { id: SAMPLE_ID }));
    expect(second.name).toBe(first.name.replace('.tests.json', '-2.tests.json'));
    expect((await readdir(join(dataDir, 'agent-configs'))).sort()).toEqual([first.name, second.name].sort());
    // A tests file beside the scenarios is not taken for a scenario.
    expect(services.scenarios.catalog().problems).toEqual([]);
  });

  it('sessions:compare answers a session against itself as the same, in every turn, as plain JSON the contract accepts', async () => {
    const { services } = await servicesWithSample();
    const comparison = value<SessionComparisonData>(await services.dispatch('sessions:compare', { a: SAMPLE_ID, b: SAMPLE_ID }));
    expect(comparison.same).toBe(true);
    expect(comparison.turnCount).toEqual({ a: 3, b: 3 });
    expect(comparison.turns.find((turn) => turn.index === 2)?.toolCalls.map((call) => call.name)).toContain('lookupOrders');
  });

  it('sessions:rerun plays the sample again against the fake, saves it in the library and compares the two', async () => {
    const { services } = await servicesWithSample();
    const pushed: unknown[] = [];
    services.push.connect((channel, payload) => {
      if (channel === 'sessions:rerun-progress') pushed.push(payload);
    });
    const { newId, comparison } = value<{ newId: string; comparison: SessionComparisonData }>(
      await services.dispatch('sessions:rerun', { id: SAMPLE_ID }),
    );
    expect(comparison.same).toBe(true);
    expect(comparison.turnCount).toEqual({ a: 3, b: 3 });
    const listed = value<{ sessions: { id: string; scenarioId: string }[] }>(await services.dispatch('sessions:list', {}));
    expect(listed.sessions.find((session) => session.id === newId)).toMatchObject({ scenarioId: 'customerServiceRetail' });
    // The page is told as each turn starts and is done, to say "Turn 2 of 3…".
    expect(pushed).toEqual([1, 2, 3].flatMap((turn) => (['start', 'done'] as const).map((phase) => ({ id: SAMPLE_ID, phase, turn, of: 3 }))));
  }, 60_000);

  it('sessions:rerun that loses its connection says at which turn it stopped and why, in words', async () => {
    const { services, fake } = await servicesWithSample();
    fake.faults.set([{ route: 'realtime', dropMidResponse: true }]);
    const answer = await services.dispatch('sessions:rerun', { id: SAMPLE_ID });
    expect(answer.ok).toBe(false);
    expect(answer.ok ? '' : answer.error.message).toMatch(
      /^The re-run stopped at turn 1 of 3 \(“.+”\): .+ What was played so far is saved as a new session\.$/,
    );
  }, 60_000);

  it('sessions:rerun of a session the library does not have is refused in words', async () => {
    const { services } = await servicesWithSample();
    const answer = await services.dispatch('sessions:rerun', { id: 'no-such-session' });
    expect(answer).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no-such-session\.jsonl does not exist\.$/) as unknown } });
  });
});
