import { WorkbenchError } from '../errors';
import type { SessionEvent } from '../sessionEvent';
import { emptyTranscript, type TranscriptState } from '../transcript/transcriptModel';
import { reduceTranscript } from '../transcript/transcriptReducer';

/** How long a test's session waits, and for what. */
export interface TurnTimeouts {
  /** A turn with no answer complete after this long fails (the fake and the real API answer in seconds). */
  readonly turnMs: number;
  /** The server quiet this long after a response is done, with no tool running: the turn is over. */
  readonly settleMs: number;
}

export const defaultTurnTimeouts: TurnTimeouts = { turnMs: 60_000, settleMs: 400 };

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * The events of a session a test drives, and when its turns are over: a turn is over once a response is done
 * since it began, no tool is still running, every guardrail verdict is in and the server has been quiet a
 * moment. Node's headless session and the page's test session both judge turns this way.
 */
export class TurnWatch {
  readonly events: SessionEvent[] = [];
  private transcript: TranscriptState = emptyTranscript();
  private lastServerAt = 0;
  readonly timeouts: TurnTimeouts;

  constructor(
    private readonly isEnded: () => boolean,
    timeouts: Partial<TurnTimeouts> | undefined,
  ) {
    this.timeouts = { ...defaultTurnTimeouts, ...timeouts };
  }

  take(event: SessionEvent): void {
    this.events.push(event);
    this.transcript = reduceTranscript(this.transcript, [event]);
    if (event.direction === 'server') this.lastServerAt = performance.now();
  }

  /** The index the next event will have: a turn's events start here. */
  get position(): number {
    return this.events.length;
  }

  /** Waits for the turn begun at event `from` to be over (see the class comment). */
  turnOver(from: number, what: string): Promise<void> {
    return this.until(what, () => {
      const since = this.events.slice(from);
      return (
        since.some((event) => event.type === 'response.done') &&
        performance.now() - this.lastServerAt >= this.timeouts.settleMs &&
        this.transcript.pendingGuardrails.length === 0 &&
        this.transcript.entries.toArray().every((entry) => entry.kind !== 'tool' || entry.status === 'done')
      );
    });
  }

  /** Waits until the assistant starts speaking after event `from` (its first audio). */
  speaking(from: number, what: string): Promise<void> {
    return this.until(`the assistant to start speaking before ${what}`, () =>
      this.events.slice(from).some((event) => event.type === 'response.output_audio.delta' || event.type === 'output_audio_buffer.started'),
    );
  }

  /** Waits for a condition on the events, failing in words when the session ends or the turn's time runs out. */
  async until(what: string, condition: () => boolean): Promise<void> {
    const deadline = performance.now() + this.timeouts.turnMs;
    while (!condition()) {
      if (this.isEnded()) throw new WorkbenchError('upstream_unreachable', `The session ended while waiting for ${what}.`);
      if (performance.now() > deadline)
        throw new WorkbenchError(
          'timeout',
          `Gave up waiting for ${what} after ${Math.round(this.timeouts.turnMs / 1000)} s; the last events were ${this.events
            .slice(-4)
            .map((event) => event.type)
            .join(', ')}.`,
        );
      await sleep(25);
    }
  }
}
