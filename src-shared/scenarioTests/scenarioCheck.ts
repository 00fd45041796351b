import { locateFaultsIn, type FieldFault, type FieldPath } from '../jsonFileFaults';
import type { Scenario } from '../scenario';
import { testsFileFaults, type TestsFile, type TestsFileFault } from './testsFile';

const HANDOFF_PREFIX = 'transfer_to_';

function namesWords(names: readonly string[]): string {
  return names.length === 0 ? 'none' : names.join(', ');
}

/**
 * The agents, tools and guardrail categories a tests file names that its scenario does not have, each at its
 * line and field: a tool is one of any agent's tools or `transfer_to_<agent>`; a guardrail is `pass` or one of
 * the scenario's categories. `text` is the file's text, for the lines.
 */
export function checkTestsAgainstScenario(file: TestsFile, scenario: Scenario, fileName: string, text: string): TestsFileFault[] {
  const agents = scenario.agents.map((agent) => agent.name);
  const tools = [...new Set(scenario.agents.flatMap((agent) => agent.tools.map((tool) => tool.name)))];
  const categories = (scenario.guardrail?.categories ?? []).map((category) => category.name).filter((name) => name !== 'NONE');
  const faults: FieldFault[] = [];
  const agentFault = (path: FieldPath, name: string) => {
    if (!agents.includes(name))
      faults.push({ path, message: `names no agent of the scenario ${scenario.id}: ${name} (agents: ${namesWords(agents)})` });
  };

  file.tests.forEach((test, testIndex) => {
    if (test.startAgent !== undefined) agentFault(['tests', testIndex, 'startAgent'], test.startAgent);
    (test.turns ?? []).forEach((turn, turnIndex) => {
      const at: FieldPath = ['tests', testIndex, 'turns', turnIndex, 'expect'];
      const expect = turn.expect;
      if (!expect) return;
      if (expect.handoffTo !== undefined) agentFault([...at, 'handoffTo'], expect.handoffTo);
      (expect.toolCalls ?? []).forEach((call, callIndex) => {
        const path = [...at, 'toolCalls', callIndex, 'name'];
        if (call.name.startsWith(HANDOFF_PREFIX)) agentFault(path, call.name.slice(HANDOFF_PREFIX.length));
        else if (!tools.includes(call.name))
          faults.push({ path, message: `names no tool of the scenario ${scenario.id}: ${call.name} (tools: ${namesWords(tools)})` });
      });
      const guardrail = expect.guardrail;
      if (guardrail === undefined || guardrail === 'pass' || categories.includes(guardrail)) return;
      faults.push({
        path: [...at, 'guardrail'],
        message: scenario.guardrail
          ? `is neither "pass" nor a guardrail category of the scenario ${scenario.id}: ${guardrail} (categories: ${namesWords(categories)})`
          : `the scenario ${scenario.id} has no guardrail`,
      });
    });
  });
  return faults.length === 0 ? [] : testsFileFaults(fileName, locateFaultsIn(text, faults));
}
