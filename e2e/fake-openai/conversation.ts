import type { ConversationItem } from 'openai/resources/realtime/realtime';
import { ClientEventError, type ClientEvent, type ConversationItemInput } from './clientEvents';
import { newId } from './ids';
import { checkImageParts } from './imageContent';
import type { ServerEventSender } from './realtimeLink';

/** A realtime session's items in order, with the client events that read and edit them. */
export class Conversation {
  private readonly items: ConversationItem[] = [];
  /** How long each assistant message's speech runs, for truncation and usage. */
  private readonly audioMs = new Map<string, number>();

  constructor(private readonly out: ServerEventSender) {}

  get all(): readonly ConversationItem[] {
    return this.items;
  }

  get lastId(): string | null {
    return this.items.at(-1)?.id ?? null;
  }

  /** conversation.item.create: a client's item, placed after `previous_item_id` when it names one. */
  create(event: ClientEvent<'conversation.item.create'>): void {
    checkImageParts(event.item, event.event_id);
    const item = toConversationItem(event.item);
    if (item.id && this.items.some((existing) => existing.id === item.id)) {
      throw new ClientEventError('item_id_already_exists', `Item with id '${item.id}' already exists.`, 'item.id', event.event_id ?? null);
    }
    if (item.type === 'function_call_output' && !this.items.some((other) => other.type === 'function_call' && other.call_id === item.call_id)) {
      throw new ClientEventError(
        'invalid_value',
        `Tool call output '${item.call_id}' does not match any function call in the conversation.`,
        'item.call_id',
        event.event_id ?? null,
      );
    }
    this.add(item, event.previous_item_id ?? undefined);
    this.out.emit({ type: 'conversation.item.done', item, previous_item_id: this.previousId(item) });
  }

  retrieve(event: ClientEvent<'conversation.item.retrieve'>): void {
    this.out.emit({ type: 'conversation.item.retrieved', item: this.find(event.item_id, event.event_id) });
  }

  delete(event: ClientEvent<'conversation.item.delete'>): void {
    this.find(event.item_id, event.event_id);
    this.items.splice(
      this.items.findIndex((item) => item.id === event.item_id),
      1,
    );
    this.out.emit({ type: 'conversation.item.deleted', item_id: event.item_id });
  }

  truncate(event: ClientEvent<'conversation.item.truncate'>): void {
    const item = this.find(event.item_id, event.event_id);
    if (item.type !== 'message' || item.role !== 'assistant') {
      throw new ClientEventError('invalid_value', 'Only assistant messages can be truncated.', 'item_id', event.event_id ?? null);
    }
    const part = item.content[event.content_index];
    const totalMs = this.audioMsOf(item.id!);
    if (!part || part.type !== 'output_audio') {
      throw new ClientEventError(
        'invalid_value',
        `Content index ${event.content_index} of item '${item.id}' has no audio.`,
        'content_index',
        event.event_id ?? null,
      );
    }
    if (event.audio_end_ms > totalMs) {
      throw new ClientEventError(
        'invalid_value',
        `Audio content of ${Math.round(totalMs)}ms is already shorter than ${event.audio_end_ms}ms`,
        'audio_end_ms',
        event.event_id ?? null,
      );
    }
    // The model only "said" what was heard: keep the share of the transcript that was played.
    const transcript = part.transcript ?? '';
    part.transcript = totalMs > 0 ? transcript.slice(0, Math.round((transcript.length * event.audio_end_ms) / totalMs)) : '';
    this.out.emit({ type: 'conversation.item.truncated', item_id: item.id!, content_index: event.content_index, audio_end_ms: event.audio_end_ms });
  }

  /** Inserts an item (at the end, or after `previousItemId`) and announces it with conversation.item.added. */
  add(item: ConversationItem, previousItemId?: string): void {
    const index = previousItemId ? this.items.findIndex((other) => other.id === previousItemId) + 1 : this.items.length;
    this.items.splice(index > 0 ? index : this.items.length, 0, item);
    this.out.emit({ type: 'conversation.item.added', item, previous_item_id: this.previousId(item) });
  }

  previousId(item: ConversationItem): string | null {
    const index = this.items.indexOf(item);
    return index > 0 ? (this.items[index - 1]!.id ?? null) : null;
  }

  recordAudio(itemId: string, ms: number): void {
    this.audioMs.set(itemId, ms);
  }

  audioMsOf(itemId: string): number {
    return this.audioMs.get(itemId) ?? 0;
  }

  private find(itemId: string, clientEventId: string | undefined): ConversationItem {
    const item = this.items.find((existing) => existing.id === itemId);
    if (!item) throw new ClientEventError('item_not_found', `Item with item_id '${itemId}' not found.`, 'item_id', clientEventId ?? null);
    return item;
  }
}

function toConversationItem(input: ConversationItemInput): ConversationItem {
  const base = { ...input, id: input.id ?? newId('item'), object: 'realtime.item' as const, status: 'completed' as const };
  if (base.type === 'message') {
    // The SDK's history needs the transcript key on audio parts (null until known).
    base.content = base.content.map((part) => (part.type === 'input_audio' ? { transcript: null, ...part } : part));
  }
  if (base.type === 'function_call') base.call_id ??= newId('call');
  return base as unknown as ConversationItem;
}
