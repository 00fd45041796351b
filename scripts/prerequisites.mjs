// The system programs the tests need beyond npm packages, found the way a shell finds them.
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

/** The Debian packages the README's install line names, in its order. */
export const installCommand = 'sudo apt-get install chromium xvfb xdotool espeak-ng sox iproute2';

function onPath(program) {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each prerequisite: the Debian package, whether it is here, and whether Chromium tests (e2e and the WebRTC
 * integration test) cannot run without it. Xvfb (the Electron spec) and ip (the loopback-only namespace)
 * have fallbacks that say so, so they do not stop those tests.
 */
export function prerequisites() {
  const chromium = process.env.WORKBENCH_CHROMIUM ?? '/usr/bin/chromium';
  return [
    { name: 'chromium', present: executable(chromium), neededByBrowserTests: true },
    { name: 'xvfb', present: onPath('Xvfb'), neededByBrowserTests: false },
    { name: 'xdotool', present: onPath('xdotool'), neededByBrowserTests: false },
    { name: 'espeak-ng', present: onPath('espeak-ng'), neededByBrowserTests: true },
    { name: 'sox', present: onPath('sox'), neededByBrowserTests: true },
    { name: 'iproute2', present: onPath('ip'), neededByBrowserTests: false },
  ];
}

/** Why the Chromium tests cannot run here, in one sentence, or undefined when they can. */
export function browserTestsBlockedReason() {
  const missing = prerequisites().filter((item) => item.neededByBrowserTests && !item.present);
  if (missing.length === 0) return undefined;
  return `${missing.map((item) => item.name).join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed, so the Chromium tests cannot run; install with: ${installCommand}`;
}
