/**
 * The wire under a session's events, as the pacing needs to see it: a WebSocket or a WebRTC data channel,
 * each adapted where it is created.
 */
export interface PacedChannel {
  /** Bytes handed to the transport that it has not put on the wire yet. */
  readonly bufferedAmount: number;
  readonly isOpen: boolean;
  write(data: string): void;
  /**
   * Calls `listener` whenever the buffer falls to `lowWaterMark` bytes or below (and when the channel
   * closes, if it can tell); returns a function that stops listening.
   */
  onDrain(lowWaterMark: number, listener: () => void): () => void;
}

/**
 * Above this many buffered bytes the sender stops writing and waits for the transport to drain. Kept small
 * for werift: its SCTP slows sharply with more in flight (a 1,500-delta reply took 2.6 s at 32 KB, 13 s at
 * 128 KB, and stalled at 256 KB).
 */
const HIGH_WATER_MARK = 32 * 1024;
/** It writes again once the transport holds this little. */
const LOW_WATER_MARK = 8 * 1024;
/** A drain event can be missed (a channel that closes without saying so): no wait outlasts this before the channel is looked at again. */
const RECHECK_MS = 1_000;

/**
 * Writes a session's events in order without outrunning the transport: while the transport holds more than
 * HIGH_WATER_MARK bytes, events queue here and go out as it drains, so a reply streamed at any rate arrives
 * whole, only slower. Nothing is dropped or reordered while the channel is open; once it closes, whatever is
 * still queued is discarded and every waiter is released.
 */
export class PacedSender {
  private readonly queue: string[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  private waitingForDrain = false;
  private closed = false;

  constructor(private readonly channel: PacedChannel) {}

  send(data: string): void {
    if (this.closed) return;
    this.queue.push(data);
    this.flush();
  }

  /** Resolves once everything sent so far is in the transport's hands (or the channel closed): a producer awaits it to slow to the wire's pace. */
  drained(): Promise<void> {
    if (this.closed || this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** The channel is gone: drop what is queued and let every waiter go on. */
  close(): void {
    this.closed = true;
    this.queue.length = 0;
    this.releaseIdleWaiters();
  }

  private flush(): void {
    if (this.waitingForDrain) return;
    while (this.queue.length > 0) {
      if (!this.channel.isOpen) {
        this.close();
        return;
      }
      if (this.channel.bufferedAmount > HIGH_WATER_MARK) {
        void this.waitForDrain();
        return;
      }
      const data = this.queue.shift()!;
      try {
        this.channel.write(data);
      } catch (error) {
        // Skipping the event would reorder the stream; the session stops sending instead, and says why.
        console.error(`fake-openai: could not write a server event (${data.slice(0, 80)}…); no more events go to this client:`, error);
        this.close();
        return;
      }
    }
    this.releaseIdleWaiters();
  }

  private async waitForDrain(): Promise<void> {
    this.waitingForDrain = true;
    while (!this.closed && this.channel.isOpen && this.channel.bufferedAmount > LOW_WATER_MARK) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, RECHECK_MS);
        const stop = this.channel.onDrain(LOW_WATER_MARK, done);
        function done() {
          clearTimeout(timer);
          stop();
          resolve();
        }
      });
    }
    this.waitingForDrain = false;
    if (!this.closed) this.flush();
  }

  private releaseIdleWaiters(): void {
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }
}
