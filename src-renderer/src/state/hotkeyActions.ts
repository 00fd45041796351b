import type { WorkbenchApi } from '../../../src-shared/contract';
import { refreshHotkeyStatus, useHotkeyStore } from './hotkeyStore';
import { pushToTalkDown, pushToTalkUp } from './liveActions';
import { useSessionControls } from './sessionControlsStore';

/**
 * Follows main's hotkey: its mode for the Settings panel, and its PTT down/up (from the keyboard hook or
 * the global shortcut, while the page may not have focus) into the same push-to-talk the button uses.
 */
export async function followGlobalHotkey(api: WorkbenchApi): Promise<void> {
  api.events.hotkeyStatusChanged((status) => useHotkeyStore.setState({ status }));
  api.events.pttHotkey(({ phase }) => {
    if (phase === 'up') pushToTalkUp('global-hotkey');
    else if (useSessionControls.getState().mode === 'ptt') pushToTalkDown('global-hotkey');
  });
  await refreshHotkeyStatus(api);
}
