import { useState, type FormEvent } from 'react';
import type { HotkeyMode } from '../../../src-shared/hotkey';
import { requireApi, useWorkbenchStore } from '../app/workbenchStore';
import { useHotkeyStore } from '../hotkey/hotkeyStore';

const modeLabels: Readonly<Record<HotkeyMode, string>> = {
  'global-hold': 'Global, hold to talk',
  'global-toggle': 'Global, press to toggle',
  'window-only': 'In this window only',
};

/** The push-to-talk hotkey: the accelerator (refused by name when it cannot be used) and the mode it runs in, with why. */
export function HotkeySettings() {
  const saved = useWorkbenchStore((state) => state.settings?.pttHotkey);
  const status = useHotkeyStore((state) => state.status);
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  if (saved === undefined) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (draft === undefined) return;
    try {
      await requireApi().settings.set({ pttHotkey: draft });
      setDraft(undefined);
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof Error ? error.message : String(error));
    }
  }

  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)}>
      <label className="form-row">
        <span className="form-label">Push-to-talk hotkey</span>
        <input
          className={problem ? 'input input-invalid' : 'input'}
          aria-label="Push-to-talk hotkey"
          aria-invalid={problem !== undefined}
          value={draft ?? saved}
          onChange={(event) => setDraft(event.target.value)}
          spellCheck={false}
        />
        <span className="form-hint">hold to talk, release to send; e.g. F9 or Ctrl+Shift+Space</span>
      </label>
      <div className="form-actions">
        <button type="submit" className="button" disabled={draft === undefined}>
          Set hotkey
        </button>
        <span className={problem ? 'state-line state-error' : 'state-line'} role="status" data-testid="hotkey-problem">
          {problem}
        </span>
      </div>
      {status && (
        <p className="form-hint" data-testid="hotkey-mode">
          <strong>{modeLabels[status.mode]}</strong> ({status.accelerator}): {status.reason}.{status.howToFix && <> {status.howToFix}</>}
        </p>
      )}
    </form>
  );
}
