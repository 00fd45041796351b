import type { AppInfo } from '../../src-shared/contract';
import { WorkbenchError } from '../../src-shared/errors';
import { personaName } from '../../src-shared/scenarioTests/testsFile';
import { mainTimeoutMs } from '../../src-shared/timeouts';
import { withModelSetting } from '../services/modelRefusal';
import type { UpstreamClientFactory } from '../services/openaiClient';
import { judgeCriterion } from '../services/scenarioTests/judge';
import { nextCallerLine } from '../services/scenarioTests/simulatedCaller';
import { listScenarioTests, recordTestRun, type TestsCatalogOptions } from '../services/scenarioTests/testsCatalog';
import { readPersona } from '../services/scenarioTests/testsFileLoader';
import type { SettingsStore } from '../services/settingsStore';
import type { Handlers } from './dispatcher';
import { testsAudioHandlers } from './testsAudioHandlers';

export interface TestsHandlerServices extends Omit<TestsCatalogOptions, 'dataDir'> {
  readonly appInfo: Pick<AppInfo, 'dataDir'>;
  readonly settings: SettingsStore;
  readonly upstream: UpstreamClientFactory;
}

/** A shipped persona's description when the caller names one (as the tests file may); else the persona as written. */
async function personaText(persona: string, personasDir: string): Promise<string> {
  const name = personaName(persona);
  if (name === undefined) return persona;
  try {
    return await readPersona(personasDir, name);
  } catch (error) {
    throw new WorkbenchError('invalid_request', `The persona ${name} cannot be read from ${personasDir}: ${(error as Error).message}`, 'persona');
  }
}

/**
 * The `tests` domain: the Tests panel's tests files, the judge, the simulated caller and the audio a run in the
 * page asks for, and its results history.
 */
export function createTestsHandlers(services: TestsHandlerServices): Handlers['tests'] {
  return {
    list: async ({ scenarioId }) => ({ files: await listScenarioTests(scenarioId, { ...services, dataDir: services.appInfo.dataDir }) }),
    judge: async ({ criterion, conversation }) => {
      const model = services.settings.get().judgeModel;
      const client = await services.upstream();
      return withModelSetting('judgeModel', model, () =>
        judgeCriterion(client, model, criterion, conversation, AbortSignal.timeout(mainTimeoutMs('tests:judge'))),
      );
    },
    callerLine: async ({ persona, goal, conversation }) => {
      const model = services.settings.get().callerModel;
      const brief = { persona: await personaText(persona, services.personasDir), goal };
      const client = await services.upstream();
      const line = await withModelSetting('callerModel', model, () =>
        nextCallerLine(client, model, brief, conversation, AbortSignal.timeout(mainTimeoutMs('tests:callerLine'))),
      );
      return { ...line, model };
    },
    record: (line) => recordTestRun(services.appInfo.dataDir, line),
    ...testsAudioHandlers(services),
  };
}
