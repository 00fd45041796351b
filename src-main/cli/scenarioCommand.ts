// `npm run scenario -- draft "DESCRIPTION" [--out FILE] [--model ID] [--force]`: a text model drafts a scenario
// file and its tests file from a description, with the endpoint and key the app uses; both are checked as the app
// checks files it reads, and written only when valid.
import { join, resolve } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';
import { existingDraftFiles, writeDraftFiles } from '../services/scenarioDraft/draftWriter';
import { draftScenario, readMetaprompt } from '../services/scenarioDraft/scenarioDrafter';
import { openHeadlessServices, preflight, root } from './headlessServices';
import { parseDraftArgs, scenarioUsage, type DraftArgs } from './scenario/draftArgs';

/** How long the whole draft (and its repair) may take. */
const DRAFT_TIMEOUT_MS = 10 * 60_000;

async function main(argv: readonly string[]): Promise<number> {
  let args: DraftArgs;
  try {
    args = parseDraftArgs(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n${scenarioUsage}`);
    return 2;
  }
  const { services, upstream } = await openHeadlessServices(process.env);
  try {
    const settings = services.settings.get();
    const model = args.model ?? settings.supervisorModel;
    const unreachable = await preflight(upstream);
    if (unreachable) {
      console.error(`The endpoint cannot be reached, so nothing was drafted: ${unreachable}`);
      return 1;
    }
    const metaprompt = await readMetaprompt(join(root, 'resources/metaprompt'));
    const signal = AbortSignal.any([AbortSignal.timeout(DRAFT_TIMEOUT_MS), interrupted()]);
    const drafted = await draftScenario(await upstream(), {
      description: args.description,
      model,
      metaprompt,
      signal,
      progress: (line) => console.log(line),
    });
    const scenarioFile = args.out === undefined ? join(services.scenarios.catalog().userFolder, `${drafted.scenario.id}.json`) : resolve(args.out);
    if (!args.force) {
      const taken = await existingDraftFiles(scenarioFile);
      if (taken.length > 0) {
        console.error(
          `Not written, so nothing of yours is replaced: ${taken.join(' and ')} already exist${taken.length === 1 ? 's' : ''}. Give another --out, or --force to replace.`,
        );
        return 1;
      }
    }
    const { testsPath: testsFile, tests } = await writeDraftFiles(scenarioFile, drafted.scenario, drafted.tests);
    const { agents } = drafted.scenario;
    console.log(
      `Wrote ${scenarioFile}: ${agents.length} agent${agents.length === 1 ? '' : 's'} (${agents.map((agent) => agent.name).join(', ')}), ${agents.reduce((sum, agent) => sum + agent.tools.length, 0)} tools.`,
    );
    console.log(
      `Wrote ${testsFile}: ${tests.tests.length} test${tests.tests.length === 1 ? '' : 's'}. Run them: npm run scenario-test -- ${testsFile}`,
    );
    console.log(
      `Drafted by ${model} in ${drafted.requests} request${drafted.requests === 1 ? '' : 's'} (${drafted.usage.inputTokens} input, ${drafted.usage.outputTokens} output tokens), metaprompt ${metaprompt.version}.`,
    );
    return 0;
  } catch (error) {
    console.error(error instanceof WorkbenchError ? error.message : `The draft stopped: ${(error as Error).stack ?? String(error)}`);
    return 1;
  } finally {
    await services.close();
  }
}

/** Aborts on Ctrl-C. */
function interrupted(): AbortSignal {
  const controller = new AbortController();
  process.once('SIGINT', () => controller.abort());
  return controller.signal;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
