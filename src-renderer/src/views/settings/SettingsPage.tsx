import { AudioSettings } from './AudioSettings';
import { KeyPanel } from './KeyPanel';
import { SessionSettings } from './SessionSettings';
import { SettingsPanel } from './SettingsPanel';
import { UpdateSettings } from './UpdateSettings';
import './settings.css';

/** The Settings panel of the dock: the API key, the settings form, audio, the realtime session and (desktop app) updates, one under the other. */
export function SettingsPage() {
  return (
    <div className="settings-page">
      <KeyPanel />
      <SettingsPanel />
      <AudioSettings />
      <SessionSettings />
      <UpdateSettings />
    </div>
  );
}
