import { DockviewReact, themeDark, themeLight, type DockviewReadyEvent, type IDockviewPanelProps } from 'dockview-react';
import 'dockview-react/dist/styles/dockview.css';
import type { FunctionComponent } from 'react';
import { EventInspector } from '../inspector/EventInspector';
import { ScenarioProblems } from '../scenarios/ScenarioProblems';
import { SessionsPanel } from '../sessions/SessionsPanel';
import { KeyPanel } from '../settings/KeyPanel';
import { SettingsPanel } from '../settings/SettingsPanel';
import { TranscriptView } from '../transcript/TranscriptView';
import { DockTab } from './DockTab';
import { useIsDark } from './useResolvedTheme';

function SettingsDock() {
  return (
    <div className="settings-page">
      <KeyPanel />
      <SettingsPanel />
    </div>
  );
}

const components: Record<string, FunctionComponent<IDockviewPanelProps>> = {
  transcript: () => <TranscriptView />,
  events: () => <EventInspector />,
  settings: () => <SettingsDock />,
  scenarios: () => <ScenarioProblems />,
  sessions: () => <SessionsPanel />,
};

function onReady(event: DockviewReadyEvent): void {
  const transcript = event.api.addPanel({ id: 'transcript', component: 'transcript', title: 'Transcript' });
  event.api.addPanel({
    id: 'events',
    component: 'events',
    title: 'Events',
    position: { referencePanel: transcript, direction: 'right' },
    initialWidth: 460,
  });
  event.api.addPanel({
    id: 'sessions',
    component: 'sessions',
    title: 'Sessions',
    position: { referencePanel: transcript, direction: 'within' },
    inactive: true,
  });
  event.api.addPanel({
    id: 'scenarios',
    component: 'scenarios',
    title: 'Scenarios',
    position: { referencePanel: transcript, direction: 'within' },
    inactive: true,
  });
  event.api.addPanel({
    id: 'settings',
    component: 'settings',
    title: 'Settings',
    position: { referencePanel: transcript, direction: 'within' },
    inactive: true,
  });
}

/** Dockable panels: transcript, event inspector, saved sessions, scenario problems and settings. */
export function Workspace() {
  const dark = useIsDark();
  return (
    <DockviewReact className="dock" components={components} defaultTabComponent={DockTab} onReady={onReady} theme={dark ? themeDark : themeLight} />
  );
}
