import { DockviewReact, themeDark, themeLight, type DockviewReadyEvent, type IDockviewPanelProps } from 'dockview-react';
import { Activity, useCallback, useState, useSyncExternalStore, type FunctionComponent, type ReactNode } from 'react';
import type { DockviewPanelApi } from 'dockview-react';
import { ComparePanel } from '../views/compare/ComparePanel';
import { EventInspector } from '../views/inspector/EventInspector';
import { MetricsPanel } from '../views/metrics/MetricsPanel';
import { ScenarioProblems } from '../views/scenarios/ScenarioProblems';
import { SessionsPanel } from '../views/sessions/SessionsPanel';
import { SettingsPage } from '../views/settings/SettingsPage';
import { TestsPanel } from '../views/tests/TestsPanel';
import { ToolsPanel } from '../views/tools/ToolsPanel';
import { WaitingCallNotice } from '../views/tools/WaitingCallNotice';
import { TranscriptView } from '../views/transcript/TranscriptView';
import { DockTab } from './DockTab';
import { attachDock } from '../state/layoutStore';
import { lazyPart } from '../views/common/lazyPart';
import { useIsDark } from '../views/common/useResolvedTheme';
import './workspace.css';

/**
 * A panel behind another tab keeps its state but does no work: React's Activity disconnects its store
 * subscriptions and effects (charts, level meters, follow-the-tail) until the tab is shown again, when it
 * renders once with the latest state. Without this, every hidden panel re-rendered on every frame of a
 * live session. A panel whose code is fetched when first shown (`untilShown`) is not rendered before that at
 * all, since Activity pre-renders hidden content and would fetch it at startup.
 */
function WhenShown({ api, untilShown, children }: { api: DockviewPanelApi; untilShown: boolean; children: ReactNode }) {
  const subscribe = useCallback(
    (notify: () => void) => {
      const subscription = api.onDidVisibilityChange(notify);
      return () => subscription.dispose();
    },
    [api],
  );
  const visible = useSyncExternalStore(subscribe, () => api.isVisible);
  const [shown, setShown] = useState(visible);
  if (visible && !shown) setShown(true);
  if (untilShown && !shown) return null;
  return <Activity mode={visible ? 'visible' : 'hidden'}>{children}</Activity>;
}

const panel =
  (Content: FunctionComponent, untilShown = false): FunctionComponent<IDockviewPanelProps> =>
  ({ api }) => (
    <WhenShown api={api} untilShown={untilShown}>
      <Content />
    </WhenShown>
  );

const AgentGraphPanel = lazyPart(
  () => import('../views/agents/AgentGraphPanel').then((module) => module.AgentGraphPanel),
  'Loading the agent graph…',
);

// The startup bench's eager baseline renders these hidden panels at startup too, as before the split.
const fetchedWhenShown = !__WORKBENCH_EAGER_PARTS__;

const components: Record<string, FunctionComponent<IDockviewPanelProps>> = {
  transcript: panel(TranscriptView),
  events: panel(EventInspector),
  metrics: panel(MetricsPanel, fetchedWhenShown),
  settings: panel(SettingsPage),
  scenarios: panel(ScenarioProblems),
  sessions: panel(SessionsPanel),
  compare: panel(ComparePanel),
  agents: panel(AgentGraphPanel, fetchedWhenShown),
  tools: panel(ToolsPanel),
  tests: panel(TestsPanel),
};

function onReady(event: DockviewReadyEvent): void {
  void attachDock(event.api);
}

/** Dockable panels (see layoutStore for the catalog, the saved layout and popping out). */
export function Workspace() {
  const dark = useIsDark();
  return (
    <>
      <DockviewReact className="dock" components={components} defaultTabComponent={DockTab} onReady={onReady} theme={dark ? themeDark : themeLight} />
      <WaitingCallNotice />
    </>
  );
}
