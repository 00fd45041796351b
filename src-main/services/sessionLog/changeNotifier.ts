/** While a session records, the library tells views it changed at most this often. */
const CHANGE_THROTTLE_MS = 1_000;

/**
 * Tells the Sessions panel that the library changed: at once for a session beginning, ending or failing
 * to write and for what the user did, and at most once a second for the growing figures of a recording.
 */
export class ChangeNotifier {
  private readonly listeners = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Notifies now, folding in a notice that was waiting. */
  now(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.notify();
  }

  /** Notifies within CHANGE_THROTTLE_MS, once however often it is called meanwhile. */
  soon(): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.notify();
    }, CHANGE_THROTTLE_MS);
  }

  /** Drops a notice that was waiting (the host is closing). */
  stop(): void {
    clearTimeout(this.timer);
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}
