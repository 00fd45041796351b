import type { WorkbenchApi } from '../../../../src-shared/contract';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { LogWriteStatus } from '../../../../src-shared/sessionLibrary';
import type { SessionSetup, TestRun } from '../../../../src-shared/sessionLog';
import type { Scenario } from '../../../../src-shared/scenario';
import { bytesToBase64 } from '../../platform/audio/pcmPacking';

/** The page sends what it recorded this often; main writes within its own flush interval after that. */
export const SEND_INTERVAL_MS = 100;
const MAX_BATCH = 5_000;
/**
 * Audio chunks (about 250 ms each) kept while main cannot take them; older ones are dropped, and main
 * writes silence in their place, since every chunk says where it belongs on the log's clock.
 */
const MAX_AUDIO_QUEUE = 40;

export interface LogSinkStatus {
  readonly file: string | undefined;
  /** Why the session is not being saved right now, in words for the user. */
  readonly problem: string | undefined;
  readonly sent: number;
}

export interface LogSinkOptions {
  readonly api: WorkbenchApi;
  readonly sessionId: string;
  readonly scenario: Scenario;
  readonly realtimeModel: string;
  readonly setup: SessionSetup;
  /** The page will send the session's audio (pushAudio); main writes it beside the log. */
  readonly recordAudio: boolean;
  /** Set when a scenario test runs the session: the log's header says which run of which test. */
  readonly testRun?: TestRun;
  readonly onStatus: (status: LogSinkStatus) => void;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The recorder's second road: a live session's events, in order, to main's log writer, in batches.
 * A failure (main unreachable, disk full) is reported and the events are kept to send again; the
 * live session never waits on it.
 */
export class LogSink {
  private queue: SessionEvent[] = [];
  private audioQueue: { startFrame: number; pcm: string }[] = [];
  private audioProblem: string | undefined;
  private sent = 0;
  private file: string | undefined;
  private problem: string | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;
  private sending: Promise<void> = Promise.resolve();
  private began: Promise<boolean>;

  constructor(private readonly options: LogSinkOptions) {
    this.began = options.api.log
      .begin({
        sessionId: options.sessionId,
        startedAt: new Date().toISOString(),
        scenario: options.scenario,
        realtimeModel: options.realtimeModel,
        setup: options.setup,
        recordAudio: options.recordAudio,
        ...(options.testRun ? { testRun: options.testRun } : {}),
      })
      .then(
        (status) => {
          this.update(status);
          return true;
        },
        (error: unknown) => {
          this.problem = `This session is not being saved: ${messageOf(error)}`;
          this.report();
          return false;
        },
      );
    this.timer = setInterval(() => void this.send(), SEND_INTERVAL_MS);
  }

  push(event: SessionEvent): void {
    this.queue.push(event);
  }

  /** Stereo 16-bit PCM whose first frame is `startFrame` on the log's clock; sent with the next batch. */
  pushAudio(startFrame: number, pcm: Uint8Array): void {
    this.audioQueue.push({ startFrame, pcm: bytesToBase64(pcm) });
    if (this.audioQueue.length > MAX_AUDIO_QUEUE) this.audioQueue.shift();
  }

  /** Why the audio is not being recorded (the recorder's own failures); the log goes on. */
  reportAudioProblem(problem: string): void {
    this.audioProblem = problem;
    this.report();
  }

  private update(status: LogWriteStatus): void {
    this.file = status.file;
    this.problem = status.problem ?? undefined;
    this.report();
  }

  private report(): void {
    this.options.onStatus({ file: this.file, problem: this.problem ?? this.audioProblem, sent: this.sent });
  }

  /** Sends what is queued, one call at a time, oldest first. */
  private send(): Promise<void> {
    this.sending = this.sending.then(async () => {
      if (!(await this.began)) return;
      await this.sendAudio();
      if (this.queue.length === 0) return;
      const batch = this.queue.slice(0, MAX_BATCH);
      try {
        const status = await this.options.api.log.append({ sessionId: this.options.sessionId, events: batch });
        this.queue = this.queue.slice(batch.length);
        this.sent += batch.length;
        this.update(status);
      } catch (error) {
        this.problem = `Events are not reaching the session log (${messageOf(error)}); they are kept and sent again.`;
        this.report();
      }
    });
    return this.sending;
  }

  private async sendAudio(): Promise<void> {
    while (this.audioQueue.length > 0) {
      const chunk = this.audioQueue[0]!;
      try {
        this.update(await this.options.api.log.audio({ sessionId: this.options.sessionId, ...chunk }));
        this.audioQueue.shift();
      } catch (error) {
        this.audioProblem = `The session audio is not reaching main (${messageOf(error)}); the gap is written as silence.`;
        this.report();
        return;
      }
    }
  }

  /** Sends everything still queued, then writes the footer; answers the saved log's id, unless it could not be saved. */
  async end(reason: 'user' | 'capped' | 'dropped' | 'error' | 'replaced'): Promise<string | undefined> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    while (this.queue.length > 0 || this.audioQueue.length > 0) {
      const before = this.queue.length + this.audioQueue.length;
      await this.send();
      if (this.queue.length + this.audioQueue.length === before) break;
    }
    if (!(await this.began)) return undefined;
    try {
      const status = await this.options.api.log.end({ sessionId: this.options.sessionId, reason });
      this.update(status);
      return status.id;
    } catch (error) {
      this.problem = `The session log could not be closed: ${messageOf(error)}`;
      this.report();
      return undefined;
    }
  }
}
