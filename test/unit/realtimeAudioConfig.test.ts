import { describe, expect, it } from 'vitest';
import { microphoneConstraints, realtimeInputAudio } from '../../src-shared/realtimeAudioConfig';
import { defaultSettings, settingsPatchSchema, settingsSchema, type Settings } from '../../src-shared/settings';
import { describeZodError } from '../../src-shared/errors';

const withDetection = (turnDetection: Partial<Settings['turnDetection']>, rest: Partial<Settings> = {}): Settings => ({
  ...defaultSettings,
  ...rest,
  turnDetection: { ...defaultSettings.turnDetection, ...turnDetection },
});

describe('the Realtime input audio configuration from the settings', () => {
  it('gives server VAD its threshold, prefix padding and silence duration, and answers and interrupts on its own', () => {
    const settings = withDetection({ type: 'server_vad', threshold: 0.7, prefixPaddingMs: 250, silenceDurationMs: 900, eagerness: 'high' });
    expect(realtimeInputAudio(settings, 'vad')).toEqual({
      turn_detection: {
        type: 'server_vad',
        threshold: 0.7,
        prefix_padding_ms: 250,
        silence_duration_ms: 900,
        create_response: true,
        interrupt_response: true,
      },
      noise_reduction: null,
    });
  });

  it('gives semantic VAD only its eagerness, since the API refuses the server VAD fields there', () => {
    const input = realtimeInputAudio(withDetection({ type: 'semantic_vad', eagerness: 'low' }), 'vad');
    expect(input.turn_detection).toEqual({ type: 'semantic_vad', eagerness: 'low', create_response: true, interrupt_response: true });
  });

  it('turns detection off in push-to-talk, whatever the VAD settings, and keeps noise reduction', () => {
    const input = realtimeInputAudio(withDetection({ type: 'semantic_vad' }, { noiseReduction: 'far_field' }), 'ptt');
    expect(input).toEqual({ turn_detection: null, noise_reduction: { type: 'far_field' } });
  });

  it('sends near-field noise reduction as its type, and none when it is off', () => {
    expect(realtimeInputAudio({ ...defaultSettings, noiseReduction: 'near_field' }, 'vad').noise_reduction).toEqual({ type: 'near_field' });
    expect(realtimeInputAudio(defaultSettings, 'vad').noise_reduction).toBeNull();
  });
});

describe('the microphone constraints', () => {
  it('ask for the chosen device (falling back to the default when it is unplugged) with the three switches as set', () => {
    const settings = { ...defaultSettings, microphoneId: 'abc', echoCancellation: false, noiseSuppression: true, autoGainControl: false };
    expect(microphoneConstraints(settings)).toEqual({
      deviceId: { ideal: 'abc' },
      echoCancellation: false,
      noiseSuppression: true,
      autoGainControl: false,
    });
  });

  it('name no device when the system default is chosen', () => {
    expect(microphoneConstraints(defaultSettings)).not.toHaveProperty('deviceId');
  });
});

describe('the audio settings', () => {
  const refusal = (patch: unknown) => {
    const result = settingsPatchSchema.safeParse(patch);
    if (result.success) throw new Error(`expected ${JSON.stringify(patch)} to be refused`);
    return describeZodError(result.error);
  };

  it('start from the API defaults: server VAD 0.5, 300 ms padding, 500 ms silence, no noise reduction, all three switches on', () => {
    expect(settingsSchema.parse(defaultSettings)).toMatchObject({
      noiseReduction: 'off',
      echoCancellation: true,
      noiseSuppression: true,
      autoGainControl: true,
      microphoneId: '',
      speakerId: '',
      turnDetection: { type: 'server_vad', threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500, eagerness: 'auto' },
    });
  });

  it('refuse a threshold outside 0 to 1, naming the field', () => {
    expect(refusal({ turnDetection: { ...defaultSettings.turnDetection, threshold: 1.5 } })).toEqual({
      field: 'turnDetection.threshold',
      message: 'turnDetection.threshold: must be from 0 to 1',
    });
  });

  it('refuse a silence duration under 100 ms and a fractional prefix padding, each in words with its unit', () => {
    expect(refusal({ turnDetection: { ...defaultSettings.turnDetection, silenceDurationMs: 20 } }).message).toBe(
      'turnDetection.silenceDurationMs: must be at least 100 ms',
    );
    expect(refusal({ turnDetection: { ...defaultSettings.turnDetection, prefixPaddingMs: 12.5 } }).message).toBe(
      'turnDetection.prefixPaddingMs: must be a whole number of ms',
    );
  });

  it('refuse an unknown noise reduction and an unknown eagerness, listing what is allowed', () => {
    expect(refusal({ noiseReduction: 'studio' }).message).toContain('must be off, near_field');
    expect(refusal({ turnDetection: { ...defaultSettings.turnDetection, eagerness: 'eager' } }).message).toBe(
      'turnDetection.eagerness: must be auto, low, medium or high',
    );
  });

  it('refuse a turn detection with a field it does not know', () => {
    expect(refusal({ turnDetection: { ...defaultSettings.turnDetection, idleTimeoutMs: 5 } }).field).toBe('turnDetection');
  });
});
