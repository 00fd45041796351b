import { useShownSessionStore } from '../state/shownSessionStore';
import { connectWorkbench } from '../platform/bridge/workbenchClient';
import { followGlobalHotkey } from '../state/hotkeyActions';
import { refreshHotkeyStatus } from '../state/hotkeyStore';
import { followUpdates } from '../state/updateStore';
import { useScenarioStore } from '../state/scenarioStore';
import { openReplay } from '../state/replayActions';
import { hostLost, selectScenario } from '../state/liveActions';
import { refreshLibrary } from '../state/sessionLibraryStore';
import { useSessionControls } from '../state/sessionControlsStore';
import { useHostStore } from '../state/hostStore';

/** After the host came back: what it knows may have changed while the page could not hear it. */
async function refreshAfterReconnect(): Promise<void> {
  const api = useHostStore.getState().connection;
  if (api.status !== 'ready') return;
  const [settings, keyStatus, catalog] = await Promise.all([api.api.settings.get(), api.api.key.status(), api.api.scenarios.list()]);
  useHostStore.setState({ settings, keyStatus });
  useScenarioStore.setState({ catalog });
  void refreshLibrary();
  void refreshHotkeyStatus(api.api);
}

/** Connects the bridge, loads what the views need, and keeps it current from main's pushes. */
export async function startWorkbench(): Promise<void> {
  try {
    const { api, bridge } = await connectWorkbench();
    const [info, settings, keyStatus, catalog] = await Promise.all([api.app.info(), api.settings.get(), api.key.status(), api.scenarios.list()]);
    api.events.settingsChanged((next) => useHostStore.setState({ settings: next }));
    api.events.keyChanged((next) => useHostStore.setState({ keyStatus: next }));
    api.events.scenariosChanged((next) => useScenarioStore.setState({ catalog: next }));
    api.events.sessionsChanged(() => void refreshLibrary());
    api.events.logOpenRequested(({ grant, name }) => void openReplay({ grant }, name));
    void followGlobalHotkey(api);
    if (info.host === 'electron') void followUpdates(api);
    useScenarioStore.setState({ catalog });
    bridge?.onStatus((status) => {
      useHostStore.setState({ bridge: status });
      if (status.state === 'lost') hostLost();
      else void refreshAfterReconnect();
    });
    useHostStore.setState({
      connection: { status: 'ready', api, info },
      settings,
      keyStatus,
      retryBridge: bridge ? () => bridge.retryNow() : undefined,
    });
    const first = catalog.scenarios[0];
    if (first && !useSessionControls.getState().scenarioId) selectScenario(first.id);
    // A file from the command line, or on a first run the bundled sample, so there is something to look at.
    // It never covers what the user started meanwhile: a Connect or a log opened before this answer came back.
    const { open } = await api.sessions.startup();
    const { shown, live } = useShownSessionStore.getState();
    if (open && shown.kind === 'empty' && !live)
      void openReplay({ grant: open.grant }, open.reason === 'sample' ? `Sample session: ${open.name}` : open.name);
  } catch (error) {
    useHostStore.setState({ connection: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
  }
}
