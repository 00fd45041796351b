// Runs the three StrykerJS mutation runs one after another; any run under its `break` threshold fails the whole.
// Extra arguments go to every run (e.g. `npm run test:mutation -- --force` to ignore the incremental files).
import { spawnSync } from 'node:child_process';

const runs = ['pure', 'services', 'sessionLog'];
for (const run of runs) {
  const started = Date.now();
  const result = spawnSync('npx', ['stryker', 'run', `mutation/stryker.${run}.config.mjs`, ...process.argv.slice(2)], { stdio: 'inherit' });
  console.log(`mutation: the ${run} run took ${Math.round((Date.now() - started) / 1000)} s`);
  if (result.status !== 0) {
    console.error(`mutation: the ${run} run failed (exit ${result.status ?? result.signal}); see reports/mutation/${run}.html`);
    process.exit(1);
  }
}
