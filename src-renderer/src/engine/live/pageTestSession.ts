import { WorkbenchError } from '../../../../src-shared/errors';
import type { TestSession } from '../../../../src-shared/scenarioTests/testRun';
import { sleep, TurnWatch, type TurnTimeouts } from '../../../../src-shared/scenarioTests/turnWatch';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';

/** The live session a test drives: typed and spoken turns in, its end, and the saved log's id once it is closed. */
export interface TestTarget {
  sendText(text: string): void;
  /** Plays PCM16 mono at 24 kHz into the session's microphone; resolves once it has all played. */
  play(pcm: Int16Array): Promise<void>;
  readonly isEnded: boolean;
  /** Ends the session; resolves with its saved log's id once the log's footer is written. */
  close(): Promise<string | undefined>;
}

/** Silence after a spoken turn before it counts as sent, as the headless session sends: turn detection hears its end meanwhile. */
const TRAILING_SILENCE_MS = 1_200;

/**
 * A scenario test's session in the page: the live session the toolbar's Connect opens (so each turn shows in
 * the transcript and inspector and the session is saved as usual), driven with typed turns and with audio played
 * into its microphone (so the server's turn detection hears it as it would a person); a turn is over by the same
 * rule as Node's headless session (`TurnWatch`). Events are taken from the first one on, before the
 * session is attached, since the engine records while it connects.
 */
export class PageTestSession implements TestSession {
  private readonly watch: TurnWatch;
  private target: TestTarget | undefined;
  private closed: Promise<{ readonly logId: string }> | undefined;

  private turns = 0;

  /** `onTurn` is told as each turn of the test starts (1 for the first), for progress. */
  constructor(
    private readonly onTurn: (turn: number) => void = () => undefined,
    timeouts?: Partial<TurnTimeouts>,
    private readonly trailingSilenceMs = TRAILING_SILENCE_MS,
  ) {
    this.watch = new TurnWatch(() => this.target?.isEnded ?? false, timeouts);
  }

  /** Every event of the session, as the live session records it. */
  readonly take = (event: SessionEvent): void => this.watch.take(event);

  attach(target: TestTarget): void {
    this.target = target;
  }

  get events(): readonly SessionEvent[] {
    return this.watch.events;
  }

  get position(): number {
    return this.watch.position;
  }

  private live(): TestTarget {
    if (!this.target) throw new WorkbenchError('transport_closed', 'The test’s session is not connected.');
    return this.target;
  }

  private nextTurn(): void {
    this.turns += 1;
    this.onTurn(this.turns);
  }

  async say(text: string): Promise<void> {
    this.nextTurn();
    const from = this.position;
    this.live().sendText(text);
    await this.watch.turnOver(from, `the answer to "${text}"`);
  }

  sayWithoutWaiting(text: string): void {
    this.nextTurn();
    this.live().sendText(text);
  }

  /**
   * Plays the audio into the microphone at the pace it was spoken, then a moment of the microphone's silence so
   * turn detection hears the end (as the headless session does), and waits for the turn to be over; with
   * `waitForAnswer: false` it returns once the audio and the silence have played (a barge-in follows).
   */
  async speak(pcm: Int16Array, what: string, { waitForAnswer = true } = {}): Promise<void> {
    this.nextTurn();
    const from = this.position;
    const target = this.live();
    const ended = () => new WorkbenchError('upstream_unreachable', `The session ended while ${what} was being played.`);
    try {
      await target.play(pcm);
    } catch (error) {
      // A session that ends takes its microphone with it: that is the reason to give.
      throw target.isEnded ? ended() : error;
    }
    await sleep(this.trailingSilenceMs);
    if (target.isEnded) throw ended();
    if (waitForAnswer) await this.watch.turnOver(from, `the answer to ${what}`);
  }

  async whenSpeaking(from: number, afterMs: number, what: string): Promise<void> {
    await this.watch.speaking(from, what);
    await sleep(afterMs);
  }

  wait(ms: number): Promise<void> {
    this.nextTurn();
    return sleep(ms);
  }

  close(): Promise<{ readonly logId: string }> {
    this.closed ??= this.live()
      .close()
      .then((logId) => {
        if (logId === undefined) throw new WorkbenchError('log_unwritable', 'The test’s session could not be saved; see the toolbar for why.');
        return { logId };
      });
    return this.closed;
  }
}
