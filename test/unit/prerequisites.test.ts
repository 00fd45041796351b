import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { browserTestsBlockedReason, installCommand } from '../../scripts/prerequisites.mjs';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
const savedPath = process.env['PATH'];
const savedChromium = process.env['WORKBENCH_CHROMIUM'];
afterEach(() => {
  process.env['PATH'] = savedPath;
  if (savedChromium === undefined) delete process.env['WORKBENCH_CHROMIUM'];
  else process.env['WORKBENCH_CHROMIUM'] = savedChromium;
});

async function programs(dir: string, names: string[]): Promise<void> {
  for (const name of names) {
    await writeFile(join(dir, name), '#!/bin/sh\n');
    await chmod(join(dir, name), 0o755);
  }
}

describe('the test prerequisites', () => {
  it('name what the Chromium tests miss in one sentence, with the command that installs it', async () => {
    const bin = await makeDir();
    await programs(bin, ['espeak-ng']);
    process.env['PATH'] = bin;
    process.env['WORKBENCH_CHROMIUM'] = join(bin, 'no-chromium');
    expect(browserTestsBlockedReason()).toBe(
      `chromium, sox are not installed, so the Chromium tests cannot run; install with: sudo apt-get install chromium xvfb xdotool espeak-ng sox iproute2`,
    );
    expect(installCommand).toBe('sudo apt-get install chromium xvfb xdotool espeak-ng sox iproute2');
  });

  it('let the Chromium tests run once Chromium, espeak-ng and sox are there, even without Xvfb or ip', async () => {
    const bin = await makeDir();
    await programs(bin, ['espeak-ng', 'sox', 'chromium']);
    process.env['PATH'] = bin;
    process.env['WORKBENCH_CHROMIUM'] = join(bin, 'chromium');
    expect(browserTestsBlockedReason()).toBeUndefined();
  });
});
