import { WorkbenchError } from '../../../../src-shared/errors';
import type { TestSession } from '../../../../src-shared/scenarioTests/testRun';
import { sleep, TurnWatch, type TurnTimeouts } from '../../../../src-shared/scenarioTests/turnWatch';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';

/** The live session a test drives: typed turns in, its end, and the saved log's id once it is closed. */
export interface TestTarget {
  sendText(text: string): void;
  readonly isEnded: boolean;
  /** Ends the session; resolves with its saved log's id once the log's footer is written. */
  close(): Promise<string | undefined>;
}

/** Why an audio turn cannot run in the page, in words for the results table. */
export const AUDIO_TURNS_REFUSED =
  'Audio turns and voice callers do not run in the app yet (the page cannot put a file into the WebRTC microphone); run this test with npm run scenario-test.';

/**
 * A scenario test's session in the page: the live session the toolbar's Connect opens (so each turn shows in
 * the transcript and inspector and the session is saved as usual), driven with typed turns; a turn is over by
 * the same rule as Node's headless session (`TurnWatch`). Events are taken from the first one on, before the
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

  speak(): Promise<void> {
    return Promise.reject(new WorkbenchError('invalid_request', AUDIO_TURNS_REFUSED));
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
