import type { TranscriptState } from '../transcript/transcriptModel';

export interface ConversationTurn {
  readonly role: 'user' | 'assistant';
  readonly text: string;
}

/** How many of the latest turns the supervisor and escalation models are sent. */
const MAX_TURNS = 100;

/** The conversation so far as plain turns, from a session's own reduced copy (never from a view). */
export function conversationTurns(state: TranscriptState): ConversationTurn[] {
  const turns: ConversationTurn[] = [];
  for (let index = state.entries.length - 1; index >= 0 && turns.length < MAX_TURNS; index -= 1) {
    const entry = state.entries.at(index)!;
    if (entry.kind === 'message' && entry.text.trim() !== '') turns.push({ role: entry.role, text: entry.text });
  }
  return turns.reverse();
}
