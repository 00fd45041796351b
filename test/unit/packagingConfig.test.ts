import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const require = createRequire(import.meta.url);

describe('the electron-builder configuration', () => {
  it('is valid against electron-builder’s own schema', async () => {
    const schema = JSON.parse(await readFile(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as object;
    const config = parse(await readFile('electron-builder.yml', 'utf8')) as Record<string, unknown>;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(validate(config), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('targets Linux AppImage and deb, a macOS dmg with a microphone usage description, and Windows nsis', async () => {
    const config = parse(await readFile('electron-builder.yml', 'utf8')) as {
      linux: { target: string[] };
      mac: { target: string[]; extendInfo: Record<string, string> };
      win: { target: string[] };
      icon: string;
    };
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
    expect(config.mac.extendInfo['NSMicrophoneUsageDescription']).toMatch(/microphone/);
    expect(config.win.target).toEqual(['nsis']);
    await expect(readFile(config.icon)).resolves.toBeInstanceOf(Buffer);
  });
});
