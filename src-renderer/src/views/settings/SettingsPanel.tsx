import type { Settings } from '../../../../src-shared/settings';
import { useHostStore } from '../../state/hostStore';
import { SaveActions, useSettingsSave } from './settingsForm';
import { HotkeySettings } from './HotkeySettings';
import { ModelField } from './ModelField';
import type { ModelSetting } from '../../../../src-shared/models';

const modelFields: readonly { key: ModelSetting; hint: string }[] = [
  { key: 'realtimeModel', hint: 'speaks with the user' },
  { key: 'supervisorModel', hint: 'answers hard turns and tools' },
  { key: 'escalationModel', hint: 'reasoning for high-stakes decisions' },
  { key: 'guardrailModel', hint: 'classifies assistant output' },
  { key: 'judgeModel', hint: 'judges scenario test criteria' },
  { key: 'callerModel', hint: 'plays the user in simulated calls' },
];

export function SettingsPanel() {
  const settings = useHostStore((state) => state.settings);
  const { draft, setDraft, save, submit } = useSettingsSave<Partial<Settings>>();
  if (!settings) return null;

  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="panel-title">
        General
      </h2>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <label className="form-row">
          <span className="form-label">API base URL</span>
          <input
            className={save.status === 'failed' && save.field === 'baseUrl' ? 'input input-invalid' : 'input'}
            aria-label="API base URL"
            value={draft.baseUrl ?? settings.baseUrl}
            onChange={(event) => setDraft({ ...draft, baseUrl: event.target.value })}
            spellCheck={false}
          />
          <span className="form-hint">OpenAI or a compatible endpoint</span>
        </label>
        {modelFields.map(({ key, hint }) => (
          <ModelField
            key={key}
            setting={key}
            hint={hint}
            value={draft[key] ?? settings[key]}
            invalid={save.status === 'failed' && save.field === key}
            onChange={(value) => setDraft({ ...draft, [key]: value })}
          />
        ))}
        <label className="form-row">
          <span className="form-label">Theme</span>
          <select
            className="input"
            aria-label="Theme"
            value={draft.theme ?? settings.theme}
            onChange={(event) => setDraft({ ...draft, theme: event.target.value as Settings['theme'] })}
          >
            <option value="system">System</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </select>
          <span className="form-hint" />
        </label>
        <label className="form-row">
          <span className="form-label">Record session audio</span>
          <input
            type="checkbox"
            role="switch"
            aria-label="Record session audio"
            checked={draft.recordAudio ?? settings.recordAudio}
            onChange={(event) => setDraft({ ...draft, recordAudio: event.target.checked })}
          />
          <span className="form-hint">microphone left, assistant right, as a WAV beside each session log</span>
        </label>
        <label className="form-row">
          <span className="form-label">Keep sent images in session logs</span>
          <input
            type="checkbox"
            role="switch"
            aria-label="Keep sent images in session logs"
            checked={draft.logImages ?? settings.logImages}
            onChange={(event) => setDraft({ ...draft, logImages: event.target.checked })}
          />
          <span className="form-hint">each image you send, as a file in a folder beside the log; off, the log keeps only its size and type</span>
        </label>
        <SaveActions label="Save settings" save={save} unchanged={Object.keys(draft).length === 0} />
      </form>
      <HotkeySettings />
    </section>
  );
}
