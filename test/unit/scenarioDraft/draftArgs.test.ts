import { describe, expect, it } from 'vitest';
import { parseDraftArgs } from '../../../src-main/cli/scenario/draftArgs';
import { testsFileBeside } from '../../../src-main/services/scenarioDraft/draftWriter';

const description = 'A bike shop that books repairs.';

describe('npm run scenario arguments', () => {
  it('reads a description and its options in any order', () => {
    expect(parseDraftArgs(['draft', description])).toEqual({ description, out: undefined, model: undefined, force: false });
    expect(parseDraftArgs(['draft', '--out', 'shop.json', `  ${description} `, '--model', 'gpt-6-luna', '--force'])).toEqual({
      description,
      out: 'shop.json',
      model: 'gpt-6-luna',
      force: true,
    });
  });

  it.each([
    [[], 'Say what to do: draft.'],
    [['make', description], 'Unknown command "make"; the command is draft.'],
    [['draft'], 'Describe the use case in a sentence or more'],
    [['draft', 'a shop'], 'Describe the use case in a sentence or more'],
    [['draft', description, 'another one here'], 'One description, in quotes: found a second one ("another one here").'],
    [['draft', description, '--out'], '--out needs a value.'],
    [['draft', description, '--model', '--force'], '--model needs a value.'],
    [['draft', description, '--colour'], 'Unknown option --colour.'],
    [['draft', description, '--out', 'shop.yaml'], '--out shop.yaml: a scenario file ends in .json.'],
    [['draft', description, '--out', 'shop.tests.json'], '--out shop.tests.json: that names a tests file'],
  ])('refuses %j, saying why', (argv, words) => {
    expect(() => parseDraftArgs(argv)).toThrow(words);
  });

  it('puts the tests file beside the scenario file', () => {
    expect(testsFileBeside('/a/shop.json')).toBe('/a/shop.tests.json');
  });
});
