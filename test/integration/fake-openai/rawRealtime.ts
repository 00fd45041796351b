import type { RealtimeServerEvent } from 'openai/resources/realtime/realtime';
import WebSocket from 'ws';

/** A bare WebSocket client for protocol-level checks the SDK would never let us make (bad events, raw audio formats). */
export class RawRealtimeClient {
  readonly events: RealtimeServerEvent[] = [];
  private waiters: (() => void)[] = [];

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data) => {
      this.events.push(JSON.parse(data.toString()) as RealtimeServerEvent);
      for (const waiter of this.waiters) waiter();
    });
  }

  static open(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<RawRealtimeClient> {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    return new Promise((resolve, reject) => {
      const client = new RawRealtimeClient(ws);
      ws.once('open', () => resolve(client));
      ws.once('unexpected-response', (_request, response) => reject(new Error(`refused with HTTP ${response.statusCode}`)));
      ws.once('error', reject);
    });
  }

  send(event: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(event));
  }

  sendText(text: string): void {
    this.ws.send(text);
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  ofType<T extends RealtimeServerEvent['type']>(type: T): Extract<RealtimeServerEvent, { type: T }>[] {
    return this.events.filter((event) => event.type === type) as Extract<RealtimeServerEvent, { type: T }>[];
  }

  /** Waits for the `count`th event of a type. */
  async next<T extends RealtimeServerEvent['type']>(type: T, count = 1, timeoutMs = 10_000): Promise<Extract<RealtimeServerEvent, { type: T }>> {
    await new Promise<void>((resolve, reject) => {
      const check = () => this.ofType(type).length >= count && (resolve(), true);
      if (check()) return;
      const timer = setTimeout(
        () => reject(new Error(`no ${type} #${count} within ${timeoutMs} ms; got ${this.events.map((event) => event.type).join(', ')}`)),
        timeoutMs,
      );
      this.waiters.push(() => {
        if (check()) clearTimeout(timer);
      });
    });
    return this.ofType(type)[count - 1]!;
  }

  closed(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once('close', () => resolve()));
  }

  close(): void {
    this.ws.close();
  }
}
