import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { SessionPhase } from '../../../../src-shared/session/sessionPhase';

export type { SessionPhase };

/** What the toolbar's state line and indicators show, derived from the stream like everything else. */
export interface SessionStatus {
  readonly sessionId: string | undefined;
  readonly phase: SessionPhase;
  readonly micLive: boolean;
  readonly pttActive: boolean;
  readonly assistantSpeaking: boolean;
  readonly userSpeaking: boolean;
  /** The latest refusal of a model a setting chose (the message names the model, the setting and a replacement). */
  readonly modelProblem: string | undefined;
}

export const idleStatus: SessionStatus = Object.freeze({
  sessionId: undefined,
  phase: { status: 'idle' } as const,
  micLive: false,
  pttActive: false,
  assistantSpeaking: false,
  userSpeaking: false,
  modelProblem: undefined,
});

/** The failures whose events say which model the API refused: the mint's, and each server-side model call's. */
const modelCallErrors = new Set(['session.error', 'supervisor.error', 'escalation.error', 'guardrail.error']);

function phaseOf(payload: Record<string, unknown>): SessionPhase {
  const text = (key: string) => (typeof payload[key] === 'string' ? (payload[key] as string) : '');
  switch (payload['status']) {
    case 'connecting':
      return { status: 'connecting', step: text('step') || 'Connecting…' };
    case 'connected':
      return { status: 'connected' };
    case 'reconnect-needed':
      return { status: 'reconnect-needed', message: text('message') };
    case 'error':
      return { status: 'error', message: text('message') };
    default:
      return { status: 'idle' };
  }
}

/** Folds a batch of events into the session's status. Pure, and O(batch). */
export function reduceStatus(status: SessionStatus, events: readonly SessionEvent[]): SessionStatus {
  let next = status;
  const set = (patch: Partial<SessionStatus>) => (next = { ...next, ...patch });
  for (const event of events) {
    if (event.direction === 'app') {
      if (event.type === 'session.started')
        set({ ...idleStatus, sessionId: typeof event.payload['sessionId'] === 'string' ? event.payload['sessionId'] : undefined });
      else if (event.type === 'session.state') {
        const phase = phaseOf(event.payload);
        set(
          phase.status === 'connected' || phase.status === 'connecting'
            ? { phase }
            : { phase, micLive: false, pttActive: false, assistantSpeaking: false, userSpeaking: false },
        );
      } else if (modelCallErrors.has(event.type) && event.payload['code'] === 'model_unavailable')
        set({ modelProblem: typeof event.payload['message'] === 'string' ? event.payload['message'] : 'The API refused a model.' });
      else if (event.type === 'mic.state') set({ micLive: event.payload['live'] === true });
      else if (event.type === 'ptt.down') set({ pttActive: true });
      else if (event.type === 'ptt.up') set({ pttActive: false });
    } else if (event.direction === 'server') {
      if (event.type === 'output_audio_buffer.started') set({ assistantSpeaking: true });
      else if (event.type === 'output_audio_buffer.stopped' || event.type === 'output_audio_buffer.cleared') set({ assistantSpeaking: false });
      else if (event.type === 'input_audio_buffer.speech_started') set({ userSpeaking: true });
      else if (event.type === 'input_audio_buffer.speech_stopped' || event.type === 'input_audio_buffer.committed') set({ userSpeaking: false });
    }
  }
  return next;
}
