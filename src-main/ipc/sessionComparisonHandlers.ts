import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { WorkbenchError } from '../../src-shared/errors';
import { compareSessions } from '../../src-shared/scenarioTests/compareSessions';
import { sessionToTest } from '../../src-shared/scenarioTests/sessionToTest';
import { comparisonData, type RerunProgressPush } from '../../src-shared/sessionComparisonContract';
import type { LoadedPricing } from '../services/pricingTable';
import type { ScenarioLibrary } from '../services/scenarioLibrary';
import { rerunSession } from '../services/scenarioTests/rerun';
import { readObservedLog } from '../services/sessionLog/observedLog';
import type { SessionLibrary } from '../services/sessionLog/sessionLibrary';
import type { SettingsStore } from '../services/settingsStore';
import type { Dispatch, Handlers } from './dispatcher';

export interface SessionComparisonServices {
  readonly settings: SettingsStore;
  readonly scenarios: ScenarioLibrary;
  readonly sessionLogs: SessionLibrary;
  readonly pricing: () => Promise<LoadedPricing>;
  /** The contract itself: a re-run mints, records and calls models through it, as the page would. */
  readonly dispatch: Dispatch;
  readonly onRerunProgress?: (progress: RerunProgressPush) => void;
}

type ComparisonHandlers = Pick<Handlers['sessions'], 'toTest' | 'compare' | 'rerun'>;

const two = (value: number) => String(value).padStart(2, '0');

/** `2026-12-03-1417`, in this machine's time: when the session started. */
function stamp(iso: string): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return 'undated';
  return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
}

/** Writes `<base>.tests.json`, or `<base>-2.tests.json`, `-3`, … : never over a file that is there. */
async function writeNewFile(folder: string, base: string, text: string): Promise<{ path: string; name: string }> {
  await mkdir(folder, { recursive: true });
  for (let attempt = 1; ; attempt++) {
    const name = `${attempt === 1 ? base : `${base}-${attempt}`}.tests.json`;
    const path = join(folder, name);
    try {
      await writeFile(path, text, { flag: 'wx', mode: 0o644 });
      return { path, name };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new WorkbenchError('io_error', `The test could not be written to ${path}: ${(error as Error).message}`);
    }
  }
}

/** Save as test, Compare and Re-run: the Sessions panel's work on whole saved sessions. */
export function sessionComparisonHandlers({
  settings,
  scenarios,
  sessionLogs,
  pricing,
  dispatch,
  onRerunProgress,
}: SessionComparisonServices): ComparisonHandlers {
  return {
    toTest: async ({ id }) => {
      const log = await readObservedLog(sessionLogs.pathOf(id));
      if (!log.header)
        throw new WorkbenchError('log_unreadable', 'This log has no session header, so its scenario and start agent are unknown.', 'id');
      const { scenario, setup, startedAt } = log.header;
      const draft = sessionToTest(log.observed, {
        scenarioId: scenario.id,
        startAgent: setup.startAgent,
        name: `${scenario.name}, session of ${startedAt}`,
      });
      const written = await writeNewFile(scenarios.catalog().userFolder, `${scenario.id}-${stamp(startedAt)}`, `${JSON.stringify(draft, null, 2)}\n`);
      return { ...written, turns: draft.tests[0].turns.length };
    },
    compare: async ({ a, b }) => {
      const table = (await pricing()).table;
      const [logA, logB] = await Promise.all([readObservedLog(sessionLogs.pathOf(a), table), readObservedLog(sessionLogs.pathOf(b), table)]);
      return comparisonData(compareSessions(logA.observed, logB.observed));
    },
    rerun: async ({ id }) => {
      const result = await rerunSession({
        services: { dispatch, settings, scenarios, sessionLogs },
        logPath: sessionLogs.pathOf(id),
        pricing: (await pricing()).table,
        onProgress: ({ phase, turn, of }) => onRerunProgress?.({ id, phase, turn, of }),
      });
      return { newId: result.logId, comparison: comparisonData(result.comparison) };
    },
  };
}
