// Runs the Playwright suites inside a loopback-only network namespace where one can be made (Linux, root),
// so no test can reach past 127.0.0.1; elsewhere it runs them directly and says so.
import { spawnSync } from 'node:child_process';

const playwright = ['npx', 'playwright', 'test', ...process.argv.slice(2)];
const quoted = playwright.map((part) => `'${part.replaceAll("'", "'\\''")}'`).join(' ');
const probe = spawnSync('unshare', ['-n', 'sh', '-c', 'ip link set lo up'], { stdio: 'ignore' });
const isolated = probe.status === 0 && process.env.WORKBENCH_E2E_NO_NETNS !== '1';
if (!isolated) console.log('e2e: no loopback-only network namespace here (needs Linux, root, unshare and ip); running with the normal network.');
const result = isolated
  ? spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${quoted}`], { stdio: 'inherit' })
  : spawnSync(playwright[0], playwright.slice(1), { stdio: 'inherit' });
process.exit(result.status ?? 1);
