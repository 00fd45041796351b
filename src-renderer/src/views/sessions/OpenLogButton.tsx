import { useRef } from 'react';
import { openLocalLog } from '../../state/replayActions';

/** Picks a saved session log or a raw Realtime event log from disk and replays it. */
export function OpenLogButton() {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className="button button-small" onClick={() => input.current?.click()}>
        Open a log…
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Log file to open"
        accept=".jsonl,.ndjson,.json,.log,.txt"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) void openLocalLog(file);
        }}
      />
    </>
  );
}
