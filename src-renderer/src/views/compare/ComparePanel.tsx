import { useSessionComparisonStore, type ComparedSession } from '../../state/sessionComparisonStore';
import { TurnComparisonView } from './TurnComparisonView';
import './compare.css';

function SessionName({ side, session }: { side: 'A' | 'B'; session: ComparedSession }) {
  return (
    <div className="compare-session">
      <span className="compare-side">{side}</span>
      <span className="compare-session-label">{session.label}</span>
      <span className="muted">{new Date(session.startedAt).toLocaleString()}</span>
    </div>
  );
}

/** Says plainly when one session has more user turns than the other. */
function turnCountText({ a, b }: { a: number; b: number }): string {
  if (a === b) return `Both have ${a} user ${a === 1 ? 'turn' : 'turns'}.`;
  return `A has ${a} user ${a === 1 ? 'turn' : 'turns'}, B has ${b}.`;
}

/** Two sessions turn by turn, side by side: a saved session against its re-run, or two picked in Sessions. */
export function ComparePanel() {
  const shown = useSessionComparisonStore((state) => state.shown);
  if (!shown)
    return (
      <div className="compare-panel panel-root">
        <p className="empty-state">
          Nothing to compare yet. In Sessions, tick two sessions and press Compare, or press Re-run on one to play it again against the scenario as it
          is now.
        </p>
      </div>
    );
  const { comparison } = shown;
  const differing = comparison.differing.length;
  const summary = comparison.same
    ? 'Same tool calls and handoffs in every turn.'
    : `${differing} ${differing === 1 ? 'turn differs' : 'turns differ'} in tool calls or handoffs.`;
  return (
    <div className="compare-panel panel-root">
      <div className="compare-header">
        <SessionName side="A" session={shown.a} />
        <SessionName side="B" session={shown.b} />
        <p className={`compare-summary ${comparison.same ? 'compare-summary-same' : 'compare-summary-differs'}`} data-testid="compare-summary">
          {summary} <span className="muted">{turnCountText(comparison.turnCount)}</span>
        </p>
      </div>
      <div className="compare-columns" aria-hidden="true">
        <span />
        <span>A{shown.origin === 'rerun' ? ' · saved' : ''}</span>
        <span>B{shown.origin === 'rerun' ? ' · re-run' : ''}</span>
      </div>
      <div className="compare-turns">
        {comparison.turns.map((turn) => (
          <TurnComparisonView key={turn.index} turn={turn} />
        ))}
      </div>
    </div>
  );
}
