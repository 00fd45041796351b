import { useEffect } from 'react';
import { SettingsPanel } from '../settings/SettingsPanel';
import { KeyPanel } from '../settings/KeyPanel';
import { useWorkbenchStore } from './workbenchStore';

function useTheme(): void {
  const theme = useWorkbenchStore((state) => state.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
}

export function App() {
  const connection = useWorkbenchStore((state) => state.connection);
  useTheme();
  return (
    <div className="app">
      <header className="titlebar">
        <span className="titlebar-name">Voice Agent Workbench</span>
        {connection.status === 'ready' && (
          <span className="titlebar-meta" data-testid="app-version">
            v{connection.info.version} · {connection.info.host === 'web' ? 'browser mode' : 'desktop'}
          </span>
        )}
      </header>
      <main className="workspace">
        {connection.status === 'connecting' && <p className="state-line">Connecting to the workbench services…</p>}
        {connection.status === 'failed' && (
          <p className="state-line state-error" role="alert">
            {connection.message}
          </p>
        )}
        {connection.status === 'ready' && (
          <div className="settings-page">
            <KeyPanel />
            <SettingsPanel />
          </div>
        )}
      </main>
    </div>
  );
}
