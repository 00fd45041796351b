import type { Envelope } from '../../../../src-shared/contract';
import type { ContractTransport } from '../../../../src-shared/bridge';
import { bridgeTimeoutMs } from '../../../../src-shared/timeouts';

interface Pending {
  resolve(envelope: Envelope): void;
  timer: ReturnType<typeof setTimeout>;
}

/** Whether the page can reach the workbench host right now, and if not, what it is doing about it. */
export type BridgeStatus =
  { readonly state: 'connected' } | { readonly state: 'lost'; readonly reason: string; readonly attempt: number; readonly retryInMs: number };

export interface WebSocketTransport extends ContractTransport {
  onStatus(listener: (status: BridgeStatus) => void): () => void;
  /** Tries to reach the host again now, rather than at the next scheduled retry. */
  retryNow(): void;
}

export interface WebSocketTransportOptions {
  /** How often the page checks that the host still answers when nothing else has arrived. */
  readonly heartbeatMs?: number;
  /** Waits between reconnect attempts, the last repeated. */
  readonly backoffMs?: readonly number[];
}

function failure(code: 'transport_closed' | 'timeout', message: string): Envelope {
  return { ok: false, error: { code, message } };
}

const LOST_ADVICE =
  'The workbench host is unreachable: it stopped or crashed. If you restarted `npm run serve`, open the new URL it printed (the access token changes with every start).';

/**
 * Browser mode: the contract over the web host's WebSocket. The access token travels in the HttpOnly
 * cookie the host set when the page was opened with ?token=. A lost host (closed socket, or no answer to
 * the heartbeat) is reported at once, every call then fails fast, and the socket is reopened with backoff.
 */
export function connectWebSocketTransport(url: string, options: WebSocketTransportOptions = {}): Promise<WebSocketTransport> {
  const heartbeatMs = options.heartbeatMs ?? 1_500;
  const backoffMs = options.backoffMs ?? [1_000, 2_000, 4_000, 8_000, 15_000];
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  const statusListeners = new Set<(status: BridgeStatus) => void>();
  let socket: WebSocket | undefined;
  let nextId = 1;
  let lost: string | undefined;
  let attempt = 0;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let lastHeard = Date.now();
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  function emit(status: BridgeStatus): void {
    for (const listener of statusListeners) listener(status);
  }

  function failAll(reason: string): void {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.resolve(failure('transport_closed', reason));
      pending.delete(id);
    }
  }

  function send(channel: string, request: unknown, timeoutMs: number): Promise<Envelope> {
    if (lost !== undefined || !socket || socket.readyState !== WebSocket.OPEN)
      return Promise.resolve(failure('transport_closed', lost ?? LOST_ADVICE));
    const id = nextId++;
    const open = socket;
    return new Promise<Envelope>((resolve) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve(failure('timeout', `${channel} got no answer from the workbench host within ${timeoutMs / 1000} s.`));
      }, timeoutMs);
      pending.set(id, { resolve, timer });
      open.send(JSON.stringify({ type: 'invoke', id, channel, request }));
    });
  }

  function loseConnection(detail: string): void {
    if (lost !== undefined) return;
    lost = `${LOST_ADVICE} (${detail})`;
    if (heartbeat !== undefined) clearInterval(heartbeat);
    heartbeat = undefined;
    failAll(lost);
    const closing = socket;
    socket = undefined;
    closing?.close();
    scheduleRetry();
  }

  function scheduleRetry(): void {
    const wait = backoffMs[Math.min(attempt, backoffMs.length - 1)]!;
    attempt += 1;
    emit({ state: 'lost', reason: lost!, attempt, retryInMs: wait });
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void open().catch(() => scheduleRetry());
    }, wait);
  }

  function watch(current: WebSocket): void {
    current.addEventListener('message', (event) => {
      lastHeard = Date.now();
      const message = JSON.parse(String(event.data)) as {
        type: string;
        id?: number | null;
        envelope?: Envelope;
        channel?: string;
        payload?: unknown;
      };
      if (message.type === 'result' && typeof message.id === 'number' && message.envelope) {
        const call = pending.get(message.id);
        if (!call) return;
        pending.delete(message.id);
        clearTimeout(call.timer);
        call.resolve(message.envelope);
      } else if (message.type === 'push' && message.channel) {
        for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
      }
    });
    current.addEventListener('close', (event) => {
      if (socket === current) loseConnection(`the connection closed with ${event.code}${event.reason ? `: ${event.reason}` : ''}`);
    });
    // A host that is gone without closing the socket (frozen, or the machine asleep) answers no heartbeat.
    heartbeat = setInterval(() => {
      if (Date.now() - lastHeard < heartbeatMs) return;
      void send('app:info', undefined, heartbeatMs * 2).then((envelope) => {
        if (!envelope.ok && envelope.error.code === 'timeout') loseConnection(`no answer for ${(heartbeatMs * 3) / 1000} s`);
      });
    }, heartbeatMs);
  }

  function open(): Promise<void> {
    return new Promise((resolve, reject) => {
      const candidate = new WebSocket(url);
      candidate.addEventListener(
        'open',
        () => {
          socket = candidate;
          lost = undefined;
          attempt = 0;
          lastHeard = Date.now();
          watch(candidate);
          emit({ state: 'connected' });
          resolve();
        },
        { once: true },
      );
      candidate.addEventListener(
        'error',
        () =>
          reject(
            new Error(
              `Could not reach the workbench host at ${url}. Is \`npm run serve\` still running, and did you open the URL it printed (with its token)?`,
            ),
          ),
        { once: true },
      );
    });
  }

  const transport: WebSocketTransport = {
    invoke: (channel, request) => send(channel, request, bridgeTimeoutMs(channel)),
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    retryNow() {
      if (lost === undefined) return;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      void open().catch(() => scheduleRetry());
    },
  };

  return open().then(() => transport);
}
