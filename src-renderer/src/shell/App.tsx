import { useEffect } from 'react';
import { ReplayBar } from '../views/replay/ReplayBar';
import { useDropToOpen } from './useDropToOpen';
import { SessionToolbar } from '../views/toolbar/SessionToolbar';
import { AssistantAnnouncer } from '../views/transcript/AssistantAnnouncer';
import { applyThemeToPopouts, useLayoutStore } from '../state/layoutStore';
import { PanelsMenu } from './PanelsMenu';
import { Workspace } from './Workspace';
import { useHostStore } from '../state/hostStore';
import './app.css';

function useTheme(): void {
  const theme = useHostStore((state) => state.settings?.theme ?? 'system');
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
    applyThemeToPopouts(theme);
  }, [theme]);
}

/** The page lost the host (browser mode): say so, keep what is on screen, keep retrying, offer Reload. */
function HostLostBanner() {
  const bridge = useHostStore((state) => state.bridge);
  const retry = useHostStore((state) => state.retryBridge);
  if (bridge.state !== 'lost') return null;
  return (
    <div className="host-lost" role="alert" data-testid="host-lost">
      <span>
        {bridge.reason} Retrying every few seconds (attempt {bridge.attempt}, next in {Math.round(bridge.retryInMs / 1000)} s). What is on screen
        stays readable.
      </span>
      <button type="button" className="button button-small" onClick={() => retry?.()}>
        Retry now
      </button>
      <button type="button" className="button button-small" onClick={() => location.reload()}>
        Reload
      </button>
    </div>
  );
}

export function App() {
  const connection = useHostStore((state) => state.connection);
  const keyStatus = useHostStore((state) => state.keyStatus);
  const dragging = useDropToOpen();
  const layoutNotice = useLayoutStore((state) => state.notice);
  useTheme();
  return (
    <div className="app">
      <header className="titlebar">
        <h1 className="titlebar-name">Voice Agent Workbench</h1>
        {connection.status === 'ready' && (
          <span className="titlebar-meta" data-testid="app-version">
            v{connection.info.version} · {connection.info.host === 'web' ? 'browser mode' : 'desktop'}
          </span>
        )}
        {keyStatus?.problem && <span className="titlebar-warning">The stored API key cannot be used: see Settings.</span>}
        {keyStatus && !keyStatus.hasKey && !keyStatus.problem && (
          <span className="titlebar-warning">No API key: add one in Settings to connect.</span>
        )}
        {layoutNotice && (
          <span className="titlebar-warning" role="status">
            {layoutNotice}
          </span>
        )}
        {connection.status === 'ready' && <PanelsMenu />}
      </header>
      {connection.status === 'connecting' && (
        <main className="workspace">
          <p className="state-line app-state">Connecting to the workbench services…</p>
        </main>
      )}
      {connection.status === 'failed' && (
        <main className="workspace">
          <p className="state-line state-error app-state" role="alert">
            {connection.message}
          </p>
        </main>
      )}
      {connection.status === 'ready' && (
        <>
          {/* Everything on the page sits in a landmark, so a screen reader's landmark list reaches the controls too. */}
          <section className="session-controls" aria-label="Session controls">
            <HostLostBanner />
            {dragging && (
              <div className="drop-overlay" role="status">
                Drop a session log or a Realtime event log (JSONL or JSON) to replay it
              </div>
            )}
            <SessionToolbar />
            <AssistantAnnouncer />
            <ReplayBar />
          </section>
          <main className="workspace">
            <Workspace />
          </main>
        </>
      )}
    </div>
  );
}
