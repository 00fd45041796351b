import { useSyncExternalStore } from 'react';
import { useHostStore } from '../../state/hostStore';

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');
const subscribe = (listener: () => void) => {
  darkQuery.addEventListener('change', listener);
  return () => darkQuery.removeEventListener('change', listener);
};

/** Whether the app is showing its dark theme: the setting, or the system's choice when set to System. */
export function useIsDark(): boolean {
  const theme = useHostStore((state) => state.settings?.theme ?? 'system');
  const systemDark = useSyncExternalStore(subscribe, () => darkQuery.matches);
  return theme === 'dark' || (theme === 'system' && systemDark);
}
