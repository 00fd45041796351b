import type { ScenarioProblem } from '../scenario';
import { parseScenarioFile } from '../scenarioFile';
import { checkTestsAgainstScenario } from '../scenarioTests/scenarioCheck';
import type { DraftedScenario } from './draftContract';

/** What the draft's editor is called in its faults. */
export const DRAFT_FILE_NAME = 'the drafted scenario';

/**
 * A drafted scenario as the user edits it before saving: the file's text, and the faults that keep it from being
 * saved, each at its line and field (none when the text reads as a scenario its drafted tests agree with).
 */
export interface DraftEdit {
  readonly text: string;
  readonly problems: readonly ScenarioProblem[];
}

/** The scenario file's text as it will be written. */
export function draftFileText(drafted: DraftedScenario): string {
  return `${JSON.stringify(drafted.scenario, null, 2)}\n`;
}

/**
 * An edit of the drafted scenario's text, checked as the app checks scenario files (syntax, schema, references,
 * each fault at its line and field) and against the drafted tests (the agents and tools they name). A valid text
 * becomes the draft that Save writes; one with faults keeps the last valid draft.
 */
export function editDraft(drafted: DraftedScenario, text: string): { drafted: DraftedScenario; edit: DraftEdit } {
  const parsed = parseScenarioFile(DRAFT_FILE_NAME, text);
  if ('problems' in parsed) return { drafted, edit: { text, problems: parsed.problems } };
  const testFaults = checkTestsAgainstScenario(drafted.tests, parsed.scenario, 'the drafted tests', JSON.stringify(drafted.tests, null, 2));
  return {
    drafted: { ...drafted, scenario: parsed.scenario },
    // The tests are not edited here, so their faults name the field, not a line of a text the user cannot see.
    edit: {
      text,
      problems: testFaults.map((fault) => {
        // Its message leads with the file, line and field (`file:14: field: …`); the field is all that helps here.
        const said = fault.message.slice(fault.message.indexOf(`${fault.field}: `) + fault.field.length + 2);
        return { path: fault.file, field: fault.field, message: `The drafted tests' ${fault.field} ${said}` };
      }),
    },
  };
}
