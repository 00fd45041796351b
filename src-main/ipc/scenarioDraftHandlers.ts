import { join } from 'node:path';
import type { Handlers } from './dispatcher';
import { WorkbenchError } from '../../src-shared/errors';
import { mainTimeoutMs } from '../../src-shared/timeouts';
import { existingDraftFiles, writeDraftFiles } from '../services/scenarioDraft/draftWriter';
import { withModelSetting } from '../services/modelRefusal';
import type { UpstreamClientFactory } from '../services/openaiClient';
import { IMPROVE_METAPROMPT_FILE, improvePrompt } from '../services/scenarioDraft/promptImprover';
import { draftScenario, readMetaprompt } from '../services/scenarioDraft/scenarioDrafter';
import type { ScenarioLibrary } from '../services/scenarioLibrary';
import type { SettingsStore } from '../services/settingsStore';

export interface ScenarioDraftServices {
  readonly settings: SettingsStore;
  readonly scenarios: ScenarioLibrary;
  readonly upstream: UpstreamClientFactory;
  /** resources/metaprompt: where the drafting metaprompt is read from. */
  readonly metapromptDir: string;
}

/**
 * The `scenarios` domain's authoring channels: New scenario… (draft one with a text model, then write it to the user
 * scenario folder) and Improve this prompt… (rewrite one agent's instructions). The supervisor's model writes: the
 * text model the user already chose for quality answers.
 */
export function scenarioDraftHandlers(services: ScenarioDraftServices): Pick<Handlers['scenarios'], 'draft' | 'create' | 'improvePrompt'> {
  return {
    draft: async ({ description }) => {
      const model = services.settings.get().supervisorModel;
      const metaprompt = await readMetaprompt(services.metapromptDir);
      const client = await services.upstream();
      const drafted = await withModelSetting('supervisorModel', model, () =>
        draftScenario(client, {
          description,
          model,
          metaprompt,
          signal: AbortSignal.timeout(mainTimeoutMs('scenarios:draft')),
          progress: () => undefined,
        }),
      );
      return { scenario: drafted.scenario, tests: drafted.tests, model, requests: drafted.requests, metaprompt: metaprompt.version };
    },
    improvePrompt: async ({ scenarioId, agent, instructions }) => {
      const scenario = services.scenarios.find(scenarioId);
      const model = services.settings.get().supervisorModel;
      const metaprompt = await readMetaprompt(services.metapromptDir, IMPROVE_METAPROMPT_FILE);
      const client = await services.upstream();
      const improved = await withModelSetting('supervisorModel', model, () =>
        improvePrompt(client, {
          scenario,
          agent,
          instructions,
          model,
          metaprompt,
          signal: AbortSignal.timeout(mainTimeoutMs('scenarios:improvePrompt')),
        }),
      );
      return { instructions: improved.instructions, changes: [...improved.changes], model, metaprompt: metaprompt.version };
    },
    create: async ({ scenario, tests }) => {
      const catalog = services.scenarios.catalog();
      const taken = catalog.scenarios.find((known) => known.id === scenario.id);
      if (taken)
        throw new WorkbenchError(
          'invalid_request',
          `A scenario with the id ${scenario.id} already exists (${taken.source.path}); give the draft another id before saving it.`,
          'scenario.id',
        );
      const scenarioFile = join(catalog.userFolder, `${scenario.id}.json`);
      const [existing] = await existingDraftFiles(scenarioFile);
      if (existing !== undefined)
        throw new WorkbenchError(
          'invalid_request',
          `${existing} already exists, and nothing of yours is replaced; give the draft another id.`,
          'scenario.id',
        );
      const { path, testsPath } = await writeDraftFiles(scenarioFile, scenario, tests);
      // The page hears of the new scenario before this answers, not a watcher's debounce later.
      await services.scenarios.reload();
      return { path, testsPath };
    },
  };
}
