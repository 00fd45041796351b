import type { DockviewApi, SerializedDockview } from 'dockview-react';
import { create } from 'zustand';
import { requireApi } from './hostStore';

/** Every panel the workspace can show, in the order the Panels menu lists them. */
export const panelCatalog = [
  { id: 'transcript', title: 'Transcript' },
  { id: 'events', title: 'Events' },
  { id: 'agents', title: 'Agent & prompt' },
  { id: 'metrics', title: 'Latency & cost' },
  { id: 'tools', title: 'Tools' },
  { id: 'tests', title: 'Tests' },
  { id: 'sessions', title: 'Sessions' },
  { id: 'compare', title: 'Compare' },
  { id: 'scenarios', title: 'Scenarios' },
  { id: 'settings', title: 'Settings' },
] as const;
export type PanelId = (typeof panelCatalog)[number]['id'];

interface LayoutState {
  readonly api: DockviewApi | undefined;
  /** Panels open now (docked or popped out). */
  readonly open: ReadonlySet<string>;
  /** Panels living in a popped-out window now. */
  readonly poppedOut: ReadonlySet<string>;
  /** Plain words about the layout: a saved one that could not be restored, a popup the browser blocked. */
  readonly notice: string | undefined;
  /** The layout save waiting for the dock to settle (saves are coalesced), if one is. */
  readonly pendingSave: ReturnType<typeof setTimeout> | undefined;
}

export const useLayoutStore = create<LayoutState>(() => ({
  api: undefined,
  open: new Set(),
  poppedOut: new Set(),
  notice: undefined,
  pendingSave: undefined,
}));

const SAVE_DELAY_MS = 400;

function cancelPendingSave(): void {
  clearTimeout(useLayoutStore.getState().pendingSave);
  useLayoutStore.setState({ pendingSave: undefined });
}

function titleOf(id: string): string {
  return panelCatalog.find((panel) => panel.id === id)?.title ?? id;
}

/** The layout a new install starts with: transcript and inspector side by side, the rest as tabs. */
export function addDefaultPanels(api: DockviewApi): void {
  const transcript = api.addPanel({ id: 'transcript', component: 'transcript', title: 'Transcript' });
  api.addPanel({
    id: 'events',
    component: 'events',
    title: 'Events',
    position: { referencePanel: transcript, direction: 'right' },
    initialWidth: 520,
  });
  api.addPanel({
    id: 'agents',
    component: 'agents',
    title: 'Agent & prompt',
    position: { referencePanel: 'events', direction: 'within' },
    inactive: true,
  });
  api.addPanel({
    id: 'metrics',
    component: 'metrics',
    title: 'Latency & cost',
    position: { referencePanel: 'events', direction: 'within' },
    inactive: true,
  });
  api.addPanel({ id: 'tools', component: 'tools', title: 'Tools', position: { referencePanel: 'events', direction: 'within' }, inactive: true });
  api.addPanel({ id: 'tests', component: 'tests', title: 'Tests', position: { referencePanel: 'events', direction: 'within' }, inactive: true });
  for (const id of ['sessions', 'scenarios', 'settings'] as const)
    api.addPanel({ id, component: id, title: titleOf(id), position: { referencePanel: transcript, direction: 'within' }, inactive: true });
  transcript.api.setActive();
}

function refresh(api: DockviewApi): void {
  const open = new Set(api.panels.map((panel) => panel.id));
  const poppedOut = new Set(api.panels.filter((panel) => panel.api.location.type === 'popout').map((panel) => panel.id));
  useLayoutStore.setState({ open, poppedOut });
}

function scheduleSave(api: DockviewApi): void {
  cancelPendingSave();
  const pendingSave = setTimeout(() => {
    useLayoutStore.setState({ pendingSave: undefined });
    void requireApi()
      .layout.save({ layout: api.toJSON() as unknown as Record<string, unknown> })
      .catch((error: unknown) =>
        useLayoutStore.setState({ notice: `The layout could not be saved: ${error instanceof Error ? error.message : String(error)}` }),
      );
  }, SAVE_DELAY_MS);
  useLayoutStore.setState({ pendingSave });
}

/**
 * Takes charge of the dock once it is ready: restores the saved layout (or lays out the default), then
 * saves every change. A saved layout that no longer fits (a panel renamed, a file edited by hand) is
 * replaced by the default, and the user is told.
 */
export async function attachDock(api: DockviewApi): Promise<void> {
  useLayoutStore.setState({ api });
  let saved: Record<string, unknown> | null = null;
  try {
    saved = (await requireApi().layout.get()).layout;
  } catch (error) {
    useLayoutStore.setState({ notice: `The saved layout could not be read: ${error instanceof Error ? error.message : String(error)}` });
  }
  if (saved) {
    try {
      api.fromJSON(saved as unknown as SerializedDockview);
    } catch (error) {
      api.clear();
      useLayoutStore.setState({
        notice: `The saved layout could not be restored (${error instanceof Error ? error.message : String(error)}); using the default.`,
      });
    }
  }
  if (api.panels.length === 0) addDefaultPanels(api);
  refresh(api);
  api.onDidLayoutChange(() => {
    refresh(api);
    scheduleSave(api);
  });
}

/** Shows a panel: brings it to the front where it is, or opens it again beside the transcript. */
export function revealPanel(id: PanelId): void {
  const { api } = useLayoutStore.getState();
  if (!api) return;
  const existing = api.getPanel(id);
  if (existing) {
    existing.api.setActive();
    return;
  }
  // A comparison opens beside the inspector, so the Sessions panel it came from stays in view.
  const inspector = id === 'compare' ? api.getPanel('events') : undefined;
  if (inspector) {
    api.addPanel({ id, component: id, title: titleOf(id), position: { referencePanel: inspector, direction: 'within' } });
    return;
  }
  const anchor = api.getPanel('transcript') ?? api.panels[0];
  api.addPanel({
    id,
    component: id,
    title: titleOf(id),
    position: anchor
      ? {
          referencePanel: anchor,
          direction: id === 'events' || id === 'agents' || id === 'metrics' || id === 'tools' || id === 'tests' ? 'right' : 'within',
        }
      : undefined,
  });
}

export function closePanel(id: PanelId): void {
  useLayoutStore.getState().api?.getPanel(id)?.api.close();
}

/** Back to the default layout, forgetting the saved one. */
export async function resetLayout(): Promise<void> {
  const { api } = useLayoutStore.getState();
  if (!api) return;
  cancelPendingSave();
  api.clear();
  addDefaultPanels(api);
  refresh(api);
  useLayoutStore.setState({ notice: undefined });
  await requireApi().layout.save({ layout: null });
}

/**
 * Moves a panel's group into its own window (an OS window in the desktop app, a browser window in the
 * web host). The panel stays live: the main window still runs it. Closing the window docks it back.
 */
export async function popOutPanel(id: PanelId): Promise<void> {
  const { api } = useLayoutStore.getState();
  if (!api) return;
  if (!api.getPanel(id)) revealPanel(id);
  const panel = api.getPanel(id);
  if (!panel || panel.api.location.type === 'popout') return;
  const opened = await api.addPopoutGroup(panel, {
    popoutUrl: '/popout.html',
    position: { top: 80, left: 80, width: 720, height: 640 },
    onDidOpen: ({ window }) => {
      window.document.documentElement.dataset['theme'] = document.documentElement.dataset['theme'] ?? 'system';
      window.document.documentElement.lang = 'en';
    },
  });
  useLayoutStore.setState({
    notice: opened
      ? undefined
      : `The ${titleOf(id)} panel could not open its own window: the browser blocked the popup. Allow popups for this page and try again.`,
  });
  refresh(api);
}

/** Puts a popped-out panel back in the main window. */
export function dockBack(id: PanelId): void {
  const { api } = useLayoutStore.getState();
  const panel = api?.getPanel(id);
  if (!api || !panel || panel.api.location.type !== 'popout') return;
  const anchor = api.panels.find((other) => other.api.location.type === 'grid');
  // With nothing left in the main window, closing the popout hands its group back to the grid.
  if (anchor) panel.api.moveTo({ group: anchor.group, position: 'right' });
  else panel.api.location.getWindow().close();
  refresh(api);
}

/** Popout windows load their own document: give them the app's theme, now and whenever it changes. */
export function applyThemeToPopouts(theme: string): void {
  const { api } = useLayoutStore.getState();
  for (const panel of api?.panels ?? []) {
    const location = panel.api.location;
    if (location.type === 'popout') location.getWindow().document.documentElement.dataset['theme'] = theme;
  }
}
