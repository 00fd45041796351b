import { ListDraft } from '../persistentList';
import type { TranscriptEntry, TranscriptState } from './transcriptModel';

/**
 * The transcript reducer's working copy for one batch. Entries live in a persistent list (touched chunks are copied, the rest
 * shared) and the `kind:id` → position index is shared between states and only added to: entries never
 * move or disappear, so a position once recorded stays right. A state whose index was since extended by
 * another line of states (the same state reduced twice) gets its own copy first, rebuilt from its entries.
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
      }
    }
  }

  find<K extends TranscriptEntry['kind']>(kind: K, id: string): Extract<TranscriptEntry, { kind: K }> | undefined {
    const position = this.index.get(`${kind}:${id}`);
    return position === undefined ? undefined : (this.entries.at(position) as Extract<TranscriptEntry, { kind: K }>);
  }

  put(entry: TranscriptEntry): void {
    const key = `${entry.kind}:${entry.id}`;
    const position = this.index.get(key);
    if (position === undefined) this.index.set(key, this.entries.push(entry));
    else this.entries.set(position, entry);
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
