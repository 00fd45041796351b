import { readFile } from 'node:fs/promises';
import { WorkbenchError } from '../../../src-shared/errors';
import type { PricingTable } from '../../../src-shared/pricing';
import type { Scenario } from '../../../src-shared/scenario';
import { compareSessions, type SessionComparison } from '../../../src-shared/scenarioTests/compareSessions';
import type { MainServices } from '../mainServices';
import { parseScenarioFile } from '../../../src-shared/scenarioFile';
import { readObservedLog } from '../sessionLog/observedLog';
import type { TurnTimeouts } from '../../../src-shared/scenarioTests/turnWatch';
import { HeadlessSession } from './headlessSession';

/** Where a re-run is: a turn about to be played or played, or one left out because it has no words. */
export interface RerunProgress {
  readonly phase: 'start' | 'done' | 'skipped';
  /** 1 for the first user turn. */
  readonly turn: number;
  readonly of: number;
  readonly user: string;
}

export interface RerunOptions {
  readonly services: Pick<MainServices, 'dispatch' | 'settings' | 'scenarios' | 'sessionLogs'>;
  /** The saved session to play again. */
  readonly logPath: string;
  /** A scenario file to run against instead of the library's scenario of the log's id. */
  readonly scenarioFile?: string;
  readonly pricing?: PricingTable;
  readonly onProgress?: (progress: RerunProgress) => void;
  readonly timeouts?: Partial<TurnTimeouts>;
}

export interface RerunResult {
  /** The new session's id in the library. */
  readonly logId: string;
  readonly scenarioId: string;
  /** The saved session (A) against the re-run (B). */
  readonly comparison: SessionComparison;
}

async function scenarioFromFile(path: string): Promise<Scenario> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new WorkbenchError('invalid_request', `The scenario file ${path} cannot be read: ${(error as Error).message}`);
  }
  const parsed = parseScenarioFile(path, text);
  if ('scenario' in parsed) return parsed.scenario;
  throw new WorkbenchError(
    'invalid_request',
    `The scenario file ${path} does not load: ${parsed.problems.map((problem) => problem.message).join('; ')}`,
  );
}

/**
 * Plays a saved session's user turns again (typed text as typed, a spoken turn as its transcript) against
 * the scenario as it is now, starting with the same agent, and saves the new session like any other. What the
 * assistant does may differ; the answer says how, turn by turn, as `npm run log -- compare` does.
 */
export async function rerunSession(options: RerunOptions): Promise<RerunResult> {
  const { services, logPath, pricing } = options;
  const saved = await readObservedLog(logPath, pricing);
  if (!saved.header)
    throw new WorkbenchError(
      'invalid_request',
      `${logPath} has no session header (a raw Realtime event log), so its scenario and start agent are unknown; it cannot be re-run.`,
    );
  const scenario = options.scenarioFile ? await scenarioFromFile(options.scenarioFile) : services.scenarios.find(saved.header.scenario.id);
  const startAgent = saved.header.setup.startAgent;
  if (!scenario.agents.some((agent) => agent.name === startAgent))
    throw new WorkbenchError(
      'invalid_request',
      `The session started with the agent ${startAgent}, which the scenario ${scenario.id} no longer has (it has ${scenario.agents.map((agent) => agent.name).join(', ')}).`,
    );
  const turns = saved.observed.turns;
  const session = await HeadlessSession.open({ services, scenario, startAgent, ...(options.timeouts ? { timeouts: options.timeouts } : {}) });
  let logId: string;
  try {
    for (const turn of turns) {
      const progress = { turn: turn.index, of: turns.length, user: turn.user };
      if (turn.user.trim() === '') {
        options.onProgress?.({ ...progress, phase: 'skipped' });
        continue;
      }
      options.onProgress?.({ ...progress, phase: 'start' });
      await session.say(turn.user).catch((error: unknown) => {
        throw new WorkbenchError(
          error instanceof WorkbenchError ? error.code : 'upstream_unreachable',
          `The re-run stopped at turn ${turn.index} of ${turns.length} (“${turn.user}”): ${error instanceof Error ? error.message : String(error)} What was played so far is saved as a new session.`,
        );
      });
      options.onProgress?.({ ...progress, phase: 'done' });
    }
  } finally {
    logId = (await session.close()).logId;
  }
  const rerun = await readObservedLog(services.sessionLogs.pathOf(logId), pricing);
  return { logId, scenarioId: scenario.id, comparison: compareSessions(saved.observed, rerun.observed) };
}
