import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function boundaryErrors(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import boundaries', () => {
  it.each([
    ['src-renderer/src/x.ts', "import { readFile } from 'node:fs';"],
    ['src-renderer/src/x.ts', "import { ipcRenderer } from 'electron';"],
    ['src-renderer/src/x.ts', "import { createKeyStore } from '../../src-main/services/keyStore';"],
    ['src-shared/x.ts', "import { join } from 'node:path';"],
    ['src-shared/x.ts', "import { create } from 'zustand';"],
    ['src-main/services/x.ts', "import { app } from 'electron';"],
    ['src-main/services/x.ts', "import { useState } from 'react';"],
    ['src-preload/x.ts', "import { readFile } from 'node:fs';"],
  ])('refuse, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).not.toEqual([]);
  });

  it.each([
    ['src-main/hosts/electron/x.ts', "import { app } from 'electron';"],
    ['src-main/services/x.ts', "import { join } from 'node:path';"],
    ['src-renderer/src/x.ts', "import { create } from 'zustand';"],
    ['src-preload/x.ts', "import { contextBridge } from 'electron';"],
  ])('allow, in %s, %s', async (file, source) => {
    expect(await boundaryErrors(file, `${source}\nexport {};\n`)).toEqual([]);
  });
});
