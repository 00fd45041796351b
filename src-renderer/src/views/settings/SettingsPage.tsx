import { AudioSettings } from './AudioSettings';
import { KeyPanel } from './KeyPanel';
import { SettingsPanel } from './SettingsPanel';
import { UpdateSettings } from './UpdateSettings';
import './settings.css';

/** The Settings panel of the dock: the API key, the settings form, audio and (desktop app) updates, one under the other. */
export function SettingsPage() {
  return (
    <div className="settings-page">
      <KeyPanel />
      <SettingsPanel />
      <AudioSettings />
      <UpdateSettings />
    </div>
  );
}
