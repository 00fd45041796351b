import { AudioSettings } from './AudioSettings';
import { KeyPanel } from './KeyPanel';
import { SettingsPanel } from './SettingsPanel';
import './settings.css';

/** The Settings panel of the dock: the API key, the settings form and audio, one under the other. */
export function SettingsPage() {
  return (
    <div className="settings-page">
      <KeyPanel />
      <SettingsPanel />
      <AudioSettings />
    </div>
  );
}
