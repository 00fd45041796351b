// `npm run scenario-test -- FILE… [--runs N] [--junit OUT.xml] [--shard i/n] [--concurrency N] [--grep TEXT]`:
// runs scenario tests headless against the endpoint and key the app uses, prints a report, keeps the results.
import { join, resolve } from 'node:path';
import { formatDollars } from '../../src-shared/cost';
import { WorkbenchError } from '../../src-shared/errors';
import { shardOf } from '../../src-shared/scenarioTests/testRuns';
import { writeFileAtomic } from '../services/atomicFile';
import type { MainServices } from '../services/mainServices';
import { appendHistory, readHistory } from '../services/scenarioTests/resultsFile';
import { runScenarioTests, type LoadedTests } from '../services/scenarioTests/testRunner';
import { loadTestsFile, withPersonaTexts } from '../services/scenarioTests/testsFileLoader';
import { runCost } from '../../src-shared/scenarioTests/runCost';
import { stabilityOf } from '../../src-shared/scenarioTests/testHistory';
import { openHeadlessServices, preflight, root } from './headlessServices';
import { junitXml } from './scenarioTests/junitReport';
import { parseScenarioTestArgs, scenarioTestUsage } from './scenarioTests/scenarioTestArgs';
import { formatReport } from './scenarioTests/testReport';

async function load(files: readonly string[], services: MainServices): Promise<{ loaded: LoadedTests[]; faults: string[] }> {
  const loaded: LoadedTests[] = [];
  const faults: string[] = [];
  for (const file of files) {
    try {
      const read = await loadTestsFile(file, { scenarios: services.scenarios, personasDir: join(root, 'resources/personas') });
      loaded.push({ file, baseDir: read.dir, scenario: read.scenario, tests: withPersonaTexts(read.file.tests, read.personas) });
    } catch (error) {
      faults.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { loaded, faults };
}

async function main(argv: readonly string[]): Promise<number> {
  let args: ReturnType<typeof parseScenarioTestArgs>;
  try {
    args = parseScenarioTestArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${scenarioTestUsage}`);
    return 2;
  }
  const { dataDir, services, upstream, pricing: loadTable } = await openHeadlessServices(process.env);
  try {
    const { loaded, faults } = await load(args.files, services);
    if (faults.length > 0) {
      console.error(faults.join('\n\n'));
      return 2;
    }
    const selected = loaded.map((file) => ({
      ...file,
      tests: file.tests.filter((test) => args.grep === undefined || test.name.toLowerCase().includes(args.grep.toLowerCase())),
    }));
    const all = selected.flatMap((file) => file.tests.map((test) => ({ file, test })));
    const mine = new Set(args.shard ? shardOf(all, args.shard.index, args.shard.count) : all);
    const toRun = selected.map((file) => ({
      ...file,
      tests: all.filter((entry) => entry.file === file && mine.has(entry)).map((entry) => entry.test),
    }));
    const count = toRun.reduce((sum, file) => sum + file.tests.length, 0);
    if (count === 0) {
      console.log(
        `No test to run${args.grep ? ` matches "${args.grep}"` : ''}${args.shard ? ` in shard ${args.shard.index}/${args.shard.count}` : ''}.`,
      );
      console.log('scenario tests: 0 passed, 0 failed');
      return 0;
    }
    const unreachable = await preflight(upstream);
    if (unreachable) {
      console.error(`The endpoint cannot be reached, so no test ran: ${unreachable}`);
      return 2;
    }
    const pricing = await loadTable();
    const history = await readHistory(dataDir);
    console.log(
      `Running ${count} test${count === 1 ? '' : 's'} from ${args.files.length} file${args.files.length === 1 ? '' : 's'}, ${args.concurrency} at a time…`,
    );
    const controller = new AbortController();
    process.once('SIGINT', () => controller.abort());
    const outcomes = await runScenarioTests(toRun, {
      services,
      upstream,
      settings: () => services.settings.get(),
      concurrency: args.concurrency,
      signal: controller.signal,
      ...(args.runs !== undefined ? { runs: args.runs } : {}),
      costOf: (events, extra) => runCost(events, extra, pricing),
      onRun: ({ phase, test, run, outcome }) => {
        if (phase === 'end')
          console.log(
            `  ${outcome?.passed ? '✔' : '✘'} ${test} (run ${run}, ${((outcome?.durationMs ?? 0) / 1000).toFixed(1)} s${outcome?.dollars === undefined ? ', cost not priced' : `, ${formatDollars(outcome.dollars)}`})`,
          );
      },
      onHistory: async (line) => {
        history.push(line);
        await appendHistory(dataDir, line);
      },
    });
    console.log('');
    process.stdout.write(
      formatReport(outcomes, (outcome) =>
        stabilityOf(
          history.filter((line) => line.file === outcome.file && line.test === outcome.test.name),
          outcome.scenarioHash,
        ),
      ),
    );
    if (args.junit) await writeFileAtomic(resolve(args.junit), junitXml(outcomes), 0o644);
    return outcomes.every((outcome) => outcome.passed) ? 0 : 1;
  } catch (error) {
    console.error(error instanceof WorkbenchError ? error.message : `The scenario tests stopped: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await services.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
