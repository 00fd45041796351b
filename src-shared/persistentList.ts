/**
 * An immutable list stored in fixed-size chunks, so that changing a few items of a long list copies
 * only the chunks they sit in (and the short chunk index), never the whole list. Reducers use it to do
 * work proportional to a batch of events rather than to the session's history.
 */
const CHUNK_SIZE = 64;

export class PersistentList<T> {
  private constructor(
    private readonly chunks: readonly (readonly T[])[],
    readonly length: number,
  ) {}

  static empty<T>(): PersistentList<T> {
    return new PersistentList<T>([], 0);
  }

  static of<T>(items: readonly T[]): PersistentList<T> {
    const draft = new ListDraft(PersistentList.empty<T>());
    for (const item of items) draft.push(item);
    return draft.freeze();
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return this.chunks[Math.floor(index / CHUNK_SIZE)]![index % CHUNK_SIZE];
  }

  toArray(): T[] {
    return this.chunks.flat().slice(0, this.length) as T[];
  }

  /** For a ListDraft only. */
  static parts<T>(list: PersistentList<T>): { chunks: readonly (readonly T[])[]; length: number } {
    return { chunks: list.chunks, length: list.length };
  }

  /** For a ListDraft only. */
  static assemble<T>(chunks: readonly (readonly T[])[], length: number): PersistentList<T> {
    return new PersistentList(chunks, length);
  }
}

/** A working copy of a list for one batch: chunks are copied the first time the batch touches them. */
export class ListDraft<T> {
  private readonly chunks: T[][];
  private readonly owned = new Set<number>();
  length: number;

  constructor(list: PersistentList<T>) {
    const parts = PersistentList.parts(list);
    this.chunks = [...parts.chunks] as T[][];
    this.length = parts.length;
  }

  private own(chunkIndex: number): T[] {
    if (!this.owned.has(chunkIndex)) {
      this.chunks[chunkIndex] = [...(this.chunks[chunkIndex] ?? [])];
      this.owned.add(chunkIndex);
    }
    return this.chunks[chunkIndex]!;
  }

  at(index: number): T | undefined {
    if (index < 0 || index >= this.length) return undefined;
    return this.chunks[Math.floor(index / CHUNK_SIZE)]![index % CHUNK_SIZE];
  }

  set(index: number, item: T): void {
    if (index < 0 || index >= this.length) throw new RangeError(`No item ${index} in a list of ${this.length}.`);
    this.own(Math.floor(index / CHUNK_SIZE))[index % CHUNK_SIZE] = item;
  }

  push(item: T): number {
    const index = this.length;
    this.own(Math.floor(index / CHUNK_SIZE)).push(item);
    this.length += 1;
    return index;
  }

  freeze(): PersistentList<T> {
    return PersistentList.assemble(this.chunks, this.length);
  }
}
