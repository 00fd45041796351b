import type { Settings } from '../../../src-shared/settings';
import { useWorkbenchStore } from '../app/workbenchStore';
import { SaveActions, useSettingsSave } from './settingsForm';
import { HotkeySettings } from './HotkeySettings';

type TextField = 'baseUrl' | 'realtimeModel' | 'supervisorModel' | 'escalationModel' | 'guardrailModel';

const fields: readonly { key: TextField; label: string; hint: string }[] = [
  { key: 'baseUrl', label: 'API base URL', hint: 'OpenAI or a compatible endpoint' },
  { key: 'realtimeModel', label: 'Realtime model', hint: 'speaks with the user' },
  { key: 'supervisorModel', label: 'Supervisor model', hint: 'answers hard turns and tools' },
  { key: 'escalationModel', label: 'Escalation model', hint: 'reasoning for high-stakes decisions' },
  { key: 'guardrailModel', label: 'Guardrail model', hint: 'classifies assistant output' },
];

export function SettingsPanel() {
  const settings = useWorkbenchStore((state) => state.settings);
  const { draft, setDraft, save, submit } = useSettingsSave<Partial<Settings>>();
  if (!settings) return null;

  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="panel-title">
        General
      </h2>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        {fields.map(({ key, label, hint }) => (
          <label key={key} className="form-row">
            <span className="form-label">{label}</span>
            <input
              className={save.status === 'failed' && save.field === key ? 'input input-invalid' : 'input'}
              aria-label={label}
              value={draft[key] ?? settings[key]}
              onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
              spellCheck={false}
            />
            <span className="form-hint">{hint}</span>
          </label>
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
        <SaveActions label="Save settings" save={save} unchanged={Object.keys(draft).length === 0} />
      </form>
      <HotkeySettings />
    </section>
  );
}
