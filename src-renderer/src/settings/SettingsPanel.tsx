import { useState, type FormEvent } from 'react';
import { WorkbenchError } from '../../../src-shared/errors';
import type { Settings } from '../../../src-shared/settings';
import { requireApi, useWorkbenchStore } from '../app/workbenchStore';
import { HotkeySettings } from './HotkeySettings';

const fields: readonly { key: Exclude<keyof Settings, 'theme' | 'recordAudio'>; label: string; hint: string }[] = [
  { key: 'baseUrl', label: 'API base URL', hint: 'OpenAI or a compatible endpoint' },
  { key: 'realtimeModel', label: 'Realtime model', hint: 'speaks with the user' },
  { key: 'supervisorModel', label: 'Supervisor model', hint: 'answers hard turns and tools' },
  { key: 'escalationModel', label: 'Escalation model', hint: 'reasoning for high-stakes decisions' },
  { key: 'guardrailModel', label: 'Guardrail model', hint: 'classifies assistant output' },
  { key: 'voice', label: 'Voice', hint: 'default realtime voice' },
];

type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; field?: string };

export function SettingsPanel() {
  const settings = useWorkbenchStore((state) => state.settings);
  const [draft, setDraft] = useState<Partial<Settings>>({});
  const [save, setSave] = useState<SaveState>({ status: 'idle' });
  if (!settings) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSave({ status: 'saving' });
    try {
      await requireApi().settings.set(draft);
      setDraft({});
      setSave({ status: 'saved' });
    } catch (error) {
      const field = error instanceof WorkbenchError ? error.field : undefined;
      setSave({ status: 'failed', message: error instanceof Error ? error.message : String(error), ...(field ? { field } : {}) });
    }
  }

  return (
    <section className="panel" aria-labelledby="settings-heading">
      <h2 id="settings-heading" className="panel-title">
        Settings
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
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={Object.keys(draft).length === 0 || save.status === 'saving'}>
            Save settings
          </button>
          <span className={save.status === 'failed' ? 'state-line state-error' : 'state-line'} role="status">
            {save.status === 'saving' && 'Saving…'}
            {save.status === 'saved' && 'Saved.'}
            {save.status === 'failed' && save.message}
          </span>
        </div>
      </form>
      <HotkeySettings />
    </section>
  );
}
