import { describe, expect, it, vi } from 'vitest';

/**
 * The table is module-level data, so it is read from a fresh import inside each test: a module imported once
 * at the top is evaluated before a mutation-testing run switches a change on, and a pin on it would never fail.
 */
async function models() {
  vi.resetModules();
  return import('../../src-shared/models');
}

/**
 * The model list is researched data (read on 2026-12-03, sources in src-shared/models.ts): each entry's kind,
 * shutdown day and replacement is pinned here, so a change to one is a deliberate edit of both, never a slip.
 */
describe('the known models, as read on 2026-12-03', () => {
  it('lists each model with its kind, shutdown day and replacement (id kind [shutdown replacement])', async () => {
    const { knownModels } = await models();
    expect(knownModels.map((model) => [model.id, model.kind, model.shutdown ?? '', model.replacement ?? ''].join(' ').trim())).toEqual([
      'gpt-realtime-2.1 realtime',
      'gpt-realtime-2.1-mini realtime',
      'gpt-realtime-2 realtime',
      'gpt-realtime-1.5 realtime',
      'gpt-realtime realtime 2027-01-20 gpt-realtime-2.1',
      'gpt-realtime-mini realtime 2027-01-20 gpt-realtime-2.1-mini',
      'gpt-4o-realtime-preview realtime 2027-01-20 gpt-realtime-2.1',
      'gpt-6.1-terra text',
      'gpt-6-luna text',
      'gpt-5.6-terra text',
      'gpt-5.6-luna text',
      'gpt-4.1 text 2027-01-14 gpt-6-luna',
      'gpt-4.1-mini text 2027-01-14 gpt-6-luna',
      'gpt-4.1-nano text 2026-10-23 gpt-6-luna',
      'gpt-6.1-sol reasoning',
      'gpt-6-sol reasoning',
      'gpt-6-astra reasoning',
      'o3 reasoning 2026-12-11 gpt-6.1-sol',
      'o4-mini reasoning 2026-10-23 gpt-5.6-terra',
    ]);
  });

  it('names each model setting, its role and the kinds it offers, and its default', async () => {
    const { defaultModels, INPUT_TRANSCRIPTION_MODEL, modelSettings } = await models();
    expect(modelSettings).toEqual({
      realtimeModel: { label: 'Realtime model', role: 'realtime', kinds: ['realtime'] },
      supervisorModel: { label: 'Supervisor model', role: 'supervisor', kinds: ['text', 'reasoning'] },
      escalationModel: { label: 'Escalation model', role: 'escalation', kinds: ['reasoning', 'text'] },
      guardrailModel: { label: 'Guardrail model', role: 'guardrail', kinds: ['text', 'reasoning'] },
      judgeModel: { label: 'Judge model', role: 'scenario test judge', kinds: ['text', 'reasoning'] },
      callerModel: { label: 'Simulated caller model', role: 'simulated caller', kinds: ['text', 'reasoning'] },
    });
    expect(defaultModels).toEqual({
      realtimeModel: 'gpt-realtime-2.1',
      supervisorModel: 'gpt-6.1-terra',
      escalationModel: 'gpt-6.1-sol',
      guardrailModel: 'gpt-6-luna',
      judgeModel: 'gpt-6-luna',
      callerModel: 'gpt-6.1-terra',
    });
    expect(INPUT_TRANSCRIPTION_MODEL).toBe('gpt-4o-mini-transcribe');
  });
});
