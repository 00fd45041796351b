import { readFileSync, readdirSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'jsonc-parser';
import { describe, expect, it, vi } from 'vitest';
import { parseTestsFile, regexFault, shippedPersonas } from '../../../src-shared/scenarioTests/testsFile';

const messages = (text: string) => {
  const parsed = parseTestsFile(text, 'checkout.tests.json');
  return parsed.ok ? [] : parsed.faults.map((fault) => fault.message);
};

const fileWith = (tests: unknown[]) => JSON.stringify({ scenario: 'customerServiceRetail', tests }, null, 2);

describe('reading a tests file', () => {
  it('reads scripted turns and a caller, with comments, filling in the defaults', () => {
    const parsed = parseTestsFile(
      `{
        // the retail scenario
        "scenario": "customerServiceRetail",
        "tests": [
          { "name": "returns", "turns": [
            { "user": "hi", "expect": { "replyIncludes": ["return"], "latencyMs": { "firstAudio": 1500 } } },
            { "audio": "clips/yes.wav", "interruptAfterMs": 300 },
            { "silenceMs": 2000 }
          ] },
          { "name": "impatient", "runs": 3, "minPassRate": 0.67,
            "caller": { "persona": "impatient", "goal": "return a board", "success": "the return is started", "voice": true } }
        ]
      }`,
      'x.tests.json',
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const [scripted, caller] = parsed.file.tests;
    expect(scripted).toMatchObject({ runs: 1, minPassRate: 1 });
    expect(scripted!.turns![1]).toEqual({ audio: 'clips/yes.wav', interruptAfterMs: 300 });
    expect(caller!.caller).toEqual({ persona: 'impatient', goal: 'return a board', success: 'the return is started', maxTurns: 8, voice: true });
  });

  it('reports three faults at once, each with its file, line and field', () => {
    const text = `{
  "scenario": "customerServiceRetail",
  "tests": [
    {
      "name": "checkout",
      "turns": [
        { "user": "hi", "audio": "a.wav" },
        { "user": "buy it", "expect": { "replyMatches": "(total" } }
      ]
    },
    { "name": "other", "runz": 3, "turns": [{ "user": "hi" }] }
  ]
}`;
    const parsed = parseTestsFile(text, 'checkout.tests.json');
    expect(parsed).toEqual({
      ok: false,
      faults: [
        {
          file: 'checkout.tests.json',
          line: 7,
          field: 'tests[0].turns[0]',
          message: 'checkout.tests.json:7: tests[0].turns[0]: needs exactly one of user, audio or silenceMs; it has user and audio',
        },
        {
          file: 'checkout.tests.json',
          line: 8,
          field: 'tests[0].turns[1].expect.replyMatches',
          message: 'checkout.tests.json:8: tests[0].turns[1].expect.replyMatches: not a valid regular expression: Unterminated group',
        },
        {
          file: 'checkout.tests.json',
          line: 11,
          field: 'tests[1].runz',
          message: 'checkout.tests.json:11: tests[1].runz: is not a field here; check its spelling and where it is nested',
        },
      ],
    });
  });

  it('says where the JSON itself is broken, on its line', () => {
    expect(messages('{\n  "scenario": "x",\n  "tests": [,]\n}')).toEqual(['checkout.tests.json:3: not valid JSON (ValueExpected)']);
    expect(messages('')).toEqual(['checkout.tests.json:1: not valid JSON (ValueExpected)']);
  });

  it('names missing and mistyped fields in plain words', () => {
    expect(messages('{ "tests": [] }')).toEqual([
      'checkout.tests.json:1: scenario: is missing; it should be text',
      'checkout.tests.json:1: tests: should have at least 1 item',
    ]);
    expect(messages(fileWith([{ name: 'a', runs: 0, minPassRate: 1.5, turns: [{ silenceMs: 'long' }] }]))).toEqual([
      'checkout.tests.json:6: tests[0].runs: should be at least 1',
      'checkout.tests.json:7: tests[0].minPassRate: should be at most 1',
      'checkout.tests.json:10: tests[0].turns[0].silenceMs: should be a number, found text',
    ]);
  });

  it('wants turns or a caller in each test, not both, and unique test names', () => {
    const caller = { persona: 'A retired teacher who speaks slowly.', goal: 'g', success: 's' };
    expect(messages(fileWith([{ name: 'a' }, { name: 'b', turns: [{ user: 'hi' }], caller }, { name: 'a', caller }]))).toEqual([
      'checkout.tests.json:4: tests[0]: needs turns or a caller',
      'checkout.tests.json:7: tests[1]: has both turns and caller; keep one',
      'checkout.tests.json:21: tests[2].name: repeats the test name "a"',
    ]);
  });

  it('wants exactly one of user, audio or silenceMs in a turn, and interruptAfterMs only on audio', () => {
    expect(
      messages(fileWith([{ name: 'a', turns: [{ expect: {} }, { user: 'hi', interruptAfterMs: 100 }, { audio: 'a.wav', interruptAfterMs: 0 }] }])),
    ).toEqual([
      'checkout.tests.json:7: tests[0].turns[0]: needs exactly one of user, audio or silenceMs; it has none',
      'checkout.tests.json:12: tests[0].turns[1].interruptAfterMs: belongs on an audio turn',
    ]);
  });

  it('refuses contradictory tool call expectations and unknown latency milestones', () => {
    expect(
      messages(
        fileWith([
          {
            name: 'a',
            turns: [
              { user: 'x', expect: { toolCallsExactly: true } },
              { user: 'y', expect: { noToolCalls: true, toolCalls: [{ name: 't' }] } },
              { user: 'z', expect: { latencyMs: { firstByte: 10, done: -1 } } },
            ],
          },
        ]),
      ).map((message) => message.replace(/^checkout\.tests\.json:\d+: /, '')),
    ).toEqual([
      'tests[0].turns[0].expect.toolCallsExactly: goes with a toolCalls list, which is missing',
      'tests[0].turns[1].expect.noToolCalls: contradicts the toolCalls list beside it; keep one',
      'tests[0].turns[2].expect.latencyMs.firstByte: is not a field here; check its spelling and where it is nested',
      'tests[0].turns[2].expect.latencyMs.done: should be more than 0',
    ]);
  });

  it('takes a one-word persona as a shipped persona, refusing a name that is not shipped', () => {
    const withPersona = (persona: string) => messages(fileWith([{ name: 'a', caller: { persona, goal: 'g', success: 's' } }]));
    expect(withPersona('confused')).toEqual([]);
    expect(withPersona('Someone who is in a hurry.')).toEqual([]);
    expect(withPersona('Rushed caller')).toEqual([]);
    expect(withPersona('an impatient caller.')).toEqual([]);
    expect(withPersona('impatiant')).toEqual([
      'checkout.tests.json:7: tests[0].caller.persona: names no shipped persona (impatient, confused, off-topic, interrupts); describe one in a sentence instead',
    ]);
  });

  it('tells why a pattern is not a regular expression', () => {
    expect(regexFault('a(b')).toBe('Unterminated group');
    expect(regexFault('[a')).toBe('Unterminated character class');
    expect(regexFault('return(ed)?')).toBeUndefined();
  });

  it('ships a description for every persona it names, and no other', () => {
    expect(readdirSync('resources/personas').sort()).toEqual(shippedPersonas.map((name) => `${name}.md`).sort());
  });
});

describe('the published JSON Schema of a tests file', () => {
  const published = readFileSync('docs/scenario-tests.schema.json', 'utf8');

  it('is the one generated from the zod schema the app reads with (run `npm run schema` after changing it)', async () => {
    // Generated from a fresh import: the schema is a module-level value, evaluated here rather than before a
    // mutation-testing run switches a change to it on.
    vi.resetModules();
    const { testsFileJsonSchema } = await import('../../../src-shared/scenarioTests/testsJsonSchema');
    expect(JSON.parse(published)).toEqual(testsFileJsonSchema());
  });

  it('accepts the shipped tests files and refuses an unknown field', () => {
    const validate = new Ajv2020({ strict: false }).compile(JSON.parse(published) as object);
    for (const name of readdirSync('agent-configs').filter((file) => file.endsWith('.tests.json'))) {
      expect(validate(parse(readFileSync(`agent-configs/${name}`, 'utf8')))).toBe(true);
    }
    expect(validate({ scenario: 'x', tests: [{ name: 'a', turns: [{ user: 'hi', expect: { replyInclude: 'x' } }] }] })).toBe(false);
  });
});
