import { DockviewReact, themeDark, themeLight, type DockviewReadyEvent, type IDockviewPanelProps } from 'dockview-react';
import 'dockview-react/dist/styles/dockview.css';
import type { FunctionComponent } from 'react';
import { AgentGraphPanel } from '../agents/AgentGraphPanel';
import { EventInspector } from '../inspector/EventInspector';
import { MetricsPanel } from '../metrics/MetricsPanel';
import { ScenarioProblems } from '../scenarios/ScenarioProblems';
import { SessionsPanel } from '../sessions/SessionsPanel';
import { AudioSettings } from '../settings/AudioSettings';
import { KeyPanel } from '../settings/KeyPanel';
import { SettingsPanel } from '../settings/SettingsPanel';
import { ToolsPanel } from '../tools/ToolsPanel';
import { WaitingCallNotice } from '../tools/WaitingCallNotice';
import { TranscriptView } from '../transcript/TranscriptView';
import { DockTab } from './DockTab';
import { attachDock } from './layoutStore';
import { useIsDark } from './useResolvedTheme';

function SettingsDock() {
  return (
    <div className="settings-page">
      <KeyPanel />
      <SettingsPanel />
      <AudioSettings />
    </div>
  );
}

const components: Record<string, FunctionComponent<IDockviewPanelProps>> = {
  transcript: () => <TranscriptView />,
  events: () => <EventInspector />,
  metrics: () => <MetricsPanel />,
  settings: () => <SettingsDock />,
  scenarios: () => <ScenarioProblems />,
  sessions: () => <SessionsPanel />,
  agents: () => <AgentGraphPanel />,
  tools: () => <ToolsPanel />,
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
