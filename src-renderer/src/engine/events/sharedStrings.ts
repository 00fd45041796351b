import type { SessionEvent } from '../../../../src-shared/sessionEvent';

/** Longer strings are rarely repeated ids; a pool of them would cost more than it saves. */
const LONGEST_SHARED = 64;

/**
 * One copy of each string that many events repeat. Every event arrives parsed from its own JSON, so the
 * 1,500 deltas of one reply each carry their own copy of the type, the response id and the item id: a
 * third of what a long session's events weigh. The log keeps one copy and points every event at it.
 */
export class SharedStrings {
  private readonly pool = new Map<string, string>();

  /** The held copy of `text`, held from now on if it was not yet. */
  shared(text: string): string {
    const held = this.pool.get(text);
    if (held !== undefined) return held;
    this.pool.set(text, text);
    return text;
  }

  /**
   * Points the event's type and its payload's top-level type and `…_id` fields (an event's own `event_id`
   * aside: it is never repeated) at held copies. The values stay equal, so nothing that reads the event can
   * tell; only the memory changes.
   */
  shareRepeated(event: SessionEvent): void {
    event.type = this.shared(event.type);
    const payload = event.payload;
    for (const key in payload) {
      const value = payload[key];
      if (typeof value !== 'string' || value.length > LONGEST_SHARED) continue;
      if (key === 'type' || (key.endsWith('_id') && key !== 'event_id')) payload[key] = this.shared(value);
    }
  }

  /** How many distinct strings are held. */
  get size(): number {
    return this.pool.size;
  }
}
