// First step of `npm test`: installs the missing system packages where it can (root with apt-get, as
// .ci/run does), otherwise says in one sentence what is missing and how to install it. Under CI (CI=true)
// anything still missing fails the run, so a browser test is never skipped there in silence.
import { spawnSync } from 'node:child_process';
import { installCommand, prerequisites } from './prerequisites.mjs';

const missing = () => prerequisites().filter((item) => !item.present);
const canInstall = process.getuid?.() === 0 && spawnSync('apt-get', ['--version'], { stdio: 'ignore' }).status === 0;

if (missing().length > 0 && canInstall) {
  const names = missing().map((item) => item.name);
  console.log(`prerequisites: installing ${names.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...names], { stdio: 'inherit', env });
}

const stillMissing = missing();
if (stillMissing.length > 0) {
  const names = stillMissing.map((item) => item.name).join(', ');
  const blocked = stillMissing.some((item) => item.neededByBrowserTests)
    ? 'the Chromium tests (e2e and the WebRTC integration test) will be skipped'
    : 'the tests that need them say so and fall back';
  console.log(`prerequisites: ${names} ${stillMissing.length === 1 ? 'is' : 'are'} missing, so ${blocked}; install with: ${installCommand}`);
  if (process.env.CI === 'true') {
    console.log('prerequisites: CI=true, so a missing prerequisite fails the run instead of skipping tests.');
    process.exit(1);
  }
}
