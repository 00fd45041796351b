// Runs in Chromium (bundled by bench/renderList.ts): renders the inspector's virtualised event list and,
// as the baseline, a plain list of the same rows, and reports how long each took to be laid out on screen.
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import { summarizeEvent } from '../src-shared/eventSummary';
import type { SessionEvent } from '../src-shared/sessionEvent';
import { useShownSessionStore } from '../src-renderer/src/state/shownSessionStore';
import { SessionStream } from '../src-renderer/src/engine/events/sessionStream';
import { EventInspector } from '../src-renderer/src/views/inspector/EventInspector';
import { syntheticSession } from './syntheticSession';

const arrows: Record<SessionEvent['direction'], string> = { client: '↑', server: '↓', app: '•' };

/** Every row in the DOM at once, with the same markup the inspector's rows have. */
function PlainList({ events }: { events: readonly SessionEvent[] }) {
  return (
    <div className="inspector">
      <div className="inspector-list" role="listbox" aria-label="Events">
        {events.map((event) => (
          <div key={event.seq} role="option" aria-selected={false} className={`event-row event-${event.direction}`}>
            <span className="event-time">{(event.t / 1000).toFixed(3)}</span>
            <span className="event-arrow">{arrows[event.direction]}</span>
            <span className="event-type">{event.type}</span>
            <span className="event-summary">{summarizeEvent(event)}</span>
          </div>
        ))}
      </div>
    </div>
  );
}

async function renderTimed(which: 'virtualised' | 'plain', rows: number): Promise<{ ms: number; domRows: number }> {
  const events = syntheticSession(rows);
  const container = document.createElement('div');
  container.style.cssText = 'position:fixed;inset:0;display:flex;flex-direction:column';
  document.body.append(container);
  if (which === 'virtualised') {
    const stream = new SessionStream((apply) => apply());
    stream.pushMany(events);
    useShownSessionStore.setState({ shown: { kind: 'empty', stream } });
  }
  const root = createRoot(container);
  const started = performance.now();
  flushSync(() => root.render(which === 'virtualised' ? <EventInspector /> : <PlainList events={events} />));
  // The virtualiser measures its scroll element after mounting and renders the visible rows then.
  await new Promise((resolve) => requestAnimationFrame(resolve));
  container.getBoundingClientRect();
  const ms = performance.now() - started;
  const domRows = container.querySelectorAll('.event-row').length;
  root.unmount();
  container.remove();
  return { ms, domRows };
}

(window as unknown as { renderTimed: typeof renderTimed }).renderTimed = renderTimed;
