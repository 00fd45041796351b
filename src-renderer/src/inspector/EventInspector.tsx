import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type KeyboardEvent } from 'react';
import { summarizeEvent } from '../../../src-shared/eventSummary';
import type { EventDirection } from '../../../src-shared/sessionEvent';
import { JsonView } from 'react-json-view-lite';
import { jsonViewStyles } from '../app/jsonViewStyles';
import { useIsDark } from '../app/useResolvedTheme';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { useShownStream, useWorkspaceStore } from '../app/workspaceStore';
import { useStickToBottom } from '../app/useStickToBottom';
import type { EventLog } from '../events/eventLog';
import type { ReplayController } from '../replay/replayController';
import { allDirections, useFilteredIndices, type EventFilter } from './useFilteredIndices';

const ROW_HEIGHT = 20;
const arrows: Record<SessionEvent['direction'], string> = { client: '↑', server: '↓', app: '•' };
const directionLabels: Record<EventDirection, string> = { client: 'Sent', server: 'Received', app: 'App' };

/** In a replay the inspector lists the whole log (events not yet reached are dimmed) and a click seeks there. */
function useInspectedLog(): { log: EventLog; count: number; replay: ReplayController | undefined; shownUpTo: number } {
  const shown = useWorkspaceStore((state) => state.shown);
  const streamCount = useShownStream((state) => state.count);
  const replay = shown.kind === 'replay' ? shown.replay : undefined;
  const loaded = useSyncExternalStore(
    (listener) => replay?.state.subscribe(listener) ?? (() => undefined),
    () => replay?.state.getState().loaded ?? 0,
  );
  if (replay) return { log: replay.loadedEvents(), count: loaded, replay, shownUpTo: streamCount };
  return { log: shown.stream.events, count: streamCount, replay: undefined, shownUpTo: streamCount };
}

/** Every event of the session, newest last, filterable, with the selected one as a JSON tree. */
export function EventInspector() {
  const dark = useIsDark();
  const { log, count, replay, shownUpTo } = useInspectedLog();
  const [text, setText] = useState('');
  const [directions, setDirections] = useState<ReadonlySet<EventDirection>>(allDirections);
  const [errorsOnly, setErrorsOnly] = useState(false);
  const filter = useMemo<EventFilter>(() => ({ text, directions, errorsOnly }), [text, directions, errorsOnly]);
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const [copied, setCopied] = useState<number | undefined>(undefined);
  const visible = useFilteredIndices(log, count, filter);
  const scroller = useStickToBottom<HTMLDivElement>(visible.length);
  const search = useRef<HTMLInputElement>(null);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const selectedIndex = selectedSeq === undefined ? undefined : log.indexOfSeq(selectedSeq);
  const selected = selectedIndex === undefined ? undefined : log.at(selectedIndex);

  function select(event: SessionEvent): void {
    setSelectedSeq(event.seq);
    replay?.seekToEvent(event.seq);
  }

  function toggle(direction: EventDirection): void {
    const next = new Set(directions);
    if (next.has(direction)) next.delete(direction);
    else next.add(direction);
    setDirections(next);
  }

  /** ↑/↓ move the selection through the shown events, Home/End jump, Esc clears it. */
  function onListKey(event: KeyboardEvent<HTMLDivElement>): void {
    if (visible.length === 0) return;
    const position = selectedIndex === undefined ? -1 : visible.indices.slice(0, visible.length).indexOf(selectedIndex);
    const move = (to: number) => {
      const clamped = Math.max(0, Math.min(visible.length - 1, to));
      select(log.at(visible.indices[clamped]!)!);
      virtualizer.scrollToIndex(clamped, { align: 'auto' });
      event.preventDefault();
    };
    if (event.key === 'ArrowDown') move(position + 1);
    else if (event.key === 'ArrowUp') move(position === -1 ? visible.length - 1 : position - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(visible.length - 1);
    else if (event.key === 'Escape') setSelectedSeq(undefined);
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

  return (
    <div className="inspector">
      <div className="panel-toolbar">
        <input
          ref={search}
          className="input input-filter"
          aria-label="Filter events"
          placeholder="Filter by type or summary  ( / )"
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <div className="chips" role="group" aria-label="Directions">
          {(['client', 'server', 'app'] as const).map((direction) => (
            <button
              key={direction}
              type="button"
              className={`chip chip-${direction}`}
              aria-pressed={directions.has(direction)}
              onClick={() => toggle(direction)}
              title={`Show ${direction} events`}
            >
              {arrows[direction]} {directionLabels[direction]} {visible.counts[direction]}
            </button>
          ))}
          <button type="button" className="chip chip-error" aria-pressed={errorsOnly} onClick={() => setErrorsOnly(!errorsOnly)}>
            Only errors
          </button>
        </div>
        <span className="panel-toolbar-title" data-testid="event-count">
          {visible.length} / {count} events
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={visible.length === 0}
          title="Copy the shown events, one JSON object per line"
          onClick={() =>
            void navigator.clipboard
              .writeText(
                visible.indices
                  .slice(0, visible.length)
                  .map((index) => JSON.stringify(log.at(index)))
                  .join('\n'),
              )
              .then(() => setCopied(visible.length))
          }
        >
          {copied === undefined ? 'Copy as NDJSON' : `Copied ${copied}`}
        </button>
      </div>
      <div className="inspector-list" ref={scroller} role="listbox" aria-label="Events" tabIndex={0} onKeyDown={onListKey}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const index = visible.indices[row.index]!;
            const event = log.at(index)!;
            const ahead = index >= shownUpTo;
            return (
              <div
                key={event.seq}
                role="option"
                aria-selected={event.seq === selectedSeq}
                aria-posinset={row.index + 1}
                aria-setsize={visible.length}
                className={`event-row event-${event.direction}${event.seq === selectedSeq ? ' event-selected' : ''}${event.type === 'error' || event.type.endsWith('.error') ? ' event-error' : ''}${ahead ? ' event-ahead' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                onClick={() => select(event)}
              >
                <span className="event-time">{(event.t / 1000).toFixed(3)}</span>
                <span className="event-arrow">{arrows[event.direction]}</span>
                <span className="event-type">{event.type}</span>
                <span className="event-summary">{summarizeEvent(event)}</span>
              </div>
            );
          })}
        </div>
      </div>
      <div className="inspector-detail" role="region" aria-label="Event payload" tabIndex={0}>
        {selected ? (
          <JsonView style={jsonViewStyles(dark)} data={selected} shouldExpandNode={(level) => level < 3} />
        ) : (
          <p className="empty-state">
            {replay ? 'Select an event to see its payload and move the replay there.' : 'Select an event to see its payload.'}
          </p>
        )}
      </div>
    </div>
  );
}
