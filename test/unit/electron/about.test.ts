import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { describeApp, wantsVersion } from '../../../src-main/hosts/electron/about';
import { startElectronHost } from '../../../src-main/hosts/electron/electronHost';
import type { MainServices } from '../../../src-main/services/mainServices';
import { useTempDirs } from '../../support/tempDir';
import { Menu, app, dialog, resetElectronMock } from '../../mocks/electron';
import { electronHostPaths } from '../../mocks/electronHostPaths';

vi.mock('electron', () => import('../../mocks/electron'));

const makeDir = useTempDirs();
const bundledPricing = resolve('resources/pricing.json');
const realArgv = process.argv;

beforeEach(async () => {
  resetElectronMock();
  app.userData = await makeDir();
});
afterEach(() => {
  process.argv = realArgv;
  vi.doUnmock('../../../src-main/hosts/electron/electronHost');
  vi.restoreAllMocks();
});

describe('Help → About', () => {
  it('describes this app: its version, Node, the log format it writes and the bundled prices’ date', async () => {
    const text = await describeApp(bundledPricing);
    expect(text).toContain('Voice Agent Workbench 9.9.9-test');
    expect(text).toContain(`Node ${process.versions.node}`);
    expect(text).toContain('Session log format 1');
    expect(text).toMatch(/^Prices of \d{4}-\d{2}-\d{2}$/m);
  });

  it('names the date of the user’s own pricing.json when there is one', async () => {
    const table = JSON.parse(await readFile(bundledPricing, 'utf8')) as Record<string, unknown>;
    await writeFile(join(app.userData, 'pricing.json'), JSON.stringify({ ...table, takenOn: '2030-01-02' }));
    expect(await describeApp(bundledPricing)).toContain('Prices of 2030-01-02 (your pricing.json)');
  });

  it('is shown in a dialog from the Help menu', async () => {
    const services: MainServices | null = await startElectronHost(electronHostPaths(await makeDir(), { bundledPricing }));
    try {
      const template = vi.mocked(Menu.buildFromTemplate).mock.calls.at(-1)![0] as {
        label?: string;
        submenu?: { label?: string; click?: () => void }[];
      }[];
      template.find((menu) => menu.label === 'Help')!.submenu!.find((item) => item.label === 'About Voice Agent Workbench')!.click!();
      await vi.waitFor(() => expect(dialog.showMessageBox).toHaveBeenCalledOnce());
      const [, options] = dialog.showMessageBox.mock.calls[0]! as [unknown, { detail: string }];
      expect(options.detail).toContain('Session log format 1');
      expect(options.detail).toMatch(/Prices of \d{4}-\d{2}-\d{2}/);
    } finally {
      await services?.close();
    }
  });
});

describe('--version', () => {
  it('is asked for anywhere after the executable, and not by a file named like it', () => {
    expect(wantsVersion(['/opt/Voice Agent Workbench/voice-agent-workbench', '--version'])).toBe(true);
    expect(wantsVersion(['/usr/bin/electron', '.', '--no-sandbox', '--version'])).toBe(true);
    expect(wantsVersion(['/usr/bin/electron', '.', 'session.jsonl'])).toBe(false);
    expect(wantsVersion(['--version'])).toBe(false);
  });

  async function runMain(argv: string[]) {
    const started = vi.fn(() => Promise.resolve(null));
    vi.doMock('../../../src-main/hosts/electron/electronHost', () => ({ startElectronHost: started }));
    vi.resetModules();
    process.argv = argv;
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    await import('../../../src-main/hosts/electron/main');
    return { started, written };
  }

  it('prints the About text and exits before any window, lock or service', async () => {
    const { started, written } = await runMain(['/usr/bin/electron', '/app', '--version']);
    await vi.waitFor(() => expect(app.exit).toHaveBeenCalledWith(0));
    expect(started).not.toHaveBeenCalled();
    expect(app.requestSingleInstanceLock).not.toHaveBeenCalled();
    const text = written.join('');
    expect(text).toContain('Voice Agent Workbench 9.9.9-test');
    expect(text).toContain(`Node ${process.versions.node}`);
    expect(text).toContain('Session log format 1');
  });

  it('without it starts the app', async () => {
    const { started } = await runMain(['/usr/bin/electron', '/app']);
    expect(started).toHaveBeenCalledOnce();
    expect(app.exit).not.toHaveBeenCalled();
  });
});
