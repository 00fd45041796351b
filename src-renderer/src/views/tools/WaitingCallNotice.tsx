import { useCallback, useEffect, useSyncExternalStore } from 'react';
import { revealPanel, useLayoutStore } from '../../state/layoutStore';
import { waitingApprovals } from '../../../../src-shared/toolModes';
import { useLiveStream } from '../../state/shownSessionStore';
import './tools.css';

const TITLE = 'Tools';

/** Whether the Tools panel is on screen now (open, and the shown tab of its group). */
function useToolsPanelVisible(): boolean {
  const api = useLayoutStore((state) => state.api);
  const subscribe = useCallback(
    (listener: () => void) => {
      const layout = api?.onDidLayoutChange(listener);
      const active = api?.onDidActivePanelChange(listener);
      return () => {
        layout?.dispose();
        active?.dispose();
      };
    },
    [api],
  );
  return useSyncExternalStore(subscribe, () => api?.getPanel('tools')?.api.isVisible ?? false);
}

/**
 * A call waiting for a decision must not go unnoticed: the Tools tab says how many wait, and while
 * the panel is out of sight a notice over the workspace names the call and shows the panel.
 */
export function WaitingCallNotice() {
  const api = useLayoutStore((state) => state.api);
  const open = useLayoutStore((state) => state.open.has('tools'));
  const waiting = waitingApprovals(useLiveStream((state) => state.tools));
  const visible = useToolsPanelVisible();

  useEffect(() => {
    api?.getPanel('tools')?.api.setTitle(waiting.length === 0 ? TITLE : `${TITLE} · ${waiting.length} waiting`);
  }, [api, open, waiting.length]);

  if (waiting.length === 0 || visible) return null;
  const first = waiting[0]!;
  return (
    <div className="tools-notice" role="status" data-testid="waiting-call-notice">
      <span>
        The model is paused: <span className="tool-name">{first.toolName}</span> is waiting for your decision
        {waiting.length > 1 ? ` (and ${waiting.length - 1} more)` : ''}.
      </span>
      <button type="button" className="button button-small button-primary" onClick={() => revealPanel('tools')}>
        Show Tools
      </button>
    </div>
  );
}
