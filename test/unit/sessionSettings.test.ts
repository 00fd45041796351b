import { describe, expect, it } from 'vitest';
import { summarizeEvent } from '../../src-shared/eventSummary';
import { scenarioSchema } from '../../src-shared/scenario';
import {
  changedSessionSettings,
  effectiveSessionSettings,
  isReasoningRealtimeModel,
  sessionSettingsSchema,
} from '../../src-shared/session/sessionSettings';
import { sessionSettingsWords } from '../../src-shared/session/sessionSettingsWords';
import { plannedSession, samePatch } from '../../src-shared/session/sessionUpdate';
import { defaultSettings, settingsSchema, type Settings } from '../../src-shared/settings';

const withSession = (session: Settings['session'], patch: Partial<Settings> = {}): Settings => ({ ...defaultSettings, ...patch, session });

function refusal(input: unknown): { field: string; message: string } | undefined {
  const result = sessionSettingsSchema.safeParse(input);
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  return { field: issue.path.join('.'), message: issue.message };
}

describe('the session settings schema', () => {
  it('takes every setting within its documented range', () => {
    const every = {
      reasoning: { effort: 'xhigh' },
      parallel_tool_calls: true,
      tool_choice: { type: 'function', name: 'lookupOrders' },
      max_output_tokens: 4096,
      truncation: { type: 'retention_ratio', retention_ratio: 0.5, token_limits: { post_instructions: 2000 } },
      transcription: { model: 'gpt-transcribe', languages: ['en', 'fr'], keywords: ['Snowy Peak'], prompt: 'Ski shop' },
      idle_timeout_ms: 5000,
      speed: 0.25,
      tracing: true,
    };
    expect(sessionSettingsSchema.parse(every)).toEqual(every);
    expect(sessionSettingsSchema.parse({ max_output_tokens: 'inf', truncation: 'disabled', idle_timeout_ms: null })).toEqual({
      max_output_tokens: 'inf',
      truncation: 'disabled',
      idle_timeout_ms: null,
    });
  });

  it.each([
    [{ reasoning: { effort: 'maximal' } }, 'reasoning.effort', 'must be one of minimal, low, medium, high, xhigh'],
    [{ max_output_tokens: 0 }, 'max_output_tokens', 'must be a whole number from 1 to 4096, or "inf"'],
    [{ truncation: { type: 'retention_ratio', retention_ratio: 2 } }, 'truncation.retention_ratio', 'must be a number from 0 to 1'],
    [{ truncation: 'sometimes' }, 'truncation', 'must be "auto", "disabled" or {"type": "retention_ratio"'],
    [{ transcription: { model: 'gpt-transcribe', language: 'english' } }, 'transcription.language', 'ISO-639-1'],
    [{ idle_timeout_ms: 40000 }, 'idle_timeout_ms', 'must be a whole number of ms from 5000 to 30000'],
    [{ speed: 1.6 }, 'speed', 'must be a number from 0.25 to 1.5'],
    [{ tool_choice: 'always' }, 'tool_choice', '"auto", "none", "required"'],
    [{ temperature: 0.8 }, '', 'temperature'],
  ])('refuses %j, naming the field', (input, field, words) => {
    expect(refusal(input)).toMatchObject({ field });
    expect(refusal(input)!.message).toContain(words);
  });

  it('is the same object in Settings (default: nothing set) and in a scenario file', () => {
    expect(settingsSchema.parse(defaultSettings).session).toEqual({});
    const scenario = scenarioSchema.safeParse({
      id: 'idle',
      name: 'Idle',
      description: 'd',
      defaultAgent: 'a',
      agents: [{ name: 'a', publicDescription: 'p', instructions: 'i' }],
      session: { speed: 3 },
    });
    expect(scenario.success).toBe(false);
    expect(scenario.error?.issues[0]?.path).toEqual(['session', 'speed']);
  });
});

describe('which value a session runs with', () => {
  it('takes each field from the scenario when it sets one, else from Settings, and says where each came from', () => {
    const effective = effectiveSessionSettings({ speed: 1.2, max_output_tokens: 800 }, { speed: 0.9, truncation: 'disabled' }, 'gpt-realtime-2.1');
    expect(effective.values).toEqual({ speed: 0.9, max_output_tokens: 800, truncation: 'disabled' });
    expect(effective.from).toEqual({ speed: 'scenario', max_output_tokens: 'settings', truncation: 'scenario' });
    expect(effective.leftOut).toEqual([]);
  });

  it('leaves reasoning and parallel tool calls out for a realtime model that does not reason, saying why', () => {
    expect(isReasoningRealtimeModel('gpt-realtime-2')).toBe(true);
    expect(isReasoningRealtimeModel('gpt-realtime-2.1-mini')).toBe(true);
    expect(isReasoningRealtimeModel('gpt-realtime-2025-08-28')).toBe(false);
    expect(isReasoningRealtimeModel('gpt-realtime-1.5')).toBe(false);
    const effective = effectiveSessionSettings({ reasoning: { effort: 'low' }, parallel_tool_calls: true, speed: 1 }, undefined, 'gpt-realtime');
    expect(effective.values).toEqual({ speed: 1 });
    expect(effective.leftOut.map((entry) => entry.field)).toEqual(['reasoning.effort', 'parallel_tool_calls']);
    expect(effective.leftOut[0]!.reason).toBe('gpt-realtime is not a reasoning realtime model');
  });
});

describe('the session.update body the settings make', () => {
  it('puts each setting where the API takes it, the idle timeout inside server VAD', () => {
    const { patch } = plannedSession(
      withSession({
        reasoning: { effort: 'medium' },
        idle_timeout_ms: 9000,
        speed: 1.25,
        transcription: { model: 'gpt-transcribe', language: 'de' },
      }),
      {},
      'vad',
      'gpt-realtime-2.1',
    );
    expect(patch).toMatchObject({
      reasoning: { effort: 'medium' },
      tool_choice: 'auto',
      max_output_tokens: 'inf',
      truncation: 'auto',
      audio: {
        input: { transcription: { model: 'gpt-transcribe', language: 'de' }, turn_detection: { type: 'server_vad', idle_timeout_ms: 9000 } },
        output: { speed: 1.25 },
      },
    });
  });

  it('sends no idle timeout with semantic VAD or push-to-talk, and the app transcription model when none is set', () => {
    const semantic = plannedSession(
      withSession({ idle_timeout_ms: 9000 }, { turnDetection: { ...defaultSettings.turnDetection, type: 'semantic_vad' } }),
      {},
      'vad',
      'gpt-realtime-2.1',
    );
    expect(semantic.patch.audio.input.turn_detection).not.toHaveProperty('idle_timeout_ms');
    expect(plannedSession(withSession({ idle_timeout_ms: 9000 }), {}, 'ptt', 'gpt-realtime-2.1').patch.audio.input.turn_detection).toBeNull();
    expect(semantic.patch.audio.input.transcription).toEqual({ model: 'gpt-4o-mini-transcribe' });
  });

  it('goes back to the API defaults when a setting is taken away, so a session.update undoes it', () => {
    const set = plannedSession(withSession({ max_output_tokens: 100, speed: 1.4 }), {}, 'vad', 'gpt-realtime-2.1');
    const cleared = plannedSession(withSession({}), {}, 'vad', 'gpt-realtime-2.1');
    expect(cleared.patch).toMatchObject({ max_output_tokens: 'inf', audio: { output: { speed: 1 } } });
    expect(samePatch(set.patch, cleared.patch)).toBe(false);
    expect(samePatch(cleared.patch, plannedSession(withSession({}), {}, 'vad', 'gpt-realtime-2.1').patch)).toBe(true);
  });

  it('tells a changed configuration from an unchanged one: audio settings, turn mode and session settings count, the theme does not', () => {
    const before = plannedSession(defaultSettings, {}, 'vad', 'gpt-realtime-2.1').patch;
    const again = (settings: Settings, mode: 'vad' | 'ptt' = 'vad') =>
      samePatch(before, plannedSession(settings, {}, mode, 'gpt-realtime-2.1').patch);
    expect(again({ ...defaultSettings, theme: 'dark' })).toBe(true);
    expect(again({ ...defaultSettings, turnDetection: { ...defaultSettings.turnDetection, silenceDurationMs: 800 } })).toBe(false);
    expect(again(defaultSettings, 'ptt')).toBe(false);
    expect(again(withSession({ truncation: 'disabled' }))).toBe(false);
  });

  it('splits a change into what a session.update applies now and what waits for the next session', () => {
    expect(changedSessionSettings({ speed: 1 }, { speed: 1.2, tracing: true })).toEqual({ now: ['speed'], nextSession: ['tracing'] });
    expect(changedSessionSettings({ speed: 1 }, { speed: 1 })).toEqual({ now: [], nextSession: [] });
  });
});

describe('the session settings in words', () => {
  it('names each setting as the API does, and says when nothing is set', () => {
    expect(
      sessionSettingsWords({
        reasoning: { effort: 'low' },
        truncation: { type: 'retention_ratio', retention_ratio: 0.8 },
        transcription: { model: 'gpt-transcribe', languages: ['en', 'de'], keywords: ['a', 'b'] },
        idle_timeout_ms: 8000,
        tracing: true,
      }),
    ).toBe(
      'reasoning.effort low · truncation retention_ratio 0.8 · transcription gpt-transcribe (en, de) · 2 keywords · idle_timeout_ms 8000 · tracing on',
    );
    expect(sessionSettingsWords({})).toBe('the API defaults');
  });

  it('summarises the session.settings app event, with what was left out and what waits', () => {
    const summary = summarizeEvent({
      seq: 3,
      t: 10,
      direction: 'app',
      type: 'session.settings',
      payload: {
        when: 'update',
        values: { speed: 1.2, tracing: true },
        leftOut: [{ field: 'reasoning.effort', reason: 'gpt-realtime is not a reasoning realtime model' }],
        nextSession: ['tracing'],
      },
    });
    expect(summary).toBe(
      'changed · speed 1.2 · tracing on · reasoning.effort left out: gpt-realtime is not a reasoning realtime model · tracing from the next session',
    );
  });
});
