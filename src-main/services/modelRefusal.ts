import type { APIError } from 'openai';
import { WorkbenchError } from '../../src-shared/errors';
import { isoDay, modelLifecycle, modelSettings, replacementFor, type ModelSetting } from '../../src-shared/models';

/**
 * Whether the API refused a request because of its model: 404 `model_not_found` (a retired model is
 * answered that way too, with "has been deprecated"), or a 400 whose `param` is the model field.
 */
export function isModelRefusal(error: APIError): boolean {
  if (error.code === 'model_not_found') return true;
  const param = (error.error as { param?: unknown } | undefined)?.param;
  return error.status === 400 && typeof param === 'string' && /(^|\.)model$/.test(param);
}

/**
 * Rewrites a model refusal into words a person can act on: which model, which setting chose it, what the
 * API said, when it was retired and what to use instead. Any other error passes through unchanged.
 */
export function explainModelRefusal(error: unknown, setting: ModelSetting, model: string, now = new Date()): unknown {
  if (!(error instanceof WorkbenchError) || error.code !== 'model_unavailable') return error;
  const { label, role } = modelSettings[setting];
  const lifecycle = modelLifecycle(model, isoDay(now));
  const retired =
    lifecycle.status === 'retired'
      ? ` It was retired on ${lifecycle.shutdown}.`
      : lifecycle.status === 'retiring'
        ? ` Its shutdown is announced for ${lifecycle.shutdown}.`
        : '';
  const replacement = replacementFor(model, setting);
  const instead = replacement ? `Choose another in Settings → ${label}, such as ${replacement}.` : `Choose another in Settings → ${label}.`;
  return new WorkbenchError(
    'model_unavailable',
    `The API does not serve the ${role} model ${model} (${error.message}).${retired} ${instead}`,
    setting,
  );
}

/** Runs a call that uses the model a setting chose, explaining a refusal of that model. */
export async function withModelSetting<T>(setting: ModelSetting, model: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw explainModelRefusal(error, setting, model);
  }
}
