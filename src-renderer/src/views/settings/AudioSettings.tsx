import { useState } from 'react';
import { CUSTOM_VOICE, realtimeVoices, type Settings, type SettingsPatch, type TurnDetectionSettings } from '../../../../src-shared/settings';
import { useHostStore } from '../../state/hostStore';
import { canChooseSpeaker } from '../../platform/devices/speaker';
import { useMediaDevices, type AudioDevice } from './useMediaDevices';
import { FormRow as Row, SaveActions, useSettingsSave } from './settingsForm';

type AudioDraft = Pick<
  SettingsPatch,
  'voice' | 'microphoneId' | 'speakerId' | 'echoCancellation' | 'noiseSuppression' | 'autoGainControl' | 'noiseReduction' | 'turnDetection'
>;

const processingSwitches = [
  { key: 'echoCancellation', label: 'Echo cancellation' },
  { key: 'noiseSuppression', label: 'Noise suppression' },
  { key: 'autoGainControl', label: 'Automatic gain' },
] as const;

const vadNumbers = [
  { label: 'Threshold', hint: '0 to 1; higher needs louder speech', name: 'VAD threshold', field: 'threshold', step: 0.05 },
  {
    label: 'Prefix padding (ms)',
    hint: '0 to 2000; audio kept from before speech starts',
    name: 'Prefix padding in ms',
    field: 'prefixPaddingMs',
    step: 50,
  },
  {
    label: 'Silence duration (ms)',
    hint: '100 to 5000; the pause that ends a turn',
    name: 'Silence duration in ms',
    field: 'silenceDurationMs',
    step: 50,
  },
] as const;

/** One numeric turn-detection field; an emptied box is sent as is, so the save names the field instead of guessing a value. */
function NumberRow(props: {
  label: string;
  hint: string;
  name: string;
  field: 'threshold' | 'prefixPaddingMs' | 'silenceDurationMs';
  step: number;
  detection: TurnDetectionSettings;
  invalid: (field: string) => string;
  onChange: (patch: Partial<TurnDetectionSettings>) => void;
}) {
  const value = props.detection[props.field];
  return (
    <Row label={props.label} hint={props.hint}>
      <input
        className={props.invalid(`turnDetection.${props.field}`)}
        type="number"
        step={props.step}
        aria-label={props.name}
        value={Number.isNaN(value) ? '' : value}
        onChange={(event) => props.onChange({ [props.field]: event.target.valueAsNumber })}
      />
    </Row>
  );
}

/** A device list with "System default" first; a saved device that is not plugged in stays listed, marked so. */
function DeviceSelect(props: { label: string; devices: readonly AudioDevice[]; value: string; disabled?: boolean; onChange: (id: string) => void }) {
  const missing = props.value !== '' && !props.devices.some((device) => device.id === props.value);
  return (
    <select
      className="input"
      aria-label={props.label}
      value={props.value}
      disabled={props.disabled}
      onChange={(event) => props.onChange(event.target.value)}
    >
      <option value="">System default</option>
      {props.devices.map((device) => (
        <option key={device.id} value={device.id}>
          {device.label}
        </option>
      ))}
      {missing && <option value={props.value}>Not connected (the default is used)</option>}
    </select>
  );
}

/** The default voice: a named Realtime voice, or a custom voice id (`voice_…`) typed in. */
function VoiceRow(props: { voice: string; saved: string; className: string; onChange: (voice: string) => void }) {
  const [customChosen, setCustomChosen] = useState(false);
  const custom = customChosen || CUSTOM_VOICE.test(props.voice);
  // A named voice the list does not know yet (added after this release) stays selectable.
  const named: readonly string[] =
    CUSTOM_VOICE.test(props.saved) || realtimeVoices.includes(props.saved as (typeof realtimeVoices)[number])
      ? realtimeVoices
      : [...realtimeVoices, props.saved];
  return (
    <Row label="Voice" hint="default realtime voice, used from the next Connect (an agent's own voice wins); a custom voice is sent as {id}">
      <span className="model-field">
        <select
          className={props.className}
          aria-label="Voice"
          value={custom ? CUSTOM_OPTION : props.voice}
          onChange={(event) => {
            const chosen = event.target.value;
            setCustomChosen(chosen === CUSTOM_OPTION);
            if (chosen !== CUSTOM_OPTION) props.onChange(chosen);
          }}
        >
          {named.map((voice) => (
            <option key={voice} value={voice}>
              {voice}
            </option>
          ))}
          <option value={CUSTOM_OPTION}>Custom voice id…</option>
        </select>
        {custom && (
          <input
            className={props.className}
            aria-label="Custom voice id"
            placeholder="voice_…"
            spellCheck={false}
            value={named.includes(props.voice) ? '' : props.voice}
            onChange={(event) => props.onChange(event.target.value.trim())}
          />
        )}
      </span>
    </Row>
  );
}

const CUSTOM_OPTION = '(custom)';

/** Microphone, speaker, the browser's audio processing, the server's noise reduction and turn detection, and the voice. */
export function AudioSettings() {
  const settings = useHostStore((state) => state.settings);
  const devices = useMediaDevices();
  const { draft, setDraft, save, submit } = useSettingsSave<AudioDraft>();
  if (!settings) return null;

  const value = <K extends keyof AudioDraft>(key: K): Settings[K] => (draft[key] ?? settings[key]) as Settings[K];
  const change = (patch: AudioDraft) => setDraft({ ...draft, ...patch });
  const detection = value('turnDetection');
  const changeDetection = (patch: Partial<TurnDetectionSettings>) => change({ turnDetection: { ...detection, ...patch } });
  const invalid = (field: string) => (save.status === 'failed' && save.field?.startsWith(field) ? 'input input-invalid' : 'input');

  return (
    <section className="panel" aria-labelledby="audio-settings-heading">
      <h2 id="audio-settings-heading" className="panel-title">
        Audio
      </h2>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <Row label="Microphone" hint="switches when saved, also mid-session">
          <DeviceSelect
            label="Microphone"
            devices={devices.inputs}
            value={value('microphoneId')}
            onChange={(microphoneId) => change({ microphoneId })}
          />
        </Row>
        <Row
          label="Speaker"
          hint={canChooseSpeaker ? 'switches at once, also mid-session' : 'this browser cannot choose a speaker; the system default plays'}
        >
          <DeviceSelect
            label="Speaker"
            devices={devices.outputs}
            value={value('speakerId')}
            disabled={!canChooseSpeaker}
            onChange={(speakerId) => change({ speakerId })}
          />
        </Row>
        {(!devices.named || devices.problem) && (
          <div className="form-row">
            <span className="form-label" />
            {devices.named ? (
              <span />
            ) : (
              <button type="button" className="button" onClick={() => void devices.askForNames()}>
                Show device names
              </button>
            )}
            <span className="form-hint" role={devices.problem ? 'alert' : undefined}>
              {devices.problem ?? 'the browser names devices only once the page may use the microphone'}
            </span>
          </div>
        )}
        {processingSwitches.map(({ key, label }) => (
          <Row key={key} label={label} hint="in the browser; a running session reopens the microphone with it">
            <input
              type="checkbox"
              role="switch"
              aria-label={label}
              checked={value(key)}
              onChange={(event) => change({ [key]: event.target.checked })}
            />
          </Row>
        ))}
        <Row label="Noise reduction" hint="on the server; applied to a running session at once">
          <select
            className={invalid('noiseReduction')}
            aria-label="Noise reduction"
            value={value('noiseReduction')}
            onChange={(event) => change({ noiseReduction: event.target.value as Settings['noiseReduction'] })}
          >
            <option value="off">Off</option>
            <option value="near_field">Near field (headset)</option>
            <option value="far_field">Far field (laptop or room microphone)</option>
          </select>
        </Row>
        <Row label="Turn detection" hint="in Voice activity mode; applied to a running session at once">
          <select
            className={invalid('turnDetection.type')}
            aria-label="Turn detection type"
            value={detection.type}
            onChange={(event) => changeDetection({ type: event.target.value as TurnDetectionSettings['type'] })}
          >
            <option value="server_vad">Server VAD (silence ends the turn)</option>
            <option value="semantic_vad">Semantic VAD (the model judges the turn's end)</option>
          </select>
        </Row>
        {detection.type === 'server_vad' ? (
          vadNumbers.map((number) => <NumberRow key={number.field} {...number} detection={detection} invalid={invalid} onChange={changeDetection} />)
        ) : (
          <Row label="Eagerness" hint="how soon the assistant answers once you may have finished">
            <select
              className={invalid('turnDetection.eagerness')}
              aria-label="Eagerness"
              value={detection.eagerness}
              onChange={(event) => changeDetection({ eagerness: event.target.value as TurnDetectionSettings['eagerness'] })}
            >
              <option value="auto">Auto</option>
              <option value="low">Low (waits longer)</option>
              <option value="medium">Medium</option>
              <option value="high">High (answers soonest)</option>
            </select>
          </Row>
        )}
        <VoiceRow voice={value('voice')} saved={settings.voice} className={invalid('voice')} onChange={(voice) => change({ voice })} />
        <SaveActions label="Save audio settings" statusLabel="Audio settings state" save={save} unchanged={Object.keys(draft).length === 0} />
      </form>
    </section>
  );
}
