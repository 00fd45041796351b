import { execFile, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import type { ElectronApplication } from '@playwright/test';
import { electronMissing, expect, test } from '../support/electronApp';
import { sessionLogLines } from '../support/sessionLogFile';

test.skip(electronMissing !== undefined, electronMissing ?? '');

const run = promisify(execFile);
const HOOK_PROCESS = 'Push-to-talk keyboard hook';
const hasXdotool = process.platform === 'linux' && spawnSync('xdotool', ['version'], { stdio: 'ignore' }).status === 0;

/** `xdotool` on the display the app runs on (xvfb-run's, in CI); its output. */
async function xdo(...args: string[]): Promise<string> {
  return (await run('xdotool', args, { env: process.env })).stdout.trim();
}

/** The pids of the utility processes running the keyboard hook, by the `serviceName` main forks them with. */
async function hookProcesses(app: ElectronApplication): Promise<number[]> {
  return app.evaluate(
    ({ app: electronApp }, serviceName) =>
      electronApp
        .getAppMetrics()
        .filter((metric) => metric.type === 'Utility' && metric.name === serviceName)
        .map((metric) => metric.pid),
    HOOK_PROCESS,
  );
}

/** Types of the app events in the one saved session log, push-to-talk ones with their source. */
async function savedPttEvents(userData: string): Promise<string[]> {
  return (await sessionLogLines(userData))
    .filter((line) => line.direction === 'app' && line.type?.startsWith('ptt.'))
    .map((line) => `${line.type} by ${String(line.payload?.['source'])}`);
}

test.describe('the global hold-to-talk hotkey on Linux', () => {
  test.skip(process.platform !== 'linux', 'The hook is driven with xdotool on an X display, which only Linux has here');
  test.skip(!process.env['DISPLAY'], 'DISPLAY is not set: run the Electron e2e under xvfb-run, as CI does');
  test.skip(!hasXdotool, 'xdotool is not installed (apt-get install xdotool)');

  test('F9 held on the X display while the window has no focus talks through the hook in its utility process', async ({ desktop, fake }) => {
    const { app, page, driver } = desktop;
    await driver.openSettings();
    await expect(page.getByTestId('hotkey-mode')).toContainText('Global, hold to talk (F9): the keyboard hook is running: hold F9 anywhere');
    const hookPids = await hookProcesses(app);
    expect(hookPids).toHaveLength(1);
    expect(hookPids[0]).not.toBe(app.process().pid);

    await page.getByRole('tab', { name: 'Transcript' }).click();
    await driver.pickScenario('chatSupervisor');
    await page.getByRole('radio', { name: 'Push-to-talk' }).click();
    await driver.connect();
    // Focus sits in a text field, where the window's own push-to-talk key is ignored, and the page counts every key it gets.
    await page.getByLabel('Message', { exact: true }).focus();
    await driver.countKeys();

    // Take X's keyboard focus away from the window: with no window manager, focus on the root window follows the
    // pointer, so the window is shrunk to its minimum at the top left and the pointer parked outside it.
    const [width, height] = (await xdo('getdisplaygeometry')).split(' ').map(Number) as [number, number];
    expect(width > 900 || height > 600, `the X screen (${width}×${height}) must be larger than the window's minimum size, 900×600`).toBe(true);
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]!.setBounds({ x: 0, y: 0, width: 900, height: 600 }));
    await xdo('mousemove', String(width - 1), String(height - 1));
    const [rootWindow] = (await xdo('search', '--maxdepth', '0', '')).split('\n');
    await xdo('windowfocus', rootWindow!);

    const commits = () => fake.received.clientEvents('input_audio_buffer.commit').length;
    for (let hold = 1; hold <= 2; hold += 1) {
      await xdo('keydown', 'F9');
      await expect(page.getByTestId('mic-state')).toHaveText('● Mic live');
      // Longer than the X server's auto-repeat delay: the hook sees repeated key-downs while the key is held.
      await page.waitForTimeout(1500);
      expect(commits()).toBe(hold - 1);
      await xdo('keyup', 'F9');
      await fake.received.waitFor(`commit ${hold}`, () => commits() === hold);
      await expect(page.getByTestId('mic-state')).toHaveText('○ Mic off');
    }
    expect(await driver.keysCounted()).toBe(0);

    await page.getByRole('button', { name: 'Disconnect' }).click();
    await expect(driver.phase).toHaveText('Not connected');
    await expect
      .poll(() => savedPttEvents(desktop.userData))
      .toEqual(['ptt.down by global-hotkey', 'ptt.up by global-hotkey', 'ptt.down by global-hotkey', 'ptt.up by global-hotkey']);
  });
});

test.describe('the keyboard hook on macOS without the Accessibility permission', () => {
  test.skip(process.platform !== 'darwin', 'The Accessibility permission is macOS’s');

  test('the hook is never started, and Settings shows the press-to-toggle fallback and how to grant the permission', async ({ desktop }) => {
    const { app, page, driver } = desktop;
    // Main asks systemPreferences each time it (re)starts the hotkey. The first start ran before Playwright could reach
    // main, so the answer is stubbed now and the hotkey restarted the way a user does: by setting another key in Settings.
    await app.evaluate(({ systemPreferences }) => {
      const state = globalThis as { accessibilityAsked?: boolean[] };
      state.accessibilityAsked = [];
      systemPreferences.isTrustedAccessibilityClient = (prompt: boolean) => {
        state.accessibilityAsked!.push(prompt);
        return false;
      };
    });
    await driver.openSettings();
    await page.getByRole('textbox', { name: 'Push-to-talk hotkey' }).fill('F8');
    await page.getByRole('button', { name: 'Set hotkey' }).click();
    await expect(page.getByRole('status', { name: 'Hotkey state' })).toHaveText('Saved.');

    const mode = page.getByTestId('hotkey-mode');
    await expect(mode).toContainText(
      'Global, press to toggle (F8): the keyboard hook needs the Accessibility permission, which macOS has not given to this app, so it was not started',
    );
    await expect(mode).toContainText('Open System Settings → Privacy & Security → Accessibility, turn on Voice Agent Workbench');
    // Asked without the system prompt, and no hook process left running (uiohook would end its process there).
    const asked = await app.evaluate(() => (globalThis as { accessibilityAsked?: boolean[] }).accessibilityAsked ?? []);
    expect([...new Set(asked)]).toEqual([false]);
    await expect.poll(() => hookProcesses(app)).toEqual([]);
  });
});
