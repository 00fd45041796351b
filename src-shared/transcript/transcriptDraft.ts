import { ListDraft } from '../persistentList';
import type { TranscriptEntry, TranscriptState } from './transcriptModel';

/** Index keys of tool calls by their conversation item; no entry kind is named `item`, so they never collide. */
const ITEM_KEY = 'item:';

/**
 * The transcript reducer's working copy for one batch. Entries live in a persistent list (touched chunks
 * are copied, the rest shared) and the index (`kind:id`, and a tool call's item → position) is shared
 * between states and only added to: entries never move or disappear, so a position once recorded stays
 * right. A state whose index was since extended by another line of states (the same state reduced twice)
 * gets its own copy first, rebuilt from its entries.
 */
export class Draft {
  readonly entries: ListDraft<TranscriptEntry>;
  activeAgent: string | undefined;
  guardrailsEnabled: boolean;
  pendingGuardrails: Set<string>;
  pendingApprovals: Set<string>;
  private readonly index: Map<string, number>;

  constructor(state: TranscriptState) {
    this.entries = new ListDraft(state.entries);
    this.activeAgent = state.activeAgent;
    this.guardrailsEnabled = state.guardrailsEnabled;
    this.pendingGuardrails = new Set(state.pendingGuardrails);
    this.pendingApprovals = new Set(state.pendingApprovals);
    if (state.index.size === state.indexSize) {
      this.index = state.index;
    } else {
      this.index = new Map();
      for (let position = 0; position < state.entries.length; position += 1) {
        const entry = state.entries.at(position)!;
        this.index.set(`${entry.kind}:${entry.id}`, position);
        this.indexItem(entry, position);
      }
    }
  }

  /** The tool call whose conversation item this is, for argument deltas that name only the item. */
  toolOfItem(itemId: string): Extract<TranscriptEntry, { kind: 'tool' }> | undefined {
    const position = this.index.get(`${ITEM_KEY}${itemId}`);
    const entry = position === undefined ? undefined : this.entries.at(position);
    return entry?.kind === 'tool' ? entry : undefined;
  }

  find<K extends TranscriptEntry['kind']>(kind: K, id: string): Extract<TranscriptEntry, { kind: K }> | undefined {
    const position = this.index.get(`${kind}:${id}`);
    return position === undefined ? undefined : (this.entries.at(position) as Extract<TranscriptEntry, { kind: K }>);
  }

  put(entry: TranscriptEntry): void {
    const key = `${entry.kind}:${entry.id}`;
    let position = this.index.get(key);
    if (position === undefined) {
      position = this.entries.push(entry);
      this.index.set(key, position);
    } else this.entries.set(position, entry);
    this.indexItem(entry, position);
    if (entry.kind === 'message') {
      if (entry.guardrail?.status === 'pending') this.pendingGuardrails.add(entry.id);
      else this.pendingGuardrails.delete(entry.id);
    } else if (entry.kind === 'tool') {
      if (entry.approval === 'waiting') this.pendingApprovals.add(entry.id);
      else this.pendingApprovals.delete(entry.id);
    }
  }

  message(id: string, role: 'user' | 'assistant'): Extract<TranscriptEntry, { kind: 'message' }> {
    return (
      this.find('message', id) ?? {
        kind: 'message',
        id,
        role,
        agent: role === 'assistant' ? this.activeAgent : undefined,
        text: '',
        status: 'streaming',
        guardrail: undefined,
      }
    );
  }

  tool(id: string): Extract<TranscriptEntry, { kind: 'tool' }> {
    return (
      this.find('tool', id) ?? {
        kind: 'tool',
        id,
        agent: this.activeAgent,
        name: '',
        arguments: '',
        output: undefined,
        status: 'running',
        backend: undefined,
      }
    );
  }

  /** A tool call is found by its item too, once the stream names it (the reducer gives an item to one call only). */
  private indexItem(entry: TranscriptEntry, position: number): void {
    if (entry.kind !== 'tool' || entry.itemId === undefined) return;
    const key = `${ITEM_KEY}${entry.itemId}`;
    if (!this.index.has(key)) this.index.set(key, position);
  }

  freeze(): TranscriptState {
    return {
      entries: this.entries.freeze(),
      activeAgent: this.activeAgent,
      guardrailsEnabled: this.guardrailsEnabled,
      pendingGuardrails: [...this.pendingGuardrails],
      pendingApprovals: [...this.pendingApprovals],
      index: this.index,
      indexSize: this.index.size,
    };
  }
}
