import { useState, type FormEvent, type ReactNode } from 'react';
import { WorkbenchError } from '../../../../src-shared/errors';
import type { SettingsPatch } from '../../../../src-shared/settings';
import { requireApi } from '../../state/hostStore';

export type SaveState = { status: 'idle' } | { status: 'saving' } | { status: 'saved' } | { status: 'failed'; message: string; field?: string };

/** A settings form's unsaved changes and their save: a refusal keeps the draft and names the field at fault. */
export function useSettingsSave<Draft extends SettingsPatch>() {
  const [draft, setDraft] = useState<Draft>({} as Draft);
  const [save, setSave] = useState<SaveState>({ status: 'idle' });

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSave({ status: 'saving' });
    try {
      await requireApi().settings.set(draft);
      setDraft({} as Draft);
      setSave({ status: 'saved' });
    } catch (error) {
      const field = error instanceof WorkbenchError ? error.field : undefined;
      setSave({ status: 'failed', message: error instanceof Error ? error.message : String(error), ...(field ? { field } : {}) });
    }
  }

  return { draft, setDraft, save, submit };
}

/** A settings form's save button and its state line (role status), naming what a refused save got wrong. */
export function SaveActions(props: { label: string; statusLabel?: string; save: SaveState; unchanged: boolean }) {
  const { save } = props;
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={props.unchanged || save.status === 'saving'}>
        {props.label}
      </button>
      <span className={save.status === 'failed' ? 'state-line state-error' : 'state-line'} role="status" aria-label={props.statusLabel}>
        {save.status === 'saving' && 'Saving…'}
        {save.status === 'saved' && 'Saved.'}
        {save.status === 'failed' && save.message}
      </span>
    </div>
  );
}

/** One row of a settings form: its label, its control and a hint in words. */
export function FormRow({ label, hint, children }: { label: string; hint?: ReactNode; children: ReactNode }) {
  return (
    <label className="form-row">
      <span className="form-label">{label}</span>
      {children}
      <span className="form-hint">{hint}</span>
    </label>
  );
}
