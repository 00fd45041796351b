import type { RealtimeSession } from '@openai/agents/realtime';
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

/** Gives a new session the earlier conversation (a reconnect), each message under the item id its transcript entry has. */
export function seedConversation(session: RealtimeSession, messages: readonly { id: string; role: 'user' | 'assistant'; text: string }[]): void {
  for (const message of messages) {
    session.transport.sendEvent({
      type: 'conversation.item.create',
      item: {
        id: message.id,
        type: 'message',
        role: message.role,
        content: [{ type: message.role === 'user' ? 'input_text' : 'output_text', text: message.text }],
      },
    });
  }
}
