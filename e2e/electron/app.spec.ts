import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findElectronBinary } from '../../scripts/electronBinary.mjs';
import { channels } from '../../src-shared/contract';
import packageJson from '../../package.json' with { type: 'json' };

const { version } = packageJson;

const binary = findElectronBinary();

test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

test('the desktop app opens sandboxed, shows its version and exposes only the contract', async () => {
  if (!('path' in binary)) return;
  const userData = await mkdtemp(join(tmpdir(), 'workbench-electron-'));
  const app = await electron.launch({ executablePath: binary.path, args: ['.', `--user-data-dir=${userData}`] });
  const window = await app.firstWindow();
  await expect(window.getByTestId('app-version')).toHaveText(`v${version} · desktop`);
  const exposed = await window.evaluate(() => ({
    keys: Object.keys(window as unknown as Record<string, unknown>).filter((key) => key === 'workbench' || key === 'require' || key === 'process'),
    domains: Object.keys((window as unknown as { workbench: Record<string, unknown> }).workbench).sort(),
  }));
  expect(exposed.keys).toEqual(['workbench']);
  expect(exposed.domains).toEqual([...new Set([...channels.map((entry) => entry.domain), 'events'])].sort());
  await app.close();
});
