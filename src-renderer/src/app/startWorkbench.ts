import { connectWorkbench } from '../bridge/workbenchClient';
import { useWorkbenchStore } from './workbenchStore';

/** Connects the bridge, loads what the views need, and keeps it current from main's pushes. */
export async function startWorkbench(): Promise<void> {
  try {
    const api = await connectWorkbench();
    const [info, settings, keyStatus] = await Promise.all([api.app.info(), api.settings.get(), api.key.status()]);
    api.events.settingsChanged((next) => useWorkbenchStore.setState({ settings: next }));
    api.events.keyChanged((next) => useWorkbenchStore.setState({ keyStatus: next }));
    useWorkbenchStore.setState({ connection: { status: 'ready', api, info }, settings, keyStatus });
  } catch (error) {
    useWorkbenchStore.setState({ connection: { status: 'failed', message: error instanceof Error ? error.message : String(error) } });
  }
}
