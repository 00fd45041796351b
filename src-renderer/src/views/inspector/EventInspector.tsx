import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import type { EventDirection, SessionEvent } from '../../../../src-shared/sessionEvent';
import { showEventsOf, showInTranscript, useRevealStore } from '../../state/revealStore';
import { revealPanel } from '../../state/layoutStore';
import { useShownStream, useShownSessionStore } from '../../state/shownSessionStore';
import type { EventLog } from '../../engine/events/eventLog';
import type { ReplayController } from '../../engine/replay/replayController';
import { IncrementalFilter, defaultFilter, type EventFilter } from '../../engine/events/eventFilter';
import { cachedFoldedSummary } from './foldedSummary';
import { splitOnMatches } from './jsonPath';
import { PayloadTree } from './PayloadTree';
import { TypeChips } from './TypeChips';
import { useFilteredRows } from './useFilteredRows';
import './inspector.css';

const ROW_HEIGHT = 20;
const NEAR_BOTTOM_PX = 40;
const arrows: Record<SessionEvent['direction'], string> = { client: '↑', server: '↓', app: '•' };
const directionLabels: Record<EventDirection, string> = { client: 'Sent', server: 'Received', app: 'App' };
/** In a replay the inspector lists the whole log (events not yet reached are dimmed) and a click seeks there. */
function useInspectedLog(): { log: EventLog; count: number; replay: ReplayController | undefined; shownUpTo: number } {
  const shown = useShownSessionStore((state) => state.shown);
  const streamCount = useShownStream((state) => state.count);
  const replay = shown.kind === 'replay' ? shown.replay : undefined;
  const loaded = useSyncExternalStore(
    (listener) => replay?.state.subscribe(listener) ?? (() => undefined),
    () => replay?.state.getState().loaded ?? 0,
  );
  if (replay) return { log: replay.loadedEvents(), count: loaded, replay, shownUpTo: streamCount };
  return { log: shown.stream.events, count: streamCount, replay: undefined, shownUpTo: streamCount };
}

function Highlighted({ text, needle }: { text: string; needle: string }) {
  const parts = splitOnMatches(text, needle);
  return <>{parts.map((part, index) => (index % 2 === 1 ? <mark key={index}>{part}</mark> : part))}</>;
}

/**
 * Keeps the newest row in view while the user is at the bottom and has nothing selected; scrolling up
 * or selecting a row stops that until they follow again.
 */
function useFollowTail(rows: number, paused: boolean) {
  const scroller = useRef<HTMLDivElement>(null);
  const [atBottom, setAtBottom] = useState(true);
  const following = atBottom && !paused;
  useEffect(() => {
    const element = scroller.current;
    if (!element) return;
    const onScroll = () => setAtBottom(element.scrollHeight - element.scrollTop - element.clientHeight < NEAR_BOTTOM_PX);
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => element.removeEventListener('scroll', onScroll);
  }, []);
  useLayoutEffect(() => {
    if (following) scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [rows, following]);
  const follow = () => {
    setAtBottom(true);
    scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  };
  return { scroller, following, follow };
}

/** Every event of the session, newest last, filterable and searchable, with the selected one as a JSON tree. */
export function EventInspector() {
  const { log, count, replay, shownUpTo } = useInspectedLog();
  const related = useRevealStore((state) => state.related);
  const [local, setLocal] = useState<EventFilter>(defaultFilter);
  const [showTypes, setShowTypes] = useState(false);
  const filter = useMemo<EventFilter>(() => ({ ...local, related }), [local, related]);
  const needle = filter.text.trim().toLowerCase();
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const [copied, setCopied] = useState<number | undefined>(undefined);
  const rows = useFilteredRows(log, count, filter);
  const { scroller, following, follow } = useFollowTail(rows.length, selectedSeq !== undefined);
  const search = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const selectedIndex = selectedSeq === undefined ? undefined : log.indexOfSeq(selectedSeq);
  const selected = selectedIndex === undefined ? undefined : log.at(selectedIndex);
  const selectedAnnotation = selectedIndex === undefined ? undefined : log.annotationAt(selectedIndex);
  const agents = log.agents;
  const turns = log.turns;

  function change(patch: Partial<EventFilter>): void {
    setLocal({ ...local, ...patch });
  }

  function select(event: SessionEvent): void {
    setSelectedSeq(event.seq);
    replay?.seekToEvent(event.seq);
  }

  function toggleDirection(direction: EventDirection): void {
    const directions = new Set(local.directions);
    if (directions.has(direction)) directions.delete(direction);
    else directions.add(direction);
    change({ directions });
  }

  function toggleFold(key: string): void {
    const unfolded = new Set(local.unfolded);
    if (unfolded.has(key)) unfolded.delete(key);
    else unfolded.add(key);
    change({ unfolded });
  }

  /** ↑/↓ move the selection, Home/End jump, Enter opens a folded row or goes to the payload, Esc clears. */
  function onListKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (rows.length === 0) return;
    let position = -1;
    if (selectedIndex !== undefined)
      for (let row = 0; row < rows.length && position === -1; row += 1) if (rows.indices[row] === selectedIndex) position = row;
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(rows.length - 1, to));
      select(log.at(rows.indices[clamped]!)!);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(position + 1);
    else if (event.key === 'ArrowUp') move(position === -1 ? rows.length - 1 : position - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(rows.length - 1);
    else if (event.key === 'Escape') setSelectedSeq(undefined);
    else if (event.key === 'Enter' && position !== -1) {
      event.preventDefault();
      const key = rows.foldKeyAt(position);
      if (key !== undefined && (rows.foldedAt(position) > 1 || local.unfolded.has(key))) toggleFold(key);
      else scroller.current?.closest('.inspector')?.querySelector<HTMLElement>('.payload-tree [tabindex="0"]')?.focus();
    }
  }

  // "/" anywhere outside a text field goes to the event search, as in DevTools.
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.key !== '/' || target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      event.preventDefault();
      search.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const relatedId = selectedAnnotation?.callId ?? selectedAnnotation?.itemId;
  return (
    <div className="inspector panel-root">
      <div className="panel-toolbar inspector-toolbar">
        <input
          ref={search}
          type="search"
          className="input input-filter"
          aria-label="Filter events"
          placeholder="Search types, summaries and payloads  ( / )"
          value={local.text}
          onChange={(event) => change({ text: event.target.value })}
        />
        <div className="chips" role="group" aria-label="Directions">
          {(['client', 'server', 'app'] as const).map((direction) => (
            <button
              key={direction}
              type="button"
              className={`chip chip-${direction}`}
              aria-pressed={local.directions.has(direction)}
              onClick={() => toggleDirection(direction)}
              title={`Show ${direction} events`}
            >
              {arrows[direction]} {directionLabels[direction]} {rows.counts[direction]}
            </button>
          ))}
          <button type="button" className="chip chip-error" aria-pressed={local.errorsOnly} onClick={() => change({ errorsOnly: !local.errorsOnly })}>
            Only errors
          </button>
          <button
            type="button"
            className="chip"
            aria-pressed={local.fold}
            onClick={() => change({ fold: !local.fold, unfolded: new Set() })}
            title="Fold each item's audio and transcript deltas into one row"
          >
            Fold deltas
          </button>
          <button type="button" className="chip" aria-pressed={showTypes} aria-expanded={showTypes} onClick={() => setShowTypes(!showTypes)}>
            Types{local.includeTypes.size + local.excludeTypes.size > 0 ? ` (${local.includeTypes.size + local.excludeTypes.size})` : ''}
          </button>
        </div>
        <select
          className="input input-compact"
          aria-label="Filter by agent"
          value={local.agent ?? ''}
          onChange={(event) => change({ agent: event.target.value === '' ? undefined : event.target.value })}
        >
          <option value="">All agents</option>
          {agents.map((agent) => (
            <option key={agent} value={agent}>
              {agent}
            </option>
          ))}
        </select>
        <select
          className="input input-compact"
          aria-label="Filter by turn"
          value={local.turn === undefined ? '' : String(local.turn)}
          onChange={(event) => change({ turn: event.target.value === '' ? undefined : Number(event.target.value) })}
        >
          <option value="">All turns</option>
          {Array.from({ length: turns + 1 }, (_, turn) => (
            <option key={turn} value={turn}>
              {turn === 0 ? 'Before turn 1' : `Turn ${turn}`}
            </option>
          ))}
        </select>
        <span className="panel-toolbar-title" data-testid="event-count" aria-live="polite">
          {rows.searching ? `Searching ${count} events…` : rows.matched === count ? `${count} events` : `${rows.matched} of ${count} shown`}
        </span>
        <button
          type="button"
          className="button button-small"
          aria-pressed={following}
          title="Keep the newest event in view"
          onClick={() => {
            setSelectedSeq(undefined);
            follow();
          }}
        >
          {following ? 'Following' : 'Follow'}
        </button>
        <button
          type="button"
          className="button button-small"
          disabled={rows.matched === 0}
          title="Copy the shown events, one JSON object per line"
          onClick={() => {
            // Every event that passes the filter, folded deltas included: a search is answered by the search worker first.
            const unfolded = new IncrementalFilter(log, { ...filter, fold: false });
            void unfolded.searched.then(async () => {
              const all = unfolded.update(count);
              const lines: string[] = [];
              for (let row = 0; row < all.length; row += 1) lines.push(JSON.stringify(log.at(all.indices[row]!)));
              await navigator.clipboard.writeText(lines.join('\n'));
              setCopied(lines.length);
            });
          }}
        >
          {copied === undefined ? 'Copy as NDJSON' : `Copied ${copied}`}
        </button>
      </div>
      {related && (
        <div className="inspector-related" role="status">
          Events of {related.label}
          <button type="button" className="button button-small" onClick={() => showEventsOf(undefined)}>
            Show all events
          </button>
        </div>
      )}
      {showTypes && <TypeChips counts={rows.typeCounts} filter={local} onChange={setLocal} />}
      <div
        className="inspector-list"
        ref={scroller}
        role="listbox"
        aria-label="Events"
        aria-activedescendant={selectedSeq === undefined ? undefined : `event-${selectedSeq}`}
        tabIndex={0}
        onKeyDown={onListKey}
      >
        {rows.length === 0 && (
          <p className="empty-state">
            {count === 0 ? 'No events yet: connect or open a session log.' : rows.searching ? 'Searching…' : 'No event matches these filters.'}
          </p>
        )}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((item) => {
            const index = rows.indices[item.index]!;
            const event = log.at(index)!;
            const folded = rows.foldedAt(item.index);
            const foldKey = rows.foldKeyAt(item.index);
            const ahead = index >= shownUpTo;
            const error = event.type === 'error' || event.type.endsWith('.error');
            return (
              <div
                key={`${event.seq}:${folded > 1 ? 'f' : ''}`}
                id={`event-${event.seq}`}
                role="option"
                aria-selected={event.seq === selectedSeq}
                aria-posinset={item.index + 1}
                aria-setsize={rows.length}
                className={`event-row event-${event.direction}${event.seq === selectedSeq ? ' event-selected' : ''}${error ? ' event-error' : ''}${ahead ? ' event-ahead' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onClick={() => select(event)}
                onDoubleClick={() => foldKey !== undefined && toggleFold(foldKey)}
              >
                <span className="event-time">{(event.t / 1000).toFixed(3)}</span>
                <span className="event-arrow" aria-label={directionLabels[event.direction]}>
                  {arrows[event.direction]}
                </span>
                <span className="event-type">
                  <Highlighted text={event.type} needle={needle} />
                </span>
                {folded > 1 && (
                  <span className="event-fold" title="Deltas of one item, folded: press Enter or double-click to unfold">
                    ×{folded}
                  </span>
                )}
                <span className="event-summary">
                  <Highlighted text={folded > 1 ? cachedFoldedSummary(log, index, rows, item.index) : log.summaryAt(index)} needle={needle} />
                </span>
                <span className="event-agent">{log.annotationAt(index).agent ?? ''}</span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="inspector-detail" role="region" aria-label="Event payload" tabIndex={0}>
        {selected ? (
          <>
            <div className="inspector-detail-head">
              <span className="event-type">{selected.type}</span>
              <span className="muted">
                #{selected.seq} · {(selected.t / 1000).toFixed(3)} s · turn {selectedAnnotation!.turn}
                {selectedAnnotation!.agent ? ` · ${selectedAnnotation!.agent}` : ''}
              </span>
              {relatedId !== undefined && (
                <>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => {
                      showInTranscript(relatedId);
                      revealPanel('transcript');
                    }}
                  >
                    Show in transcript
                  </button>
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => showEventsOf({ id: relatedId, label: `${selected.type.split('.')[0]} ${relatedId}` })}
                  >
                    Events of this item
                  </button>
                </>
              )}
            </div>
            <PayloadTree key={selected.seq} data={selected} needle={needle} rootName="event" />
          </>
        ) : (
          <p className="empty-state">
            {replay ? 'Select an event to see its payload and move the replay there.' : 'Select an event to see its payload.'}
          </p>
        )}
      </div>
    </div>
  );
}
