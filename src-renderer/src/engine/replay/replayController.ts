import { createStore, type StoreApi } from 'zustand/vanilla';
import type { SessionEvent } from '../../../../src-shared/sessionEvent';
import type { LogChunkMessage, LogRef } from '../../../../src-shared/sessionLibrary';
import type { SessionLogHeader } from '../../../../src-shared/sessionLog';
import { markersOf, type TimelineMarker } from '../../../../src-shared/timelineMarkers';
import { EventLog } from '../events/eventLog';
import { SessionStream, type FrameScheduler, animationFrameScheduler } from '../events/sessionStream';
import type { ReplaySource } from './replaySources';

/** Events read per call to main: enough for a first screen, small enough to show progress on big files. */
const CHUNK_EVENTS = 5_000;
export const REPLAY_SPEEDS = [0.5, 1, 2, 4, 8] as const;

export interface ReplayState {
  readonly name: string;
  readonly path: string | undefined;
  readonly header: SessionLogHeader | undefined;
  readonly source: LogChunkMessage['source'];
  readonly loading: boolean;
  readonly bytesRead: number;
  readonly totalBytes: number;
  /** Every event read so far, and the time of the last one. */
  readonly loaded: number;
  readonly durationMs: number;
  /** The replay clock: events up to this time are shown. */
  readonly positionMs: number;
  readonly playing: boolean;
  readonly speed: number;
  readonly skipped: number;
  /** The first few skipped lines, for the message (line numbers and reasons). */
  readonly skippedSample: readonly { line: number; reason: string }[];
  readonly warnings: readonly string[];
  readonly markers: readonly TimelineMarker[];
  readonly ended: LogChunkMessage['ended'];
  /** Why the file could not be read at all, in words for the user. */
  readonly error: string | undefined;
}

export interface ReplayOptions {
  readonly source: ReplaySource;
  readonly name: string;
  /** Called when seeking back needs a fresh stream (the store is append-only). */
  readonly onStream: (stream: SessionStream) => void;
  readonly scheduleFrame?: FrameScheduler;
  readonly now?: () => number;
}

/**
 * Replays a saved log through the same road as a live session: a log reader in main is the source,
 * events go into a SessionStream, and the same reducers fold them. By default everything is shown as
 * it arrives ("show everything at once"); play runs the recorded clock at a chosen speed from the
 * current position, and seeking back starts a fresh stream and refeeds it up to the new position.
 */
export class ReplayController {
  readonly state: StoreApi<ReplayState>;
  private readonly all = new EventLog();
  private stream: SessionStream;
  private fed = 0;
  private disposed = false;
  private frame: ReturnType<typeof setTimeout> | undefined;
  private lastTick = 0;
  private readonly now: () => number;

  constructor(private readonly options: ReplayOptions) {
    this.now = options.now ?? (() => performance.now());
    this.stream = new SessionStream(options.scheduleFrame ?? animationFrameScheduler);
    this.state = createStore<ReplayState>(() => ({
      name: options.name,
      path: undefined,
      header: undefined,
      source: null,
      loading: true,
      bytesRead: 0,
      totalBytes: 0,
      loaded: 0,
      durationMs: 0,
      positionMs: Number.POSITIVE_INFINITY,
      playing: false,
      speed: 1,
      skipped: 0,
      skippedSample: [],
      warnings: [],
      markers: [],
      ended: null,
      error: undefined,
    }));
  }

  /** The log this replay reads, for what lies beside it (its recorded audio). */
  get ref(): LogRef | undefined {
    return this.options.source.ref;
  }

  get currentStream(): SessionStream {
    return this.stream;
  }

  /** Reads the whole log in chunks; the first chunk is on screen before the rest is read. */
  async load(): Promise<void> {
    const { source } = this.options;
    try {
      const opened = await source.open();
      this.state.setState({ name: this.options.name || opened.name, path: opened.path, totalBytes: opened.totalBytes });
      for (;;) {
        if (this.disposed) return;
        const chunk = await source.read(CHUNK_EVENTS);
        this.take(chunk);
        if (chunk.done) break;
      }
      this.state.setState({ loading: false });
    } catch (error) {
      this.state.setState({ loading: false, error: error instanceof Error ? error.message : String(error) });
    }
  }

  private take(chunk: LogChunkMessage): void {
    this.all.append(chunk.events);
    const last = this.all.at(this.all.length - 1);
    const previous = this.state.getState();
    this.state.setState({
      header: chunk.header ?? previous.header,
      source: chunk.source,
      bytesRead: chunk.bytesRead,
      totalBytes: chunk.totalBytes,
      loaded: this.all.length,
      durationMs: last?.t ?? 0,
      skipped: previous.skipped + chunk.skipped.length,
      skippedSample: [...previous.skippedSample, ...chunk.skipped].slice(0, 5),
      warnings: chunk.warnings,
      markers: [...previous.markers, ...markersOf(chunk.events)],
      ended: chunk.ended,
    });
    this.feedUpTo(this.state.getState().positionMs);
  }

  /** Feeds the stream every loaded event up to `t`. */
  private feedUpTo(t: number): void {
    const target = t === Number.POSITIVE_INFINITY ? this.all.length : this.all.countUpTo(t);
    if (target <= this.fed) return;
    const batch: SessionEvent[] = this.all.slice(this.fed, target);
    this.fed = target;
    this.stream.pushMany(batch);
  }

  /** Shows every event at once and stops the clock. */
  showAll(): void {
    this.pause();
    this.state.setState({ positionMs: Number.POSITIVE_INFINITY });
    this.feedUpTo(Number.POSITIVE_INFINITY);
  }

  /** Moves the clock to `t` ms; moving back rebuilds the views from the start. */
  seek(t: number): void {
    const position = Math.max(0, Math.min(t, this.state.getState().durationMs));
    const shownUpTo = this.fed === 0 ? -1 : this.all.at(this.fed - 1)!.t;
    if (position < shownUpTo) {
      this.stream.dispose();
      this.stream = new SessionStream(this.options.scheduleFrame ?? animationFrameScheduler);
      this.fed = 0;
      this.options.onStream(this.stream);
    }
    this.state.setState({ positionMs: position });
    this.feedUpTo(position);
  }

  /** Seeks so that the event with this seq is the last one shown. */
  seekToEvent(seq: number): void {
    const index = this.all.indexOfSeq(seq);
    if (index !== undefined) this.seek(this.all.at(index)!.t);
  }

  play(): void {
    const { positionMs, durationMs } = this.state.getState();
    if (positionMs >= durationMs) this.seek(0);
    this.state.setState({ playing: true });
    this.lastTick = this.now();
    this.tick();
  }

  pause(): void {
    if (this.frame !== undefined) clearTimeout(this.frame);
    this.frame = undefined;
    this.state.setState({ playing: false });
  }

  setSpeed(speed: number): void {
    this.state.setState({ speed });
  }

  private tick(): void {
    if (this.disposed || !this.state.getState().playing) return;
    const now = this.now();
    const { positionMs, speed, durationMs, loading } = this.state.getState();
    const next = positionMs + (now - this.lastTick) * speed;
    this.lastTick = now;
    if (next >= durationMs && !loading) {
      this.state.setState({ positionMs: durationMs });
      this.feedUpTo(durationMs);
      this.pause();
      return;
    }
    this.state.setState({ positionMs: next });
    this.feedUpTo(next);
    this.frame = setTimeout(() => this.tick(), 33);
  }

  /** Every loaded event, for the timeline's markers. */
  loadedEvents(): EventLog {
    return this.all;
  }

  dispose(): void {
    this.disposed = true;
    this.pause();
    this.stream.dispose();
    this.options.source.close();
  }
}
