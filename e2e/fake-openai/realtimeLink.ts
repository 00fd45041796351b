import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import { newId } from './ids';
import { PacedSender, type PacedChannel } from './pacedSender';
import type { ReceivedLog } from './receivedLog';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A server event before the session stamps its unique `event_id`. */
export type OutgoingEvent = DistributiveOmit<RealtimeServerEvent, 'event_id'>;

/** WebRTC's outgoing audio track: real-time playback the client can clear. */
export interface AudioOutput {
  play(samples48k: Int16Array, responseId: string): void;
  /** Stops playback and drops what is queued; true if anything was playing. */
  clear(): boolean;
  setListener(listener: { started(responseId: string): void; stopped(responseId: string): void }): void;
}

/** How a session reaches its client: a WebSocket or a WebRTC data channel plus audio track. */
export interface RealtimeLink {
  readonly transport: 'websocket' | 'webrtc';
  /** Where the session's events are written, paced by the sender so they never outrun it. */
  readonly channel: PacedChannel;
  readonly audioOut?: AudioOutput;
  /** Drops the connection abruptly (a fault). */
  drop(): void;
}

/**
 * The one way a session's parts reach its client: each event gets a unique `event_id` and is recorded as
 * sent, and nothing more goes out once the session is closed or its link dropped.
 */
export class ServerEventSender {
  private isClosed = false;
  private readonly paced: PacedSender;
  private readonly watchers: ((event: OutgoingEvent) => void)[] = [];

  constructor(
    private readonly link: RealtimeLink,
    private readonly sessionId: string,
    private readonly log: ReceivedLog,
  ) {
    this.paced = new PacedSender(link.channel);
  }

  get closed(): boolean {
    return this.isClosed;
  }

  get audioOut(): AudioOutput | undefined {
    return this.link.audioOut;
  }

  close(): void {
    this.isClosed = true;
    this.paced.close();
  }

  /** Drops the connection abruptly (a fault); nothing more is sent. */
  drop(): void {
    this.close();
    this.link.drop();
  }

  /** Resolves once every event emitted so far has gone to the transport (or the session closed), so a stream goes at the wire's pace. */
  drained(): Promise<void> {
    return this.paced.drained();
  }

  /** Calls `watcher` with each event sent from now on (the idle timeout follows responses this way). */
  watch(watcher: (event: OutgoingEvent) => void): void {
    this.watchers.push(watcher);
  }

  emit(event: OutgoingEvent): void {
    if (this.isClosed && event.type !== 'session.created') return;
    const stamped = { ...event, event_id: newId('event') } as RealtimeServerEvent;
    this.log.recordSent({ at: Date.now(), sessionId: this.sessionId, transport: this.link.transport, event: stamped });
    this.paced.send(JSON.stringify(stamped));
    for (const watcher of this.watchers) watcher(event);
  }
}
