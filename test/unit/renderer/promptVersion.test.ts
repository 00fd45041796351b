import { describe, expect, it } from 'vitest';
import { changedFields, promptStatus, promptText, samePrompt, type PromptVersion } from '../../../src-renderer/src/state/promptVersion';

const prompt = (instructions: string, tools: Record<string, string> = { lookup: 'Looks up.' }): PromptVersion => ({ instructions, tools });
const texts = (lines: { text: string }[]) => lines.map((line) => line.text);

describe('an agent’s prompt versions', () => {
  it('names the fields that changed, instructions first, then each tool description', () => {
    expect(changedFields(prompt('a'), prompt('b', { lookup: 'Finds.' }))).toEqual(['instructions', 'tools.lookup.description']);
    expect(changedFields(prompt('a'), prompt('a'))).toEqual([]);
    expect(samePrompt(prompt('a'), prompt('a'))).toBe(true);
    expect(samePrompt(prompt('a'), prompt('a', { lookup: 'x' }))).toBe(false);
  });

  it('reads as one text for the difference view, each tool description under its name', () => {
    expect(promptText(prompt('Do it.'))).toBe('Do it.\n\n── tool lookup ──\nLooks up.\n');
  });
});

describe('what the panel says about the editor, the running session and the file', () => {
  const file = prompt('file');

  it('without a session: same as the file, or edited and not saved', () => {
    expect(texts(promptStatus({ file, draft: file, session: undefined }))).toEqual(['Same as the scenario file.']);
    expect(texts(promptStatus({ file, draft: prompt('mine'), session: undefined }))).toEqual(['Edited here, not saved to the scenario file.']);
  });

  it('with a session running the file’s prompt, and an edit not yet applied', () => {
    const session = { connected: file, running: file };
    expect(texts(promptStatus({ file, draft: file, session }))).toEqual(['The running session uses the scenario file’s prompt.']);
    expect(texts(promptStatus({ file, draft: prompt('mine'), session }))).toEqual(['Edited here, not applied to the running session yet.']);
  });

  it('with an applied edit that is not saved', () => {
    const edited = prompt('mine');
    expect(texts(promptStatus({ file, draft: edited, session: { connected: file, running: edited } }))).toEqual([
      'The running session uses an edited prompt that is not saved.',
    ]);
  });

  it('when the file changed on disk after the session started: Apply to use it, or the session keeps its own', () => {
    const changed = prompt('changed on disk');
    expect(texts(promptStatus({ file: changed, draft: changed, session: { connected: file, running: file } }))).toEqual([
      'The file changed on disk since this session started — Apply to use it.',
    ]);
    expect(texts(promptStatus({ file: changed, draft: prompt('mine'), session: { connected: file, running: prompt('applied') } }))).toEqual([
      'The file changed on disk since this session started; the running session still uses its own prompt.',
      'The running session uses an edited prompt that is not saved.',
      'Edited here, not applied to the running session yet.',
    ]);
  });

  it('when the file no longer has the agent, Save is not possible', () => {
    expect(texts(promptStatus({ file: undefined, draft: file, session: undefined }))[0]).toMatch(/no longer has this agent/);
  });
});
