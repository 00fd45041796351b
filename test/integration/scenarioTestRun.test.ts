import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { defaultScriptInput } from '../../e2e/fake-openai/defaultScript';
import { SPEECH_SAMPLE_RATE, tone } from '../../e2e/fake-openai/speech';
import { wavFile } from '../../e2e/fake-openai/speechRoute';
import type { FakeOpenAI } from '../../e2e/fake-openai/server';
import type { FakeScriptInput } from '../../e2e/fake-openai/script';
import { parseHistory } from '../../src-shared/scenarioTests/testHistory';
import { parseLogLine } from '../../src-shared/sessionLog';
import { useFakeOpenAI } from '../support/fakeOpenAI';
import { runNpmScript, type NpmRun } from '../support/npmScript';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const startFake = useFakeOpenAI();

/** Runs `npm run scenario-test -- …` as a user types it, against the fake, with a data folder of its own. */
async function scenarioTest(fake: FakeOpenAI | undefined, args: readonly string[], dataDir?: string): Promise<NpmRun> {
  return runNpmScript('scenario-test', args, fake, dataDir ?? (await makeDir()), 150_000);
}

/** Writes a tests file into a fresh folder and returns its path. */
async function testsFile(content: unknown, name = 'checks.tests.json'): Promise<string> {
  const path = join(await makeDir(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return path;
}

/** A 16-bit mono WAV of the fake's own tone, standing in for a person speaking. */
function speechWav(folder: string, name: string, seconds = 1.2): string {
  const samples = tone('x'.repeat(Math.round(seconds / 0.065)));
  const path = join(folder, name);
  writeFileSync(path, wavFile(samples, SPEECH_SAMPLE_RATE));
  return path;
}

/** The default script with some Responses rules of the test's own tried first. */
const withRules = (responses: FakeScriptInput['responses']): FakeScriptInput => ({
  ...defaultScriptInput,
  responses: [...(responses ?? []), ...defaultScriptInput.responses],
});

const last = (text: string) => text.trimEnd().split('\n').at(-1);

describe('npm run scenario-test', () => {
  it('passes the shipped scenarios’ tests against the fake, saving each run as a marked session and a results line', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const files = ['chatSupervisor', 'simpleHandoff', 'customerServiceRetail'].map((id) => `agent-configs/${id}.tests.json`);
    const ran = await scenarioTest(fake, [...files, '--concurrency', '2']);
    expect(ran.stderr).toBe('');
    expect(ran.code, ran.stdout).toBe(0);
    expect(last(ran.stdout)).toMatch(/^scenario tests: [1-9]\d* passed, 0 failed$/);
    expect(ran.stdout).toContain('✔ judge: ');
    // The shipped guardrail test: the fake's rude reply is flagged, and the test expects exactly that.
    expect(ran.stdout).toMatch(/✔ \S*simpleHandoff\.tests\.json › a rude reply trips the output guardrail/);
    expect(ran.stdout).toContain('✔ guardrail: a reply flagged OFFENSIVE');
    expect(ran.stdout).toMatch(/latency: created \+\d+ ms/);
    // Each run's line says what it cost, as the Tests panel does.
    expect(ran.stdout).toMatch(/^ {2}✔ .+ \(run 1, \d+\.\d s, \$\d+\.\d+\)$/m);
    const history = parseHistory(readFileSync(join(ran.dataDir, 'test-results.jsonl'), 'utf8'));
    expect(history.skipped).toBe(0);
    expect(history.lines.length).toBeGreaterThanOrEqual(8);
    expect(history.lines.every((line) => line.passed && line.logId !== undefined && line.models['judge'] === 'gpt-6-luna')).toBe(true);
    const logs = readdirSync(join(ran.dataDir, 'sessions')).filter((name) => name.endsWith('.jsonl'));
    expect(logs).toHaveLength(history.lines.length);
    const header = parseLogLine(readFileSync(join(ran.dataDir, 'sessions', logs[0]!), 'utf8').split('\n')[0]!);
    expect(header.kind === 'header' && header.header.testRun).toMatchObject({ run: 1 });
  }, 200_000);

  it('reports each failed expectation with what was seen instead, the judge’s reason, and exits 1', async () => {
    const fake = await startFake({
      apiKeys: ['sk-test'],
      script: withRules([
        {
          name: 'judge fails a refund in cash',
          schemaHasProperty: 'verdict',
          inputIncludes: 'refund in cash',
          json: { verdict: 'fail', reason: 'No cash refund was offered.' },
        },
      ]),
    });
    const file = await testsFile({
      scenario: 'customerServiceRetail',
      tests: [
        {
          name: 'wrong in every way',
          turns: [
            {
              user: 'My phone number is 206 135 1246 and the last four digits of my card are 1 2 3 4.',
              expect: {
                toolCalls: [{ name: 'authenticate_user_information', arguments: { last_4_digits: '9999' } }],
                handoffTo: 'sales',
                replyIncludes: 'snowboard wax',
                replyMatches: '^Goodbye',
                judge: 'The assistant offers a refund in cash.',
                latencyMs: { created: 1 },
              },
            },
            { user: 'Yes, return it.', expect: { noToolCalls: true } },
          ],
        },
      ],
    });
    const ran = await scenarioTest(fake, [file]);
    expect(ran.code, ran.stdout).toBe(1);
    expect(ran.stdout).toMatch(/✘ toolCalls: expected .*9999.*; seen .*"last_4_digits":"1234"/);
    expect(ran.stdout).toMatch(/✘ handoffTo: expected sales; seen .*returns/);
    expect(ran.stdout).toMatch(/✘ replyIncludes: .*snowboard wax/);
    expect(ran.stdout).toMatch(/✘ replyMatches: .*Goodbye/);
    expect(ran.stdout).toMatch(/✘ judge: expected The assistant offers a refund in cash\.; seen fail: No cash refund was offered\./);
    expect(ran.stdout).toMatch(/✘ latencyMs\.created: expected at most 1 ms; seen \d+ ms/);
    expect(ran.stdout).toMatch(/✘ noToolCalls: .*checkEligibilityAndPossiblyInitiateReturn/);
    expect(last(ran.stdout)).toBe('scenario tests: 0 passed, 1 failed');
  }, 120_000);

  it('runs a test `runs` times and reports the pass rate; a simulated caller reaches its goal, another gives up at maxTurns', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const file = await testsFile({
      scenario: 'chatSupervisor',
      tests: [
        { name: 'greets', runs: 3, turns: [{ user: 'Hi', expect: { replyIncludes: 'Brightwave' } }] },
        {
          name: 'caller gets the bill',
          caller: { persona: 'impatient', goal: 'Learn what the last bill was.', success: 'The bill amount is given.', maxTurns: 4 },
        },
        {
          name: 'caller never hears a haiku',
          caller: { persona: 'confused', goal: 'Hear a haiku about the moon.', success: 'A haiku is recited.', maxTurns: 2 },
        },
      ],
    });
    const ran = await scenarioTest(fake, [file]);
    expect(ran.code, ran.stdout).toBe(1);
    expect(ran.stdout).toContain('✔ checks.tests.json › greets — 3 of 3 runs passed (needs 100 %)'.replace('checks.tests.json', file));
    expect(ran.stdout).toMatch(/✔ caller: done within 4 turns/);
    expect(ran.stdout).toMatch(/✘ caller: expected done within 2 turns; seen gave up: not done after 2 turns/);
    expect(last(ran.stdout)).toBe('scenario tests: 2 passed, 1 failed');
  }, 120_000);

  it('a voice caller’s speech goes through the fake’s turn detection, and an audio turn barges in on the answer', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'], deltaIntervalMs: 40 });
    const folder = await makeDir();
    speechWav(folder, 'haiku-please.wav');
    speechWav(folder, 'stop.wav', 0.8);
    const file = join(folder, 'voice.tests.json');
    writeFileSync(
      file,
      JSON.stringify({
        scenario: 'simpleHandoff',
        tests: [
          {
            name: 'voice caller',
            caller: { persona: 'A polite poetry fan.', goal: 'Hear a haiku.', success: 'A haiku is recited.', maxTurns: 3, voice: true },
          },
          {
            name: 'barge in',
            startAgent: 'haikuWriter',
            turns: [{ user: 'A haiku about the moon, please.' }, { audio: 'stop.wav', interruptAfterMs: 150 }],
          },
        ],
      }),
    );
    const ran = await scenarioTest(fake, [file]);
    expect(ran.stdout).toMatch(/✔ caller: done within 3 turns/);
    expect(fake.received.http.some((request) => request.path.startsWith('/v1/audio/speech'))).toBe(true);
    const [voiceLog, bargeLog] = readdirSync(join(ran.dataDir, 'sessions'))
      .filter((name) => name.endsWith('.jsonl'))
      .sort()
      .map((name) => readFileSync(join(ran.dataDir, 'sessions', name), 'utf8'));
    expect(voiceLog).toContain('input_audio_buffer.speech_stopped');
    expect(voiceLog).toContain('Could you write me a haiku?');
    expect(bargeLog).toContain('input_audio_buffer.speech_started');
    expect(bargeLog).toMatch(/"type":"response\.(cancel|done)"[^\n]*"status":"cancelled"|"type":"response\.cancel"/);
  }, 150_000);

  it('--shard 1/2 and 2/2 run every test exactly once between them, and --junit writes XML a JUnit parser reads', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const names = ['one', 'two', 'three', 'four', 'five'];
    const file = await testsFile({
      scenario: 'simpleHandoff',
      tests: names.map((name) => ({ name, turns: [{ user: 'Hello', expect: { replyIncludes: name === 'five' ? 'nope' : 'haiku' } }] })),
    });
    const folder = await makeDir();
    const shards = await Promise.all(
      ['1/2', '2/2'].map((shard, at) => scenarioTest(fake, [file, '--shard', shard, '--junit', join(folder, `shard${at + 1}.xml`)])),
    );
    const ranNames = shards.map((shard) => names.filter((name) => shard.stdout.includes(`› ${name}`)));
    expect(ranNames.flat().sort()).toEqual([...names].sort());
    expect(ranNames[0]!.filter((name) => ranNames[1]!.includes(name))).toEqual([]);
    const parser = new XMLParser({ ignoreAttributes: false, isArray: (name) => ['testsuite', 'testcase'].includes(name) });
    const cases = [1, 2].flatMap((at) => {
      const xml = parser.parse(readFileSync(join(folder, `shard${at}.xml`), 'utf8')) as {
        testsuites: { testsuite: { testcase: Record<string, unknown>[] }[] };
      };
      return xml.testsuites.testsuite.flatMap((suite) => suite.testcase);
    });
    expect(cases.map((testCase) => testCase['@_name']).sort()).toEqual([...names].sort());
    const failed = cases.find((testCase) => testCase['@_name'] === 'five')!;
    expect(JSON.stringify(failed['failure'])).toContain('replyIncludes');
    expect(cases.filter((testCase) => testCase['failure'] !== undefined)).toHaveLength(1);
  }, 150_000);

  it('a 429 with retry-after is waited out and the test passes; a 429 that persists fails that test with the reason, and the next still runs', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'], faults: [{ route: 'responses', status: 429, retryAfterSeconds: 1, times: 1 }] });
    const file = await testsFile({
      scenario: 'chatSupervisor',
      tests: [{ name: 'judged', turns: [{ user: 'Hi', expect: { judge: 'The assistant greets the caller.' } }] }],
    });
    const once = await scenarioTest(fake, [file]);
    expect(once.code, once.stdout).toBe(0);
    expect(fake.received.http.filter((request) => request.path.startsWith('/v1/responses') && request.status === 429)).toHaveLength(1);

    const stubborn = await startFake({ apiKeys: ['sk-test'], faults: [{ route: 'responses', status: 429, retryAfterSeconds: 0 }] });
    const two = await testsFile({
      scenario: 'chatSupervisor',
      tests: [
        { name: 'judged', turns: [{ user: 'Hi', expect: { judge: 'The assistant greets the caller.' } }] },
        { name: 'plain', turns: [{ user: 'Hi', expect: { replyIncludes: 'Brightwave' } }] },
      ],
    });
    const ran = await scenarioTest(stubborn, [two]);
    expect(ran.code, ran.stdout).toBe(1);
    expect(ran.stdout).toMatch(/✘ did not finish: .*(rate limit|429)/i);
    expect(ran.stdout).toContain(`✔ ${two} › plain`);
  }, 150_000);

  it('names every fault of an invalid tests file at once, with its line and field, and exits 2 before running anything', async () => {
    const fake = await startFake({ apiKeys: ['sk-test'] });
    const file = await testsFile(
      [
        '{',
        '  "scenario": "customerServiceRetail",',
        '  "tests": [',
        '    { "name": "bad", "runs": 0, "minPassRate": 2,',
        '      "turns": [ { "user": "hi", "expect": { "replyMatches": "(unclosed", "handoffTo": "returns" } } ] }',
        '  ]',
        '}',
      ].join('\n'),
    );
    const ran = await scenarioTest(fake, [file]);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain(`${file}:4: tests[0].runs`);
    expect(ran.stderr).toContain(`${file}:5: tests[0].turns[0].expect.replyMatches`);
    expect(ran.stderr).toContain(`${file}:4: tests[0].minPassRate`);
    expect(ran.stderr).toContain('has 3 faults');
    expect(fake.received.http).toEqual([]);
  }, 60_000);

  it('says in one sentence that the endpoint cannot be reached, and exits 2', async () => {
    const ran = await scenarioTest(undefined, ['agent-configs/simpleHandoff.tests.json']);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(/^The endpoint cannot be reached, so no test ran: .+/);
  }, 60_000);
});
