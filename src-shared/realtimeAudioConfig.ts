import type { Settings } from './settings';

/** `audio.input.turn_detection` as the Realtime API takes it; null turns detection off (push-to-talk). */
export type RealtimeTurnDetection =
  | {
      type: 'server_vad';
      threshold: number;
      prefix_padding_ms: number;
      silence_duration_ms: number;
      create_response: true;
      interrupt_response: true;
    }
  | { type: 'semantic_vad'; eagerness: 'auto' | 'low' | 'medium' | 'high'; create_response: true; interrupt_response: true }
  | null;

/** The part of `audio.input` the audio settings decide. */
export interface RealtimeInputAudio {
  turn_detection: RealtimeTurnDetection;
  noise_reduction: { type: 'near_field' | 'far_field' } | null;
}

export type AudioSettings = Pick<Settings, 'turnDetection' | 'noiseReduction'>;

/**
 * The session's input audio for these settings. Each VAD type gets only the parameters it takes
 * (the API refuses `eagerness` on server_vad and the threshold fields on semantic_vad).
 */
export function realtimeInputAudio(settings: AudioSettings, mode: 'vad' | 'ptt'): RealtimeInputAudio {
  const detection = settings.turnDetection;
  let turn_detection: RealtimeTurnDetection = null;
  if (mode === 'vad')
    turn_detection =
      detection.type === 'semantic_vad'
        ? { type: 'semantic_vad', eagerness: detection.eagerness, create_response: true, interrupt_response: true }
        : {
            type: 'server_vad',
            threshold: detection.threshold,
            prefix_padding_ms: detection.prefixPaddingMs,
            silence_duration_ms: detection.silenceDurationMs,
            create_response: true,
            interrupt_response: true,
          };
  return {
    turn_detection,
    noise_reduction: settings.noiseReduction === 'off' ? null : { type: settings.noiseReduction },
  };
}

/**
 * `getUserMedia` audio constraints for the chosen microphone and the browser's own processing switches.
 * The device is `ideal`, not `exact`: an unplugged microphone falls back to the default instead of
 * failing the connect (the settings say so next to the list).
 */
export interface MicrophoneConstraints {
  deviceId?: { ideal: string };
  echoCancellation: boolean;
  noiseSuppression: boolean;
  autoGainControl: boolean;
}

export function microphoneConstraints(
  settings: Pick<Settings, 'microphoneId' | 'echoCancellation' | 'noiseSuppression' | 'autoGainControl'>,
): MicrophoneConstraints {
  return {
    ...(settings.microphoneId === '' ? {} : { deviceId: { ideal: settings.microphoneId } }),
    echoCancellation: settings.echoCancellation,
    noiseSuppression: settings.noiseSuppression,
    autoGainControl: settings.autoGainControl,
  };
}
