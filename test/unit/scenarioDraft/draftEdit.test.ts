import { beforeEach, describe, expect, it } from 'vitest';
import { bikeShopDraft } from '../../../e2e/fake-openai/draftedScenario';
import { draftToFiles } from '../../../src-shared/scenarioDraft/draftFiles';
import type { ScenarioDraft } from '../../../src-shared/scenarioDraft/draftSchema';
import { editDraft, type DraftEdit } from '../../../src-shared/scenarioDraft/draftEdit';

function drafted() {
  const files = draftToFiles(bikeShopDraft() as ScenarioDraft);
  if (!files.ok) throw new Error('the fake’s draft is invalid');
  return { scenario: files.scenario, tests: files.tests, model: 'gpt-test', requests: 1, metaprompt: 'v1' };
}

let state: { drafted: ReturnType<typeof drafted>; edit: DraftEdit };
const shown = () => state;
const editDraftedScenario = (text: string) => {
  state = editDraft(state.drafted, text);
};

describe('editing a drafted scenario before it is saved', () => {
  beforeEach(() => {
    const draft = drafted();
    state = { drafted: draft, edit: { text: JSON.stringify(draft.scenario, null, 2), problems: [] } };
  });

  it('takes a valid edit as the draft Save writes', () => {
    const text = JSON.stringify({ ...drafted().scenario, name: 'Renamed shop' }, null, 2);
    editDraftedScenario(text);
    expect(shown().drafted.scenario.name).toBe('Renamed shop');
    expect(shown().edit).toEqual({ text, problems: [] });
  });

  it('keeps the last valid draft and lists every fault of an invalid edit, each at its line and field', () => {
    const scenario = drafted().scenario;
    const text = JSON.stringify({ ...scenario, defaultAgent: 'reception', description: '' }, null, 2);
    editDraftedScenario(text);
    const lines = text.split('\n');
    const lineOf = (key: string) => lines.findIndex((line) => line.includes(`"${key}"`)) + 1;
    expect(shown().drafted.scenario).toEqual(scenario);
    expect(
      shown()
        .edit.problems.map((problem) => problem.message)
        .sort(),
    ).toEqual(
      [
        `line ${lineOf('defaultAgent')}, defaultAgent: names no agent of this scenario (agents: front_desk)`,
        expect.stringMatching(new RegExp(`^line ${lineOf('description')}, description: `)),
      ].sort(),
    );
  });

  it('names a syntax error by its line', () => {
    editDraftedScenario('{\n  "id": "shop",\n  oops\n}');
    expect(shown().edit.problems).toEqual([expect.objectContaining({ line: 3, message: expect.stringMatching(/^line 3: /) })]);
  });

  it('checks the drafted tests against the edited scenario: a renamed tool its tests call is a fault', () => {
    const scenario = drafted().scenario;
    const agent = scenario.agents[0]!;
    const renamed = { ...scenario, agents: [{ ...agent, tools: agent.tools.map((tool) => ({ ...tool, name: 'schedule_repair' })) }] };
    editDraftedScenario(JSON.stringify(renamed, null, 2));
    expect(shown().edit.problems).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(
          /^The drafted tests' tests\[0\]\.turns\[\d+\]\.expect\.toolCalls\[0\]\.name names no tool of the scenario bikeRepairShop: book_repair/,
        ),
      }),
    ]);
  });
});
