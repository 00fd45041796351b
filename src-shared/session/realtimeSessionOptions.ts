import type {
  RealtimeAgent,
  RealtimeAudioFormat,
  RealtimeOutputGuardrail,
  RealtimeSessionOptions,
  RealtimeTransportLayer,
} from '@openai/agents/realtime';
import type { PlannedSession } from './sessionUpdate';

export interface SessionOptionsInput {
  readonly transport: RealtimeTransportLayer;
  readonly model: string;
  readonly planned: PlannedSession;
  readonly scenarioId: string;
  readonly sessionId: string;
  readonly output: 'audio' | 'text';
  readonly audioFormat: RealtimeAudioFormat;
  /** The start agent's voice, else the settings' voice. */
  readonly voice: RealtimeAgent['voice'];
  readonly guardrail: RealtimeOutputGuardrail;
}

/**
 * What the SDK's RealtimeSession is built with: the planned session's audio fields in the SDK's own config, the rest
 * of its fields as provider data (sent as is in every full session.update the SDK makes: connect and handoffs), the
 * output guardrail on every finished text, and tracing named after the scenario and grouped by session, when asked for.
 */
export function realtimeSessionOptions(input: SessionOptionsInput): Partial<RealtimeSessionOptions> {
  const { audio, ...top } = input.planned.patch;
  const tracing = input.planned.effective.values.tracing === true;
  return {
    transport: input.transport,
    model: input.model,
    tracingDisabled: !tracing,
    ...(tracing ? { workflowName: input.scenarioId, groupId: input.sessionId } : {}),
    historyStoreAudio: false,
    outputGuardrails: [input.guardrail],
    outputGuardrailSettings: { debounceTextLength: -1 },
    config: {
      outputModalities: [input.output],
      audio: {
        input: {
          format: input.audioFormat,
          transcription: audio.input.transcription,
          turnDetection: audio.input.turn_detection,
          noiseReduction: audio.input.noise_reduction,
        },
        output: { format: input.audioFormat, voice: input.voice, speed: audio.output.speed },
      },
      providerData: top,
    },
  };
}
