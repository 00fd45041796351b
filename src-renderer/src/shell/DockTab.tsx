import type { IDockviewPanelHeaderProps } from 'dockview-react';
import { useCallback, useSyncExternalStore, type MouseEvent, type PointerEvent } from 'react';

/**
 * A dock tab whose only interactive element is the tab itself. dockview's default tab nests a close
 * button inside the role="tab" element, which screen readers cannot reach as a separate control; here
 * the close mark is for the mouse only, and the keyboard closes the focused tab with Delete (dockview's
 * tablist handles that, with ←/→, Home/End, Enter and Space).
 */
export function DockTab({ api }: IDockviewPanelHeaderProps) {
  const subscribe = useCallback(
    (listener: () => void) => {
      const subscription = api.onDidTitleChange(listener);
      return () => subscription.dispose();
    },
    [api],
  );
  const title = useSyncExternalStore(subscribe, () => api.title);

  const close = (event: MouseEvent | PointerEvent) => {
    event.preventDefault();
    api.close();
  };

  return (
    <div className="dv-default-tab" onAuxClick={(event) => event.button === 1 && close(event)}>
      <span className="dv-default-tab-content">{title}</span>
      <span
        className="dv-default-tab-action"
        aria-hidden="true"
        title="Close (or Delete on the focused tab)"
        onPointerDown={(event) => event.preventDefault()}
        onClick={close}
      >
        <svg height="11" width="11" viewBox="0 0 28 28" focusable="false" className="dv-svg">
          <path d="M2.1 27.3L0 25.2L11.55 13.65L0 2.1L2.1 0L13.65 11.55L25.2 0L27.3 2.1L15.75 13.65L27.3 25.2L25.2 27.3L13.65 15.75L2.1 27.3Z" />
        </svg>
      </span>
    </div>
  );
}
