import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';

export interface ReceivedHttpRequest {
  at: number;
  method: string;
  /** Path and query, e.g. `/v1/responses`. */
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON, the SDP text, or undefined for an empty body. */
  body: unknown;
  /** The status the fake answered with. */
  status?: number;
}

export interface ReceivedRealtimeEvent {
  at: number;
  sessionId: string;
  transport: 'websocket' | 'webrtc';
  /** The client event as parsed JSON (or the raw text when it was not JSON). */
  event: { type?: string; [key: string]: unknown } | string;
}

export interface SentRealtimeEvent {
  at: number;
  sessionId: string;
  transport: 'websocket' | 'webrtc';
  event: RealtimeServerEvent;
}

type Waiter = () => boolean;

/** Everything the fake received (and every realtime event it sent), for tests to assert on. */
export class ReceivedLog {
  readonly http: ReceivedHttpRequest[] = [];
  readonly realtime: ReceivedRealtimeEvent[] = [];
  readonly sent: SentRealtimeEvent[] = [];
  /** Samples of microphone audio received per session (after decoding), for checking a call carried audio. */
  readonly inputAudioMs = new Map<string, number>();
  private waiters: Waiter[] = [];

  recordHttp(request: ReceivedHttpRequest): void {
    this.http.push(request);
    this.notify();
  }

  recordRealtime(event: ReceivedRealtimeEvent): void {
    this.realtime.push(event);
    this.notify();
  }

  recordSent(event: SentRealtimeEvent): void {
    this.sent.push(event);
    this.notify();
  }

  recordInputAudio(sessionId: string, ms: number): void {
    this.inputAudioMs.set(sessionId, (this.inputAudioMs.get(sessionId) ?? 0) + ms);
    this.notify();
  }

  /** Client events of one type, in arrival order. */
  clientEvents(type: string): ReceivedRealtimeEvent[] {
    return this.realtime.filter((entry) => typeof entry.event === 'object' && entry.event.type === type);
  }

  sentEvents<T extends RealtimeServerEvent['type']>(type: T): Extract<RealtimeServerEvent, { type: T }>[] {
    return this.sent.filter((entry) => entry.event.type === type).map((entry) => entry.event as Extract<RealtimeServerEvent, { type: T }>);
  }

  /** Resolves once `condition` holds, checking after everything recorded; rejects after `timeoutMs` naming `what`. */
  waitFor(what: string, condition: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (condition()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((waiter) => waiter !== check);
        reject(new Error(`fake-openai: timed out after ${timeoutMs} ms waiting for ${what}`));
      }, timeoutMs);
      const check: Waiter = () => {
        if (!condition()) return false;
        clearTimeout(timer);
        resolve();
        return true;
      };
      this.waiters.push(check);
    });
  }

  private notify(): void {
    this.waiters = this.waiters.filter((waiter) => !waiter());
  }
}
