import { mkdir, mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WorkbenchError } from '../../../src-shared/errors';
import { openScenarioLibrary } from '../../../src-main/services/scenarioLibrary';
import { applyPromptEdit, savePrompt } from '../../../src-main/services/scenarioSave';

/** A hand-formatted file: odd indentation and spacing, keys out of the usual order, one-line objects, an escape. */
const handWritten = `{
    "name":   "Prompt test",
  "id": "promptTest",
  "description": "Two agents.",
  "defaultAgent": "greeter",
  "agents": [
    { "name": "greeter", "publicDescription": "Says hello.",
      "instructions": "Say \\"hello\\" and hand off.",
      "handoffs": ["helper"] },
    {
      "name": "helper",
      "publicDescription": "Helps.",
      "instructions": "Help the user.",
      "tools": [
        { "name": "lookup", "description": "Looks a thing up.", "parameters": { "type": "object", "properties": {} } },
        { "name": "other",  "description": "Does another thing.", "parameters": { "type": "object", "properties": {} } }
      ]
    }
  ]
}
`;

async function folders() {
  const root = await mkdtemp(join(tmpdir(), 'scenario-save-'));
  return { builtinDir: join(root, 'builtin'), userDir: join(root, 'user') };
}

async function expectError(promise: Promise<unknown> | (() => unknown)): Promise<WorkbenchError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(WorkbenchError);
    return error as WorkbenchError;
  }
  throw new Error('expected a WorkbenchError');
}

describe('saving an edited prompt to its scenario file', () => {
  it('replaces only the edited instructions, leaving every other byte of the file as it was', () => {
    const { text, changed } = applyPromptEdit('x.json', handWritten, {
      scenarioId: 'promptTest',
      agent: 'helper',
      instructions: 'Talk like a pirate.',
    });
    expect(changed).toEqual(['agents[1].instructions']);
    expect(text).toBe(handWritten.replace('"Help the user."', '"Talk like a pirate."'));
  });

  it('replaces a tool description in place and escapes what JSON needs escaped', () => {
    const { text, changed } = applyPromptEdit('x.json', handWritten, {
      scenarioId: 'promptTest',
      agent: 'helper',
      tools: [{ name: 'other', description: 'Says "two"\nlines.' }],
    });
    expect(changed).toEqual(['agents[1].tools[1].description']);
    expect(text).toBe(handWritten.replace('"Does another thing."', '"Says \\"two\\"\\nlines."'));
  });

  it('leaves a value that is already what the edit asks for untouched, escapes included', () => {
    const { text, changed } = applyPromptEdit('x.json', handWritten, {
      scenarioId: 'promptTest',
      agent: 'greeter',
      instructions: 'Say "hello" and hand off.',
    });
    expect(changed).toEqual([]);
    expect(text).toBe(handWritten);
  });

  it('saves a user scenario in place, keeping its file mode', async () => {
    const { userDir } = await folders();
    const file = join(userDir, 'mine.json');
    await mkdir(userDir, { recursive: true });
    await writeFile(file, handWritten, { mode: 0o640 });
    const saved = await savePrompt({ path: file, origin: 'user' }, userDir, { scenarioId: 'promptTest', agent: 'helper', instructions: 'Be brief.' });
    expect(saved).toEqual({ path: file, override: false, changed: ['agents[1].instructions'] });
    expect(await readFile(file, 'utf8')).toBe(handWritten.replace('"Help the user."', '"Be brief."'));
    expect((await stat(file)).mode & 0o777).toBe(0o640);
  });

  it('saves a shipped scenario as a user override of the same file name, leaving the shipped file alone', async () => {
    const { builtinDir, userDir } = await folders();
    await mkdir(builtinDir, { recursive: true });
    const shipped = join(builtinDir, 'promptTest.json');
    await writeFile(shipped, handWritten);
    const saved = await savePrompt({ path: shipped, origin: 'builtin' }, userDir, {
      scenarioId: 'promptTest',
      agent: 'greeter',
      instructions: 'Greet like a pirate.',
    });
    expect(saved).toEqual({ path: join(userDir, 'promptTest.json'), override: true, changed: ['agents[0].instructions'] });
    expect(await readFile(shipped, 'utf8')).toBe(handWritten);
    expect(await readFile(join(userDir, 'promptTest.json'), 'utf8')).toBe(
      handWritten.replace('"Say \\"hello\\" and hand off."', '"Greet like a pirate."'),
    );
  });

  it('makes the library load the override in place of the shipped scenario once it reloads', async () => {
    const { builtinDir, userDir } = await folders();
    await mkdir(builtinDir, { recursive: true });
    await writeFile(join(builtinDir, 'promptTest.json'), handWritten);
    const library = await openScenarioLibrary({ builtinDir, userDir, watch: false, log: () => undefined });
    try {
      await savePrompt(library.find('promptTest').source, userDir, { scenarioId: 'promptTest', agent: 'helper', instructions: 'Overridden.' });
      const catalog = await library.reload();
      const loaded = catalog.scenarios.filter((scenario) => scenario.id === 'promptTest');
      expect(loaded.map((scenario) => scenario.source)).toEqual([{ path: join(userDir, 'promptTest.json'), origin: 'user' }]);
      expect(loaded[0]!.agents[1]!.instructions).toBe('Overridden.');
    } finally {
      await library.close();
    }
  });

  it('will not overwrite a user file of that name holding another scenario, and says which', async () => {
    const { builtinDir, userDir } = await folders();
    await mkdir(builtinDir, { recursive: true });
    await mkdir(userDir, { recursive: true });
    const shipped = join(builtinDir, 'promptTest.json');
    await writeFile(shipped, handWritten);
    const other = handWritten.replace('"promptTest"', '"somethingElse"');
    await writeFile(join(userDir, 'promptTest.json'), other);
    const error = await expectError(
      savePrompt({ path: shipped, origin: 'builtin' }, userDir, { scenarioId: 'promptTest', agent: 'greeter', instructions: 'Hi.' }),
    );
    expect(error.code).toBe('io_error');
    expect(error.message).toContain('holds the scenario "somethingElse"');
    expect(await readFile(join(userDir, 'promptTest.json'), 'utf8')).toBe(other);
  });

  it('refuses an agent the file does not have, naming the field and the agents it has', async () => {
    const error = await expectError(() => applyPromptEdit('x.json', handWritten, { scenarioId: 'promptTest', agent: 'nobody', instructions: 'Hi.' }));
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('agent');
    expect(error.message).toContain('x.json has no agent "nobody" (its agents: greeter, helper)');
  });

  it('refuses a tool the agent does not have, naming the field', async () => {
    const error = await expectError(() =>
      applyPromptEdit('x.json', handWritten, { scenarioId: 'promptTest', agent: 'helper', tools: [{ name: 'missing', description: 'x' }] }),
    );
    expect(error.field).toBe('tools[0].name');
    expect(error.message).toContain('has no tool "missing" (its tools: lookup, other)');
  });

  it('refuses empty instructions, naming the field of the file, and writes nothing', async () => {
    const { userDir } = await folders();
    await mkdir(userDir, { recursive: true });
    const file = join(userDir, 'mine.json');
    await writeFile(file, handWritten);
    const error = await expectError(
      savePrompt({ path: file, origin: 'user' }, userDir, { scenarioId: 'promptTest', agent: 'helper', instructions: '' }),
    );
    expect(error.code).toBe('invalid_request');
    expect(error.field).toBe('agents[1].instructions');
    expect(error.message).toBe(`${file} would not load with this edit: agents[1].instructions should not be empty.`);
    expect(await readFile(file, 'utf8')).toBe(handWritten);
  });

  it('refuses a missing file with an io_error naming it', async () => {
    const { userDir } = await folders();
    const file = join(userDir, 'gone.json');
    const error = await expectError(
      savePrompt({ path: file, origin: 'user' }, userDir, { scenarioId: 'promptTest', agent: 'helper', instructions: 'x' }),
    );
    expect(error.code).toBe('io_error');
    expect(error.message).toContain(`Could not read the scenario file ${file}`);
  });

  it('refuses a file that no longer loads, saying what is wrong with it', async () => {
    const error = await expectError(() => applyPromptEdit('x.json', '{"id": ', { scenarioId: 'promptTest', agent: 'helper', instructions: 'x' }));
    expect(error.code).toBe('invalid_request');
    expect(error.message).toMatch(/^x\.json cannot be saved to until it loads again: line 1: not valid JSON/);
  });
});
