import { useEffect, useMemo, useState } from 'react';
import type { SessionSummary } from '../../../../src-shared/sessionLibrary';
import { requireApi, useHostStore } from '../../state/hostStore';
import { OpenLogButton } from './OpenLogButton';
import { openReplay } from '../../state/replayActions';
import { formatBytes, formatDuration } from '../common/formatting';
import { useSessionLibrary } from '../../state/sessionLibraryStore';
import { useLiveStream } from '../../state/shownSessionStore';
import { useSessionComparisonStore } from '../../state/sessionComparisonStore';
import { compareSessions, rerunSession, saveAsTest, togglePicked } from '../../state/sessionComparisonActions';
import './sessions.css';

type SortKey = 'date' | 'duration' | 'turns' | 'events' | 'size';

const sorters: Record<SortKey, (a: SessionSummary, b: SessionSummary) => number> = {
  date: (a, b) => b.startedAt.localeCompare(a.startedAt),
  duration: (a, b) => b.durationMs - a.durationMs,
  turns: (a, b) => b.turns - a.turns,
  events: (a, b) => b.events - a.events,
  size: (a, b) => b.sizeBytes - a.sizeBytes,
};

const stateLabels: Record<SessionSummary['state'], string> = {
  recording: 'recording',
  complete: 'complete',
  crashed: 'crashed (no end record)',
  unreadable: 'unreadable',
};

/** Why Re-run cannot start now, in plain words; undefined when it can. */
function useRerunBlocked(): string | undefined {
  const live = useLiveStream((state) => state.status.phase.status === 'connected' || state.status.phase.status === 'connecting');
  const keyStatus = useHostStore((state) => state.keyStatus);
  const rerunning = useSessionComparisonStore((state) => state.rerunning);
  if (live) return 'Re-run waits for the live session to end: disconnect first.';
  if (keyStatus && !keyStatus.hasKey) return 'Re-run needs an API key: add one in Settings.';
  if (rerunning !== undefined) return 'Another session is being re-run.';
  return undefined;
}

/** Where the re-run under way is, in words: main says as each turn starts. */
function RerunProgress() {
  const { turn, of } = useSessionComparisonStore((state) => state.rerunTurn);
  return (
    <span className="session-note" role="status" data-testid="rerun-progress">
      {turn === 0 ? 'Connecting…' : `Turn ${turn} of ${of}…`} Re-running against the scenario as it is now.
    </span>
  );
}

function SessionRow({ session, rerunBlocked }: { session: SessionSummary; rerunBlocked: string | undefined }) {
  const [renaming, setRenaming] = useState(false);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const picked = useSessionComparisonStore((state) => state.picked.includes(session.id));
  const rerunningThis = useSessionComparisonStore((state) => state.rerunning === session.id);
  const rerunFailure = useSessionComparisonStore((state) => (state.rerunFailure?.id === session.id ? state.rerunFailure.message : undefined));
  const [title, setTitle] = useState(session.title ?? '');
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [error, setError] = useState<string | undefined>(undefined);
  const label = session.title ?? session.preview ?? session.scenarioName;
  const desktop = useHostStore((state) => state.connection.status === 'ready' && state.connection.info.host === 'electron');

  async function act(action: () => Promise<unknown>): Promise<void> {
    try {
      setError(undefined);
      await action();
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  }

  return (
    <li
      className="session-row"
      data-testid="session-row"
      aria-label={`${label}, ${session.scenarioName}, ${new Date(session.startedAt).toLocaleString()}`}
    >
      <input
        type="checkbox"
        className="session-pick"
        aria-label={`Pick ${label} to compare`}
        title="Pick two sessions, then Compare"
        checked={picked}
        disabled={session.state === 'unreadable'}
        onChange={() => togglePicked(session.id)}
      />
      <div className="session-main">
        {renaming ? (
          <form
            className="session-rename"
            onSubmit={(event) => {
              event.preventDefault();
              void act(async () => {
                await requireApi().sessions.rename({ id: session.id, title });
                setRenaming(false);
              });
            }}
          >
            <input className="input" aria-label="Session title" value={title} autoFocus onChange={(event) => setTitle(event.target.value)} />
            <button type="submit" className="button button-small" disabled={title.trim() === ''}>
              Save title
            </button>
            <button type="button" className="button button-small" onClick={() => setRenaming(false)}>
              Cancel
            </button>
          </form>
        ) : (
          <span className="session-title">{label}</span>
        )}
        <span className="session-meta">
          {session.scenarioName} · {new Date(session.startedAt).toLocaleString()} · {formatDuration(session.durationMs)} · {session.turns} turns ·{' '}
          {session.events} events · {formatBytes(session.sizeBytes)}
        </span>
        {session.problem && <span className="session-problem">{session.problem}</span>}
        {error && (
          <span className="session-problem" role="alert">
            {error}
          </span>
        )}
        {saved && (
          <span className="session-note" role="status">
            {saved}
          </span>
        )}
        {rerunningThis && <RerunProgress />}
        {rerunFailure && (
          <span className="session-problem" role="alert" data-testid="rerun-failure">
            Re-run failed. {rerunFailure}
          </span>
        )}
      </div>
      <span className={`badge session-state session-state-${session.state}`}>{stateLabels[session.state]}</span>
      <div className="session-actions">
        <button
          type="button"
          className="button button-small"
          disabled={session.state === 'unreadable'}
          onClick={() => void act(() => openReplay({ id: session.id }, label))}
        >
          Open
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={session.state === 'unreadable' || session.state === 'recording'}
          title="Draft a scenario test from this session's turns, tool calls and handoffs"
          onClick={() =>
            void act(async () => {
              setSaved(undefined);
              setSaved(await saveAsTest(session.id));
            })
          }
        >
          Save as test
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={rerunBlocked !== undefined || session.state === 'unreadable' || session.state === 'recording'}
          title={rerunBlocked ?? 'Play the user turns again against the scenario as it is now, and compare'}
          onClick={() => void act(() => rerunSession(session))}
        >
          {rerunningThis ? 'Re-running…' : 'Re-run'}
        </button>
        <button type="button" className="button button-small" onClick={() => setRenaming(true)} disabled={renaming}>
          Rename
        </button>
        {desktop && (
          <button type="button" className="button button-small" onClick={() => void act(() => requireApi().sessions.reveal({ id: session.id }))}>
            Reveal in folder
          </button>
        )}
        {confirmDelete ? (
          <>
            <button
              type="button"
              className="button button-small button-danger"
              onClick={() => void act(() => requireApi().sessions.delete({ id: session.id }))}
            >
              Delete for good
            </button>
            <button type="button" className="button button-small" onClick={() => setConfirmDelete(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-small" disabled={session.state === 'recording'} onClick={() => setConfirmDelete(true)}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}

/** The saved sessions: newest first, searchable, sortable; open one to replay it. */
export function SessionsPanel() {
  const { list, error, query, setQuery, refresh } = useSessionLibrary();
  const [sort, setSort] = useState<SortKey>('date');
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const sessions = useMemo(() => [...(list?.sessions ?? [])].sort(sorters[sort]), [list, sort]);
  const rerunBlocked = useRerunBlocked();
  const pickedIds = useSessionComparisonStore((state) => state.picked);
  const picked = useMemo(() => sessions.filter((session) => pickedIds.includes(session.id)), [sessions, pickedIds]);
  const [compareError, setCompareError] = useState<string | undefined>(undefined);

  return (
    <div className="sessions-panel panel-root">
      <div className="panel-toolbar">
        <input
          className="input input-filter"
          type="search"
          aria-label="Search sessions"
          title="Search by scenario, title or what was said first"
          placeholder="Search sessions"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <label className="field">
          <span className="field-label">Sort</span>
          <select className="input" aria-label="Sort sessions" value={sort} onChange={(event) => setSort(event.target.value as SortKey)}>
            <option value="date">Newest</option>
            <option value="duration">Longest</option>
            <option value="turns">Most turns</option>
            <option value="events">Most events</option>
            <option value="size">Largest</option>
          </select>
        </label>
        <OpenLogButton />
        <button
          type="button"
          className="button button-small"
          disabled={picked.length !== 2}
          title={picked.length === 2 ? 'Compare the two picked sessions turn by turn' : 'Pick exactly two sessions to compare'}
          onClick={() => {
            setCompareError(undefined);
            compareSessions(picked[0]!, picked[1]!).catch((failure: unknown) =>
              setCompareError(`The sessions could not be compared: ${failure instanceof Error ? failure.message : String(failure)}`),
            );
          }}
        >
          Compare
        </button>
        <span className="panel-toolbar-title" data-testid="session-count">
          {list ? `${sessions.length} ${sessions.length === 1 ? 'session' : 'sessions'}` : 'Loading…'}
        </span>
      </div>
      {(error ?? compareError) && (
        <p className="state-line state-error" role="alert">
          {error ?? compareError}
        </p>
      )}
      {list && sessions.length > 0 && rerunBlocked && <p className="state-line sessions-rerun-blocked">{rerunBlocked}</p>}
      {list && sessions.length === 0 && (
        <p className="empty-state">
          {query ? `No saved session matches “${query}”.` : 'No saved sessions yet. Every session you connect is saved here.'}
        </p>
      )}
      <ul className="session-list" aria-label="Saved sessions">
        {sessions.map((session) => (
          <SessionRow key={session.id} session={session} rerunBlocked={rerunBlocked} />
        ))}
      </ul>
      {list && <p className="sessions-folder">Saved in {list.folder}</p>}
    </div>
  );
}
