import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultScript } from '../../../e2e/fake-openai/defaultScript';
import { loadScriptFile, parseScript, ScriptError } from '../../../e2e/fake-openai/script';

describe('fake-openai scripts', () => {
  it('fills in defaults for an empty script', () => {
    expect(parseScript({})).toMatchObject({ realtime: [], responses: [], audioTranscripts: [], defaultAudioTranscript: 'Hello there', faults: [] });
  });

  it('refuses a rule with a bad field, naming the field by its path', () => {
    expect(() => parseScript({ realtime: [{ say: 'hi' }, { callTool: { arguments: {} } }] })).toThrow(/realtime\[1\]\.callTool\.name/);
  });

  it('refuses a realtime rule that does nothing', () => {
    expect(() => parseScript({ realtime: [{ userSaid: 'hello' }] })).toThrow(/must do something/);
  });

  it('refuses unknown fields instead of ignoring a typo', () => {
    expect(() => parseScript({ realtime: [{ sya: 'hi' }] })).toThrow(ScriptError);
    expect(() => parseScript({ realtime: [{ sya: 'hi' }] })).toThrow(/sya/);
  });

  it('refuses a fault with an unknown route', () => {
    expect(() => parseScript({ faults: [{ route: 'chat', status: 500 }] })).toThrow(/faults\[0\]\.route/);
  });

  it('loads a script file and names the file when it is not JSON', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'fake-script-'));
    writeFileSync(join(folder, 'good.json'), JSON.stringify({ realtime: [{ say: 'Hi' }] }));
    writeFileSync(join(folder, 'bad.json'), '{ nope');
    await expect(loadScriptFile(join(folder, 'good.json'))).resolves.toMatchObject({ realtime: [{ say: 'Hi' }] });
    await expect(loadScriptFile(join(folder, 'bad.json'))).rejects.toThrow(/bad\.json is not JSON/);
  });

  it('ships a default script that validates', () => {
    expect(defaultScript().realtime.length).toBeGreaterThan(0);
  });
});
