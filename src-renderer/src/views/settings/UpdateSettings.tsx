import { useHostStore } from '../../state/hostStore';
import { checkForUpdatesNow, restartToUpdate, useUpdateStore } from '../../state/updateStore';
import { SaveActions, useSettingsSave } from './settingsForm';

/** The desktop app's updates: the setting, where they stand in words, a check now, and the restart that installs. */
export function UpdateSettings() {
  const desktop = useHostStore((state) => state.connection.status === 'ready' && state.connection.info.host === 'electron');
  const saved = useHostStore((state) => state.settings?.checkForUpdates);
  const status = useUpdateStore((state) => state.status);
  const { draft, setDraft, save, submit } = useSettingsSave<{ checkForUpdates?: boolean }>();
  // Browser mode runs from the project folder: nothing here would apply.
  if (!desktop || saved === undefined) return null;
  const busy = status?.state === 'checking' || status?.state === 'downloading';

  return (
    <section className="panel" aria-labelledby="updates-heading">
      <h2 id="updates-heading" className="panel-title">
        Updates
      </h2>
      <form className="form-grid" onSubmit={(event) => void submit(event)}>
        <label className="form-row">
          <span className="form-label">Check for updates automatically</span>
          <input
            type="checkbox"
            role="switch"
            aria-label="Check for updates automatically"
            checked={draft.checkForUpdates ?? saved}
            onChange={(event) => setDraft({ checkForUpdates: event.target.checked })}
          />
          <span className="form-hint">at start; a new version downloads, and installs only when you restart for it</span>
        </label>
        <SaveActions label="Save" statusLabel="Update setting state" save={save} unchanged={draft.checkForUpdates === undefined} />
      </form>
      {status && (
        <div className="form-actions">
          <span
            className={status.state === 'error' ? 'state-line state-error' : 'state-line'}
            role="status"
            aria-label="Update state"
            data-testid="update-state"
          >
            <strong>{status.words}</strong>
            {status.detail && <>: {status.detail}</>}
          </span>
          {status.state === 'ready' ? (
            <button type="button" className="button button-primary" onClick={() => void restartToUpdate()}>
              Restart to update
            </button>
          ) : (
            <button type="button" className="button" disabled={busy || status.state === 'unavailable'} onClick={() => void checkForUpdatesNow()}>
              Check now
            </button>
          )}
        </div>
      )}
    </section>
  );
}
