import type { SessionSummary } from '../../../src-shared/sessionLibrary';
import { requireApi } from './hostStore';
import { revealPanel } from './layoutStore';
import { useSessionComparisonStore, type ComparedSession } from './sessionComparisonStore';

const named = (session: SessionSummary): ComparedSession => ({
  id: session.id,
  label: session.title ?? session.preview ?? session.scenarioName,
  startedAt: session.startedAt,
});

/** Ticks or unticks a session for Compare. */
export function togglePicked(id: string): void {
  const { picked } = useSessionComparisonStore.getState();
  useSessionComparisonStore.setState({ picked: picked.includes(id) ? picked.filter((other) => other !== id) : [...picked, id] });
}

/** Compares two saved sessions, the older as A, and shows the result in the Compare view. */
export async function compareSessions(first: SessionSummary, second: SessionSummary): Promise<void> {
  const [a, b] = first.startedAt <= second.startedAt ? [first, second] : [second, first];
  const comparison = await requireApi().sessions.compare({ a: a.id, b: b.id });
  useSessionComparisonStore.setState({ shown: { a: named(a), b: named(b), origin: 'picked', comparison } });
  revealPanel('compare');
}

/**
 * Plays a saved session again against the scenario as it is now, following main's progress turn by turn, then
 * shows the old against the new; a failure is kept in words on the session's row.
 */
export async function rerunSession(session: SessionSummary): Promise<void> {
  if (useSessionComparisonStore.getState().rerunning !== undefined) return;
  useSessionComparisonStore.setState({ rerunning: session.id, rerunTurn: { turn: 0, of: 0 }, rerunFailure: undefined });
  const api = requireApi();
  const stopFollowing = api.events.rerunProgress(({ id, phase, turn, of }) => {
    if (id === session.id && phase === 'start') useSessionComparisonStore.setState({ rerunTurn: { turn, of } });
  });
  try {
    const { newId, comparison } = await api.sessions.rerun({ id: session.id });
    const original = named(session);
    useSessionComparisonStore.setState({
      shown: {
        a: original,
        b: { id: newId, label: `Re-run of ${original.label}`, startedAt: new Date().toISOString() },
        origin: 'rerun',
        comparison,
      },
    });
    revealPanel('compare');
  } catch (error) {
    useSessionComparisonStore.setState({ rerunFailure: { id: session.id, message: error instanceof Error ? error.message : String(error) } });
  } finally {
    stopFollowing();
    useSessionComparisonStore.setState({ rerunning: undefined });
  }
}

/** Drafts a scenario test from the session; says in plain words where it was written. */
export async function saveAsTest(id: string): Promise<string> {
  const { name, path, turns } = await requireApi().sessions.toTest({ id });
  const folder = path.slice(0, path.length - name.length - 1);
  return `Saved as a test: ${name} (${turns} ${turns === 1 ? 'turn' : 'turns'}) in ${folder}. Run it with: npm run scenario-test -- "${path}"`;
}
