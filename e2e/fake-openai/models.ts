import { ApiError } from './apiError';

/**
 * The models the fake serves, as the real API's `GET /v1/models` lists them (with `shutdown_date` where a
 * shutdown is announced), and the ones already shut down, which it refuses the way the real API refuses a
 * retired model. Kept apart from the app's own model list on purpose: the fake stands for the platform.
 * Facts as of 2026-12-03 (see /work/shared/REALTIME-PROTOCOL.md, "Newer surface").
 */
const served: Readonly<Record<string, string | null>> = {
  'gpt-realtime-2.1': null,
  'gpt-realtime-2.1-mini': null,
  'gpt-realtime-2': null,
  'gpt-realtime-1.5': null,
  'gpt-realtime': '2027-01-20',
  'gpt-realtime-2025-08-28': '2027-01-20',
  'gpt-realtime-mini': '2027-01-20',
  'gpt-realtime-mini-2025-12-15': '2027-01-20',
  'gpt-6-astra': null,
  'gpt-6.1-sol': null,
  'gpt-6.1-terra': null,
  'gpt-6-sol': null,
  'gpt-6-luna': null,
  'gpt-5.6-terra': null,
  'gpt-5.6-luna': null,
  'gpt-4.1': '2027-01-14',
  'gpt-4.1-2025-04-14': '2027-01-14',
  'gpt-4.1-mini': '2027-01-14',
  'gpt-4.1-mini-2025-04-14': '2027-01-14',
  o3: '2026-12-11',
  'o3-2025-04-16': '2026-12-11',
};

/** Shut down: a request naming one is refused with the real API's deprecation answer. */
const shutDown: ReadonlySet<string> = new Set([
  'o4-mini',
  'o4-mini-2025-04-16',
  'gpt-4.1-nano',
  'gpt-4.1-nano-2025-04-14',
  'o1',
  'o3-mini',
  'gpt-realtime-mini-2025-10-06',
  'gpt-4o-mini-realtime-preview-2024-12-17',
]);

export type ModelRefusal = 'not_found' | 'deprecated';

/** The real API's answer for a model it does not serve: 404 `model_not_found`, worded by why. */
export function modelRefused(model: string, refusal: ModelRefusal): ApiError {
  return new ApiError(
    404,
    'model_not_found',
    refusal === 'deprecated'
      ? `The model \`${model}\` has been deprecated, learn more here: https://platform.openai.com/docs/deprecations`
      : `The model \`${model}\` does not exist or you do not have access to it.`,
  );
}

/** Refuses a model that is shut down; a model the list does not know is served, so new ids can be tried. */
export function checkModelServed(model: string): void {
  if (shutDown.has(model)) throw modelRefused(model, 'deprecated');
}

/** `GET /v1/models`: the served models, with `shutdown_date` as the real list carries it. */
export function listModels(): {
  object: 'list';
  data: { id: string; object: 'model'; created: number; owned_by: string; shutdown_date: string | null }[];
} {
  return {
    object: 'list',
    data: Object.entries(served).map(([id, shutdown]) => ({
      id,
      object: 'model',
      created: 1_764_720_000,
      owned_by: 'system',
      shutdown_date: shutdown,
    })),
  };
}

/** `GET /v1/models/{id}`: one served model, or the real API's 404. */
export function retrieveModel(id: string): ReturnType<typeof listModels>['data'][number] {
  const model = listModels().data.find((candidate) => candidate.id === id);
  if (!model) throw modelRefused(id, shutDown.has(id) ? 'deprecated' : 'not_found');
  return model;
}

/** Refuses a request for `model` on `route` when a fault says so or the model is shut down. */
export function gateModel(
  faults: { refusalFor(route: 'client_secrets' | 'calls' | 'realtime' | 'responses', model: string): ModelRefusal | undefined },
  route: 'client_secrets' | 'calls' | 'realtime' | 'responses',
  model: string,
): void {
  const refusal = faults.refusalFor(route, model);
  if (refusal) throw modelRefused(model, refusal);
  checkModelServed(model);
}
