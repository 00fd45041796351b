import { fieldName, zodFaults, type FieldPath } from '../jsonFileFaults';
import { scenarioReferenceIssues, scenarioSchema, type Scenario } from '../scenario';
import { checkTestsAgainstScenario } from '../scenarioTests/scenarioCheck';
import { testsFileSchema, type TestsFile } from '../scenarioTests/testsFile';
import type { ScenarioDraft } from './draftSchema';

/** One fault of a draft, at its field in the draft as a person writes it (`agents[0].tools[1].parametersJson.required`, `tests[2].name`). */
export interface DraftFault {
  readonly field: string;
  readonly message: string;
}

/** A draft as the two files it becomes, checked as the app checks them when it reads them. */
export type DraftFiles =
  { readonly ok: true; readonly scenario: Scenario; readonly tests: TestsFile } | { readonly ok: false; readonly faults: DraftFault[] };

type Json = Record<string, unknown>;

/** The scenario's fields a draft holds as JSON text, in a field of the same name with `Json` after it. */
const jsonTextFields = new Set(['parameters', 'mockResult', 'outputSchema']);

/** Parses the JSON text of one field, noting a fault at it when it is not JSON. */
function parsedAt(text: string, path: FieldPath, faults: DraftFault[]): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    faults.push({ field: fieldName(path), message: `is not valid JSON text (${(error as Error).message})` });
    return undefined;
  }
}

/** The scenario file's object: nulls left out, JSON text parsed. */
function scenarioOf(draft: ScenarioDraft, faults: DraftFault[]): Json {
  const tool = (path: FieldPath, drafted: { name: string; description: string; parametersJson: string; mockResultJson: string }) => ({
    name: drafted.name,
    description: drafted.description,
    parameters: parsedAt(drafted.parametersJson, [...path, 'parametersJson'], faults),
    mockResult: parsedAt(drafted.mockResultJson, [...path, 'mockResultJson'], faults),
  });
  return {
    id: draft.id,
    name: draft.name,
    description: draft.description,
    defaultAgent: draft.defaultAgent,
    agents: draft.agents.map((agent, agentIndex) => ({
      name: agent.name,
      publicDescription: agent.publicDescription,
      ...(agent.voice === null ? {} : { voice: agent.voice }),
      instructions: agent.instructions,
      handoffs: agent.handoffs,
      tools: agent.tools.map((drafted, toolIndex) => ({
        ...tool(['agents', agentIndex, 'tools', toolIndex], drafted),
        runsOn: drafted.runsOn,
      })),
    })),
    ...(draft.supervisor === null
      ? {}
      : {
          supervisor: {
            instructions: draft.supervisor.instructions,
            tools: draft.supervisor.tools.map((drafted, toolIndex) => tool(['supervisor', 'tools', toolIndex], drafted)),
          },
        }),
    ...(draft.escalation === null
      ? {}
      : {
          escalation: {
            instructions: draft.escalation.instructions,
            outputSchema: parsedAt(draft.escalation.outputSchemaJson, ['escalation', 'outputSchemaJson'], faults),
          },
        }),
    ...(draft.guardrail === null ? {} : { guardrail: draft.guardrail }),
  };
}

/** The tests file's object, for the scenario `scenarioId`. */
function testsOf(draft: ScenarioDraft, scenarioReference: string): Json {
  return {
    scenario: scenarioReference,
    tests: draft.tests.map((test) => ({
      name: test.name,
      ...(test.startAgent === null ? {} : { startAgent: test.startAgent }),
      turns: test.turns.map(({ user, expect }) => {
        const expected: Json = {
          ...(expect.toolCalls.length === 0 ? {} : { toolCalls: expect.toolCalls.map((name) => ({ name })) }),
          ...(expect.handoffTo === null ? {} : { handoffTo: expect.handoffTo }),
          ...(expect.replyIncludes.length === 0 ? {} : { replyIncludes: expect.replyIncludes }),
          ...(expect.judge === null ? {} : { judge: expect.judge }),
        };
        return Object.keys(expected).length === 0 ? { user } : { user, expect: expected };
      }),
    })),
  };
}

/**
 * The scenario file and tests file a draft becomes, each checked as the app checks a file it reads (the scenario's
 * schema and references, the tests file's schema, and the agents and tools the tests name); every fault at once.
 * `scenarioReference` is what the tests file names as its scenario: the scenario file's path relative to it, by
 * default `./<id>.json` beside it.
 */
export function draftToFiles(draft: ScenarioDraft, scenarioReference = `./${draft.id}.json`): DraftFiles {
  const faults: DraftFault[] = [];
  const scenarioInput = scenarioOf(draft, faults);
  const testsInput = testsOf(draft, scenarioReference);
  const scenario = scenarioSchema.safeParse(scenarioInput);
  if (!scenario.success) {
    const unparsed = faults.map((fault) => fault.field);
    // References are checked only once the structure holds; checked loosely here, they are reported alongside.
    for (const { path, message } of [...zodFaults(scenario.error.issues, scenarioInput), ...scenarioReferenceIssues(scenarioInput)]) {
      const field = fieldName(path.map((segment) => (typeof segment === 'string' && jsonTextFields.has(segment) ? `${segment}Json` : segment)));
      // A field whose JSON text did not parse has said so already.
      if (!unparsed.some((fault) => field === fault || field.startsWith(`${fault}.`))) faults.push({ field, message });
    }
  }
  const tests = testsFileSchema.safeParse(testsInput);
  if (!tests.success) faults.push(...zodFaults(tests.error.issues, testsInput).map(({ path, message }) => ({ field: fieldName(path), message })));
  // A scenario whose only faults are its references (checked after its structure) still says which agents and tools it has.
  const structured = scenario.success
    ? scenario.data
    : scenario.error.issues.every((issue) => issue.code === 'custom')
      ? (scenarioInput as Scenario)
      : undefined;
  if (structured !== undefined && tests.success) {
    const crossFaults = checkTestsAgainstScenario(tests.data, structured, 'draft', JSON.stringify(testsInput, null, 2));
    faults.push(...crossFaults.map(({ field, message }) => ({ field, message: message.replace(/^draft:\d+: [^:]*: /, '') })));
  }
  if (faults.length > 0 || !scenario.success || !tests.success) return { ok: false, faults: dedupe(faults) };
  return { ok: true, scenario: scenario.data, tests: tests.data };
}

function dedupe(faults: readonly DraftFault[]): DraftFault[] {
  const seen = new Set<string>();
  return faults.filter((fault) => {
    const key = `${fault.field}\n${fault.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The faults as the lines a repair request quotes and a person reads: `field: what is wrong`. */
export function draftFaultLines(faults: readonly DraftFault[]): string[] {
  return faults.map((fault) => (fault.field === '' ? fault.message : `${fault.field}: ${fault.message}`));
}
