import { APIError } from 'openai';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { priceOf, pricingTableSchema } from '../../src-shared/pricing';
import { isModelRefusal, explainModelRefusal } from '../../src-main/services/modelRefusal';
import { WorkbenchError } from '../../src-shared/errors';
import { defaultModels, isoDay, knownModel, knownModels, modelChoices, modelLifecycle, replacementFor } from '../../src-shared/models';
import { defaultSettings, settingsSchema, wireVoice } from '../../src-shared/settings';

const SIX_MONTHS_ON = '2027-06-03';

describe('the known models', () => {
  it('default to models with no shutdown announced within six months of the day the list was read', () => {
    for (const model of Object.values(defaultModels)) {
      const known = knownModel(model);
      expect(known, model).toBeDefined();
      expect(known!.shutdown === undefined || known!.shutdown > SIX_MONTHS_ON, model).toBe(true);
    }
    expect(defaultSettings).toMatchObject(defaultModels);
    expect(defaultModels.realtimeModel).toBe('gpt-realtime-2.1');
  });

  it('know a dated snapshot by its model, and nothing by a mere prefix', async () => {
    // A fresh import, so that the module-level snapshot pattern is the one under test in a mutation run too.
    vi.resetModules();
    const { knownModel } = await import('../../src-shared/models');
    expect(knownModel('gpt-4.1-2025-04-14')?.id).toBe('gpt-4.1');
    expect(knownModel('o3-2025-04-16')?.id).toBe('o3');
    expect(knownModel('gpt-4.1-2025-04-14-beta')).toBeUndefined();
    expect(knownModel('gpt-4.1-25-04-14')).toBeUndefined();
    expect(knownModel('gpt-4.1-2025-4-14')).toBeUndefined();
    expect(knownModel('gpt-4.1-2025-04-1')).toBeUndefined();
    expect(knownModel('gpt-realtime-2025-08-28')?.id).toBe('gpt-realtime');
    expect(knownModel('gpt-realtime-2.1-preview')).toBeUndefined();
    expect(knownModel('gpt-4.1-2025')).toBeUndefined();
  });

  it('say whether a model is current, retiring or retired on a day, and what replaces it', () => {
    expect(modelLifecycle('gpt-6.1-terra', '2026-12-03')).toEqual({ status: 'current' });
    expect(modelLifecycle('gpt-4.1', '2026-12-03')).toEqual({ status: 'retiring', shutdown: '2027-01-14', replacement: 'gpt-6-luna' });
    expect(modelLifecycle('gpt-4.1', '2027-01-14')).toEqual({ status: 'retired', shutdown: '2027-01-14', replacement: 'gpt-6-luna' });
    expect(modelLifecycle('o4-mini-2025-04-16', '2026-12-03')).toMatchObject({ status: 'retired', replacement: 'gpt-5.6-terra' });
    expect(modelLifecycle('my-fine-tune', '2026-12-03')).toEqual({ status: 'unknown' });
  });

  it('compare shutdown dates against the day in UTC', () => {
    expect(isoDay(new Date('2027-01-13T23:30:00-02:00'))).toBe('2027-01-14');
  });

  it('replace a model by its announced successor, else by the setting default, never by itself', () => {
    expect(replacementFor('gpt-realtime', 'realtimeModel')).toBe('gpt-realtime-2.1');
    expect(replacementFor('gpt-realtime-mini', 'realtimeModel')).toBe('gpt-realtime-2.1-mini');
    expect(replacementFor('something-new', 'escalationModel')).toBe(defaultModels.escalationModel);
    expect(replacementFor(defaultModels.guardrailModel, 'guardrailModel')).toBe('');
  });

  it('are every one priced by the bundled table, under its own name', () => {
    const table = pricingTableSchema.parse(JSON.parse(readFileSync('resources/pricing.json', 'utf8')));
    for (const model of knownModels) expect(priceOf(table, model.id)?.name, model.id).toBe(model.id);
  });

  it('offer each setting its kinds of model, grouped, with every replacement itself offered', () => {
    expect(modelChoices('realtimeModel').map((group) => group.kind)).toEqual(['realtime']);
    expect(modelChoices('supervisorModel').map((group) => group.kind)).toEqual(['text', 'reasoning']);
    expect(modelChoices('escalationModel')[0]!.models.map((model) => model.id)).toContain('gpt-6.1-sol');
    expect(modelChoices('realtimeModel')[0]!.models.map((model) => model.id)).toEqual([
      'gpt-realtime-2.1',
      'gpt-realtime-2.1-mini',
      'gpt-realtime-2',
      'gpt-realtime-1.5',
      'gpt-realtime',
      'gpt-realtime-mini',
      'gpt-4o-realtime-preview',
    ]);
    for (const model of knownModels) if (model.replacement) expect(knownModel(model.replacement)?.shutdown, model.id).toBeUndefined();
  });
});

describe('a refused model', () => {
  const refusal = (status: number, code: string | null, param: string | null = null) =>
    APIError.generate(
      status,
      { error: { message: 'The model `x` does not exist', type: 'invalid_request_error', code, param } },
      undefined,
      new Headers(),
    );

  it('is a 404 model_not_found, or a 400 about the model field, and nothing else', () => {
    expect(isModelRefusal(refusal(404, 'model_not_found'))).toBe(true);
    expect(isModelRefusal(refusal(400, 'invalid_value', 'session.model'))).toBe(true);
    expect(isModelRefusal(refusal(400, 'invalid_value', 'model'))).toBe(true);
    expect(isModelRefusal(refusal(400, 'invalid_value', 'session.voice'))).toBe(false);
    expect(isModelRefusal(refusal(404, 'unknown_url'))).toBe(false);
    expect(isModelRefusal(refusal(500, 'server_error'))).toBe(false);
  });

  it('is explained with the setting, the date and the replacement; other errors pass through', () => {
    const refused = new WorkbenchError('model_unavailable', 'https://api.example/v1 answered 404 model_not_found: gone');
    const explained = explainModelRefusal(refused, 'escalationModel', 'o3', new Date('2026-12-20T00:00:00Z')) as WorkbenchError;
    expect(explained.field).toBe('escalationModel');
    expect(explained.message).toBe(
      'The API does not serve the escalation model o3 (https://api.example/v1 answered 404 model_not_found: gone). It was retired on 2026-12-11. Choose another in Settings → Escalation model, such as gpt-6.1-sol.',
    );
    const other = new WorkbenchError('upstream_error', 'boom');
    expect(explainModelRefusal(other, 'escalationModel', 'o3')).toBe(other);
  });
});

describe('voices', () => {
  it('go on the wire by name, or as {id} for a custom voice', () => {
    expect(wireVoice('marin')).toBe('marin');
    expect(wireVoice('voice_1a2b3c')).toEqual({ id: 'voice_1a2b3c' });
  });

  it('take a named voice (also one added later) or a custom id, and refuse anything else naming the field', () => {
    expect(settingsSchema.safeParse({ ...defaultSettings, voice: 'voice_Ab-9_x' }).success).toBe(true);
    expect(settingsSchema.safeParse({ ...defaultSettings, voice: 'nova2' }).success).toBe(true);
    const refused = settingsSchema.safeParse({ ...defaultSettings, voice: 'voice 12' });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]).toMatchObject({ path: ['voice'], message: expect.stringContaining('custom voice id such as voice_') });
  });
});
