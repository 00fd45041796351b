import { INPUT_TRANSCRIPTION_MODEL } from '../models';
import { realtimeInputAudio, type RealtimeInputAudio } from '../realtimeAudioConfig';
import type { Scenario } from '../scenario';
import type { Settings } from '../settings';
import {
  effectiveSessionSettings,
  wireSessionFields,
  wireTranscription,
  withIdleTimeout,
  type EffectiveSessionSettings,
  type TranscriptionSettings,
  type WireSessionFields,
} from './sessionSettings';

/**
 * The part of the session the workbench's settings decide, as one session.update body: input audio (turn
 * detection with the idle timeout, noise reduction, transcription), output speed and the top-level fields.
 * Fields nobody set go with the API's defaults, so taking a setting away mid-session undoes it on the server.
 */
export type SessionPatch = WireSessionFields & {
  audio: {
    input: RealtimeInputAudio & { transcription: TranscriptionSettings };
    output: { speed: number };
  };
};

export interface PlannedSession {
  readonly patch: SessionPatch;
  readonly effective: EffectiveSessionSettings;
}

export function plannedSession(settings: Settings, scenario: Pick<Scenario, 'session'>, mode: 'vad' | 'ptt', model: string): PlannedSession {
  const effective = effectiveSessionSettings(settings.session, scenario.session, model);
  const input = realtimeInputAudio(settings, mode);
  const patch: SessionPatch = {
    tool_choice: 'auto',
    max_output_tokens: 'inf',
    truncation: 'auto',
    ...wireSessionFields(effective.values),
    audio: {
      input: {
        ...input,
        turn_detection: withIdleTimeout(input.turn_detection, effective.values),
        transcription: wireTranscription(effective.values, INPUT_TRANSCRIPTION_MODEL),
      },
      output: { speed: effective.values.speed ?? 1 },
    },
  };
  return { patch, effective };
}

/** Whether two patches would put the server in the same state. */
export function samePatch(a: SessionPatch, b: SessionPatch): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The app event that records the session settings in force, at connect and after each change. */
export function sessionSettingsEvent(
  planned: PlannedSession,
  when: 'connect' | 'update',
  nextSession: readonly string[] = [],
): Record<string, unknown> {
  return {
    when,
    values: planned.effective.values,
    from: planned.effective.from,
    ...(planned.effective.leftOut.length > 0 ? { leftOut: planned.effective.leftOut } : {}),
    ...(nextSession.length > 0 ? { nextSession } : {}),
  };
}
