import { useVirtualizer } from '@tanstack/react-virtual';
import { useState, useSyncExternalStore } from 'react';
import { JsonView, darkStyles, defaultStyles } from 'react-json-view-lite';
import { useIsDark } from '../app/useResolvedTheme';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { useShownStream, useWorkspaceStore } from '../app/workspaceStore';
import { useStickToBottom } from '../app/useStickToBottom';
import type { EventLog } from '../events/eventLog';
import type { ReplayController } from '../replay/replayController';
import { useFilteredIndices } from './useFilteredIndices';

const ROW_HEIGHT = 20;
const arrows: Record<SessionEvent['direction'], string> = { client: '↑', server: '↓', app: '•' };

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
  const [filter, setFilter] = useState('');
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const [copied, setCopied] = useState<number | undefined>(undefined);
  const visible = useFilteredIndices(log, count, filter);
  const scroller = useStickToBottom<HTMLDivElement>(visible.length);
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

  return (
    <div className="inspector">
      <div className="panel-toolbar">
        <input
          className="input input-filter"
          aria-label="Filter events"
          placeholder="Filter (type, client, server, app)"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
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
      <div className="inspector-list" ref={scroller} role="listbox" aria-label="Events" tabIndex={0}>
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
              </div>
            );
          })}
        </div>
      </div>
      <div className="inspector-detail">
        {selected ? (
          <JsonView style={dark ? darkStyles : defaultStyles} data={selected} shouldExpandNode={(level) => level < 3} />
        ) : (
          <p className="empty-state">
            {replay ? 'Select an event to see its payload and move the replay there.' : 'Select an event to see its payload.'}
          </p>
        )}
      </div>
    </div>
  );
}
