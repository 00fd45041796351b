import { create } from 'zustand';
import type { HotkeyStatus, WorkbenchApi } from '../../../src-shared/contract';
import { matchesHotkey, parseHotkey, type KeyState } from '../../../src-shared/hotkey';
import { useHostStore } from './hostStore';

/** Which way main runs the push-to-talk hotkey, as it last said. */
export const useHotkeyStore = create<{ status: HotkeyStatus | null }>(() => ({ status: null }));

/** Asks main how the hotkey runs now (at start, and after the host came back). */
export async function refreshHotkeyStatus(api: WorkbenchApi): Promise<void> {
  const asked = useHotkeyStore.getState().status;
  try {
    const status = await api.hotkey.status();
    // A push that arrived while the answer was on its way is newer.
    if (useHotkeyStore.getState().status === asked) useHotkeyStore.setState({ status });
  } catch (error) {
    const reason = `the app could not say how the hotkey runs: ${error instanceof Error ? error.message : String(error)}`;
    useHotkeyStore.setState({ status: { mode: 'window-only', accelerator: '', reason } });
  }
}

/** Whether a key event in the window is push-to-talk: Space, or the configured hotkey (on key-up, its key alone). */
export function isPushToTalkKey(event: KeyState, phase: 'down' | 'up'): boolean {
  if (event.code === 'Space') return true;
  const { settings, connection } = useHostStore.getState();
  if (!settings) return false;
  const parsed = parseHotkey(settings.pttHotkey, connection.status === 'ready' ? connection.info.platform : undefined);
  if (!parsed.ok) return false;
  return phase === 'up' ? event.code === parsed.binding.code : matchesHotkey(parsed.binding, event);
}
