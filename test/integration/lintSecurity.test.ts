import { spawnSync } from 'node:child_process';
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();

function lintSecurity(root: string): { status: number | null; output: string } {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/lintSecurity.ts', '--root', root], { encoding: 'utf8' });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** A copy of what the security lint scans, to break on purpose. */
async function copyOfScannedCode(): Promise<string> {
  const root = await makeDir();
  for (const folder of ['src-main', 'src-preload', 'src-shared']) await cp(folder, join(root, folder), { recursive: true });
  await mkdir(join(root, 'src-renderer'));
  await cp('src-renderer/index.html', join(root, 'src-renderer/index.html'));
  return root;
}

async function edit(path: string, from: RegExp, to: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  expect(text).toMatch(from);
  await writeFile(path, text.replace(from, to));
}

describe('npm run lint:security (electronegativity)', () => {
  it('passes on the code as it is', { timeout: 90_000 }, () => {
    const { status, output } = lintSecurity('.');
    expect(output).toContain('no high or medium findings beyond the reviewed ones');
    expect(status).toBe(0);
  });

  it('fails, naming each finding, when the meta CSP goes and auxclick is re-enabled', { timeout: 90_000 }, async () => {
    const root = await copyOfScannedCode();
    await edit(join(root, 'src-renderer/index.html'), /<meta\s+http-equiv="Content-Security-Policy"[^>]*\/>/, '');
    // Every window (the main one and the popped-out inspector) loses it.
    await edit(join(root, 'src-main/hosts/electron/mainWindow.ts'), /disableBlinkFeatures: 'Auxclick',/g, '');
    const { status, output } = lintSecurity(root);
    expect(output).toMatch(/MEDIUM CSP_GLOBAL_CHECK/);
    expect(output).toMatch(/MEDIUM AUXCLICK_JS_CHECK at src-main\/hosts\/electron\/mainWindow\.ts/);
    expect(status).toBe(1);
  });

  it('fails, naming the file, when a scanned file cannot be parsed (so was not checked)', { timeout: 90_000 }, async () => {
    const root = await copyOfScannedCode();
    await writeFile(join(root, 'src-main/broken.ts'), 'export const broken = (;\n');
    const { status, output } = lintSecurity(root);
    expect(output).toMatch(/could not parse 1 file\(s\), so did not check them:\n {2}src-main\/broken\.ts: /);
    expect(status).toBe(2);
  });
});
