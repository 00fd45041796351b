import { useVirtualizer } from '@tanstack/react-virtual';
import { useMemo, useState } from 'react';
import { JsonView, darkStyles, defaultStyles } from 'react-json-view-lite';
import { useIsDark } from '../app/useResolvedTheme';
import type { SessionEvent } from '../../../src-shared/sessionEvent';
import { useEventStore } from '../events/eventStore';
import { useStickToBottom } from '../app/useStickToBottom';

const ROW_HEIGHT = 20;
const arrows: Record<SessionEvent['direction'], string> = { client: '↑', server: '↓', app: '•' };

/** Every event of the session, newest last, filterable, with the selected one as a JSON tree. */
export function EventInspector() {
  const dark = useIsDark();
  const events = useEventStore((state) => state.events);
  const dropped = useEventStore((state) => state.dropped);
  const [filter, setFilter] = useState('');
  const [selectedSeq, setSelectedSeq] = useState<number | undefined>(undefined);
  const [copied, setCopied] = useState<number | undefined>(undefined);
  const visible = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle === '' ? events : events.filter((event) => event.type.toLowerCase().includes(needle) || event.direction === needle);
  }, [events, filter]);
  const scroller = useStickToBottom<HTMLDivElement>(visible.length);
  const virtualizer = useVirtualizer({
    count: visible.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const selected = selectedSeq === undefined ? undefined : events.find((event) => event.seq === selectedSeq);

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
          {visible.length} / {events.length} events{dropped > 0 ? ` (${dropped} oldest dropped)` : ''}
        </span>
        <button
          type="button"
          className="button button-small"
          disabled={visible.length === 0}
          title="Copy the shown events, one JSON object per line"
          onClick={() =>
            void navigator.clipboard.writeText(visible.map((event) => JSON.stringify(event)).join('\n')).then(() => setCopied(visible.length))
          }
        >
          {copied === undefined ? 'Copy as NDJSON' : `Copied ${copied}`}
        </button>
      </div>
      <div className="inspector-list" ref={scroller} role="listbox" aria-label="Events">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualizer.getVirtualItems().map((row) => {
            const event = visible[row.index]!;
            return (
              <div
                key={event.seq}
                role="option"
                aria-selected={event.seq === selectedSeq}
                className={`event-row event-${event.direction}${event.seq === selectedSeq ? ' event-selected' : ''}${event.type === 'error' || event.type.endsWith('.error') ? ' event-error' : ''}`}
                style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
                onClick={() => setSelectedSeq(event.seq)}
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
          <p className="empty-state">Select an event to see its payload.</p>
        )}
      </div>
    </div>
  );
}
