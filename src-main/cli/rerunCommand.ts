// `npm run log -- rerun FILE [--scenario PATH]`: plays a saved session's user turns again against the scenario as it
// is now, saves the new session, and compares the two as `compare` does.
import { resolve } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';
import { rerunSession } from '../services/scenarioTests/rerun';
import { formatComparison } from './compareReport';
import { openHeadlessServices, preflight } from './headlessServices';
import { parseFileArgs, type CommandOutput } from './scenarioTestCommands';

const RERUN_USAGE = 'Usage: npm run log -- rerun FILE [--scenario PATH]';
/** Exit codes: 0 the same tool calls and handoffs, 1 they differ, 2 nothing to compare (unreadable, unreachable, wrong arguments). */
const UNREADABLE = 2;

const quoted = (text: string) => (text.length > 60 ? `“${text.slice(0, 59)}…”` : `“${text}”`);

export async function rerunCommand(args: readonly string[], out: CommandOutput, env: NodeJS.ProcessEnv): Promise<number> {
  const parsed = parseFileArgs(args, { scenario: { type: 'string' } }, RERUN_USAGE, out);
  if (!parsed) return UNREADABLE;
  const { file } = parsed;
  const { services, upstream, pricing } = await openHeadlessServices(env);
  try {
    const unreachable = await preflight(upstream);
    if (unreachable) {
      out.stderr.write(`The endpoint cannot be reached, so nothing was re-run: ${unreachable}\n`);
      return UNREADABLE;
    }
    const scenarioFile = parsed.values.scenario;
    const result = await rerunSession({
      services,
      logPath: resolve(file),
      ...(scenarioFile === undefined ? {} : { scenarioFile: resolve(scenarioFile) }),
      pricing: await pricing(),
      onProgress: ({ phase, turn, of, user }) => {
        if (phase === 'start') out.stdout.write(`Turn ${turn} of ${of}: ${quoted(user)}…\n`);
        else if (phase === 'done') out.stdout.write(`  answered\n`);
        else out.stdout.write(`Turn ${turn} of ${of} has no words (a spoken turn without a transcript); left out.\n`);
      },
    });
    const newPath = services.sessionLogs.pathOf(result.logId);
    out.stdout.write(`Saved the re-run as ${newPath}.\n\n`);
    out.stdout.write(formatComparison(result.comparison, { a: file, b: newPath, colour: out.stdout.isTTY === true }));
    return result.comparison.same ? 0 : 1;
  } catch (error) {
    out.stderr.write(`${error instanceof WorkbenchError ? error.message : `The re-run stopped: ${(error as Error).stack ?? String(error)}`}\n`);
    return UNREADABLE;
  } finally {
    await services.close();
  }
}
