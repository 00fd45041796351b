import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioFile } from '../../../src-shared/scenarioFile';
import type { Scenario } from '../../../src-shared/scenario';
import { checkTestsAgainstScenario } from '../../../src-shared/scenarioTests/scenarioCheck';
import { parseTestsFile, type TestsFile } from '../../../src-shared/scenarioTests/testsFile';

function shippedScenario(id: string): Scenario {
  const parsed = parseScenarioFile(id, readFileSync(`agent-configs/${id}.json`, 'utf8'));
  if (!('scenario' in parsed)) throw new Error(`agent-configs/${id}.json does not parse`);
  return parsed.scenario;
}

function testsOf(text: string): TestsFile {
  const parsed = parseTestsFile(text, 'x.tests.json');
  if (!parsed.ok) throw new Error(parsed.faults.map((fault) => fault.message).join('\n'));
  return parsed.file;
}

const retail = shippedScenario('customerServiceRetail');

describe('checking a tests file against its scenario', () => {
  it('names unknown agents, tools and guardrail categories, each at its line and field', () => {
    const text = `{
  // the retail scenario
  "scenario": "customerServiceRetail",
  "tests": [
    {
      "name": "a",
      "startAgent": "billing",
      "turns": [
        { "user": "hi", "expect": { "handoffTo": "refunds", "guardrail": "RUDE" } },
        { "user": "go", "expect": { "toolCalls": [
          { "name": "lookupOrders" },
          { "name": "transfer_to_returns" },
          { "name": "transfer_to_nobody" },
          { "name": "lookupOrder" }
        ], "guardrail": "OFFENSIVE" } },
        { "user": "ok", "expect": { "guardrail": "pass" } },
        { "silenceMs": 500 },
        { "user": "none", "expect": { "guardrail": "NONE" } }
      ]
    },
    { "name": "b", "startAgent": "sales", "caller": { "persona": "confused", "goal": "g", "success": "s" } }
  ]
}`;
    const faults = checkTestsAgainstScenario(testsOf(text), retail, 'x.tests.json', text);
    expect(faults.map((fault) => [fault.line, fault.field])).toEqual([
      [7, 'tests[0].startAgent'],
      [9, 'tests[0].turns[0].expect.handoffTo'],
      [9, 'tests[0].turns[0].expect.guardrail'],
      [13, 'tests[0].turns[1].expect.toolCalls[2].name'],
      [14, 'tests[0].turns[1].expect.toolCalls[3].name'],
      [18, 'tests[0].turns[4].expect.guardrail'],
    ]);
    const agents = '(agents: authentication, returns, sales, simulatedHuman)';
    expect(faults.map((fault) => fault.message)).toEqual([
      `x.tests.json:7: tests[0].startAgent: names no agent of the scenario customerServiceRetail: billing ${agents}`,
      `x.tests.json:9: tests[0].turns[0].expect.handoffTo: names no agent of the scenario customerServiceRetail: refunds ${agents}`,
      'x.tests.json:9: tests[0].turns[0].expect.guardrail: is neither "pass" nor a guardrail category of the scenario customerServiceRetail: RUDE (categories: OFFENSIVE, OFF_BRAND, VIOLENCE)',
      `x.tests.json:13: tests[0].turns[1].expect.toolCalls[2].name: names no agent of the scenario customerServiceRetail: nobody ${agents}`,
      'x.tests.json:14: tests[0].turns[1].expect.toolCalls[3].name: names no tool of the scenario customerServiceRetail: lookupOrder (tools: authenticate_user_information, lookupOrders, retrievePolicy, checkEligibilityAndPossiblyInitiateReturn, lookupNewSales, addToCart, checkout)',
      'x.tests.json:18: tests[0].turns[4].expect.guardrail: is neither "pass" nor a guardrail category of the scenario customerServiceRetail: NONE (categories: OFFENSIVE, OFF_BRAND, VIOLENCE)',
    ]);
  });

  it('says when a test expects a guardrail of a scenario that has none', () => {
    const text = JSON.stringify({
      scenario: 'x',
      tests: [{ name: 'a', turns: [{ user: 'hi', expect: { guardrail: 'pass', handoffTo: 'greeter' } }] }],
    });
    const bare: Scenario = { ...shippedScenario('simpleHandoff'), guardrail: undefined };
    expect(checkTestsAgainstScenario(testsOf(text), bare, 'x.tests.json', text).map((fault) => fault.message)).toEqual([]);
    const flagged = text.replace('"pass"', '"OFFENSIVE"');
    expect(checkTestsAgainstScenario(testsOf(flagged), bare, 'x.tests.json', flagged).map((fault) => fault.message)).toEqual([
      'x.tests.json:1: tests[0].turns[0].expect.guardrail: the scenario simpleHandoff has no guardrail',
    ]);
  });
});

describe('checking a tests file against a scenario without tools', () => {
  it('says the scenario has none, and puts faults on line 1 of a text that is not the file', () => {
    const file = testsOf(
      JSON.stringify({ scenario: 'x', tests: [{ name: 'a', turns: [{ user: 'hi', expect: { toolCalls: [{ name: 'write_haiku' }] } }] }] }),
    );
    const simple = shippedScenario('simpleHandoff');
    expect(checkTestsAgainstScenario(file, simple, 'x.tests.json', JSON.stringify(file)).map((fault) => fault.message)).toEqual([
      'x.tests.json:1: tests[0].turns[0].expect.toolCalls[0].name: names no tool of the scenario simpleHandoff: write_haiku (tools: none)',
    ]);
    expect(checkTestsAgainstScenario(file, simple, 'x.tests.json', '{ broken').map((fault) => fault.message)).toEqual([
      'x.tests.json:1: tests[0].turns[0].expect.toolCalls[0].name: names no tool of the scenario simpleHandoff: write_haiku (tools: none)',
    ]);
  });
});

describe('the shipped tests files', () => {
  const shipped = readdirSync('agent-configs').filter((name) => name.endsWith('.tests.json'));

  it('test each shipped scenario', () => {
    expect(shipped.sort()).toEqual(['chatSupervisor.tests.json', 'customerServiceRetail.tests.json', 'simpleHandoff.tests.json']);
  });

  it.each(shipped)('%s parses and names only what its scenario has', (name) => {
    const text = readFileSync(`agent-configs/${name}`, 'utf8');
    const parsed = parseTestsFile(text, name);
    expect(parsed.ok ? [] : parsed.faults).toEqual([]);
    if (!parsed.ok) return;
    expect(parsed.file.scenario).toBe(name.replace('.tests.json', ''));
    expect(checkTestsAgainstScenario(parsed.file, shippedScenario(parsed.file.scenario), name, text)).toEqual([]);
  });
});
