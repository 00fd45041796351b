import { useState } from 'react';
import type { PersistentList } from '../../../../src-shared/persistentList';
import type { TranscriptEntry } from '../../../../src-shared/transcript/transcriptModel';
import { useLiveStream } from '../../state/shownSessionStore';

type Message = Extract<TranscriptEntry, { kind: 'message' }>;

/** How far back from the end to look for the latest finished assistant message (tool calls and verdicts sit after it). */
const LOOK_BACK = 20;

function latestFinishedAssistantMessage(entries: PersistentList<TranscriptEntry>): Message | undefined {
  for (let index = entries.length - 1; index >= Math.max(0, entries.length - LOOK_BACK); index -= 1) {
    const entry = entries.at(index);
    if (entry?.kind === 'message' && entry.role === 'assistant' && entry.status !== 'streaming') return entry;
  }
  return undefined;
}

/**
 * Says each new assistant message of the live session to screen readers once it is complete, in a polite
 * live region that is always in the page (the transcript itself is virtualised and may be in a hidden tab).
 * Messages already there when it mounts are not read out again.
 */
export function AssistantAnnouncer() {
  const latest = useLiveStream((state) => latestFinishedAssistantMessage(state.transcript.entries));
  const [alreadyThere] = useState(latest?.id);
  const announce = latest !== undefined && latest.id !== alreadyThere;
  return (
    <div className="visually-hidden" aria-live="polite" data-testid="assistant-announcer">
      {announce && `${latest.agent ?? 'Assistant'} says: ${latest.text}`}
    </div>
  );
}
