import { flushEvents, useEventStore } from '../events/eventStore';

/** The conversation so far as plain turns, for the supervisor and escalation models. */
export function conversationTurns(): { role: 'user' | 'assistant'; text: string }[] {
  flushEvents();
  return useEventStore
    .getState()
    .transcript.entries.flatMap((entry) => (entry.kind === 'message' && entry.text.trim() !== '' ? [{ role: entry.role, text: entry.text }] : []))
    .slice(-100);
}

/** The id of the newest assistant message that says exactly this text. */
export function findAssistantMessage(text: string): string | undefined {
  flushEvents();
  const entries = useEventStore.getState().transcript.entries;
  for (let index = entries.length - 1; index >= 0; index -= 1) {
    const entry = entries[index]!;
    if (entry.kind === 'message' && entry.role === 'assistant' && entry.text.trim() === text.trim()) return entry.id;
  }
  return undefined;
}
