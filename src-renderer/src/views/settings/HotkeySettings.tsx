import type { HotkeyMode } from '../../../../src-shared/contract';
import { useHostStore } from '../../state/hostStore';
import { useHotkeyStore } from '../../state/hotkeyStore';
import { SaveActions, useSettingsSave } from './settingsForm';

const modeLabels: Readonly<Record<HotkeyMode, string>> = {
  'global-hold': 'Global, hold to talk',
  'global-toggle': 'Global, press to toggle',
  'window-only': 'In this window only',
};

/** The push-to-talk hotkey: the accelerator (refused by name when it cannot be used) and the mode it runs in, with why. */
export function HotkeySettings() {
  const saved = useHostStore((state) => state.settings?.pttHotkey);
  const status = useHotkeyStore((state) => state.status);
  const { draft, setDraft, save, submit } = useSettingsSave<{ pttHotkey?: string }>();
  if (saved === undefined) return null;
  const refused = save.status === 'failed';

  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)}>
      <label className="form-row">
        <span className="form-label">Push-to-talk hotkey</span>
        <input
          className={refused ? 'input input-invalid' : 'input'}
          aria-label="Push-to-talk hotkey"
          aria-invalid={refused}
          value={draft.pttHotkey ?? saved}
          onChange={(event) => setDraft({ pttHotkey: event.target.value })}
          spellCheck={false}
        />
        <span className="form-hint">hold to talk, release to send; e.g. F9 or Ctrl+Shift+Space</span>
      </label>
      <SaveActions label="Set hotkey" statusLabel="Hotkey state" save={save} unchanged={draft.pttHotkey === undefined} />
      {status && (
        <p className="form-hint" data-testid="hotkey-mode">
          <strong>{modeLabels[status.mode]}</strong> ({status.accelerator}): {status.reason}.{status.howToFix && <> {status.howToFix}</>}
        </p>
      )}
    </form>
  );
}
