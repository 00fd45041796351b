// Runs the Playwright suites inside a loopback-only network namespace where one can be made (Linux, root),
// so no test can reach past 127.0.0.1; elsewhere it runs them directly and says so.
// Chromium gathers no WebRTC candidates at all on a machine with no default route, so the namespace gets a
// veth pair whose other end is in the same namespace: a default route that leads nowhere.
import { spawnSync } from 'node:child_process';
import { browserTestsBlockedReason } from './prerequisites.mjs';

const blocked = browserTestsBlockedReason();
if (blocked !== undefined) {
  // Under CI a skipped e2e run is a hole, not a pass.
  console.log(`e2e: ${process.env.CI === 'true' ? 'failed' : 'skipped'}: ${blocked}`);
  process.exit(process.env.CI === 'true' ? 1 : 0);
}

const playwright = ['npx', 'playwright', 'test', ...process.argv.slice(2)];
const quoted = playwright.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
const namespaceSetup = [
  'ip link set lo up',
  'ip link add wb0 type veth peer name wb1',
  'ip addr add 10.253.0.1/24 dev wb0',
  'ip link set wb0 up',
  'ip link set wb1 up',
  'ip route add default via 10.253.0.2 dev wb0',
].join(' && ');
const probe = spawnSync('unshare', ['-n', 'sh', '-c', namespaceSetup], { stdio: 'ignore' });
const isolated = probe.status === 0 && process.env.WORKBENCH_E2E_NO_NETNS !== '1';
if (!isolated) console.log('e2e: no loopback-only network namespace here (needs Linux, root, unshare and ip); running with the normal network.');
const result = isolated
  ? spawnSync('unshare', ['-n', 'sh', '-c', `${namespaceSetup} && exec ${quoted}`], { stdio: 'inherit' })
  : spawnSync(playwright[0], playwright.slice(1), { stdio: 'inherit' });
process.exit(result.status ?? 1);
