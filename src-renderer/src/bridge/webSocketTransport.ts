import type { Envelope } from '../../../src-shared/contract';
import type { ContractTransport } from '../../../src-shared/bridge';
import { bridgeTimeoutMs } from '../../../src-shared/timeouts';

interface Pending {
  resolve(envelope: Envelope): void;
  timer: ReturnType<typeof setTimeout>;
}

function failure(code: 'transport_closed' | 'timeout', message: string): Envelope {
  return { ok: false, error: { code, message } };
}

/**
 * Browser mode: the contract over the web host's WebSocket. The access token travels in the
 * HttpOnly cookie the host set when the page was opened with ?token=.
 */
export function connectWebSocketTransport(url: string): Promise<ContractTransport> {
  const socket = new WebSocket(url);
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let nextId = 1;
  let closedReason: string | undefined;

  socket.addEventListener('message', (event) => {
    const message = JSON.parse(String(event.data)) as { type: string; id?: number; envelope?: Envelope; channel?: string; payload?: unknown };
    if (message.type === 'result' && message.id !== undefined && message.envelope) {
      const call = pending.get(message.id);
      if (!call) return;
      pending.delete(message.id);
      clearTimeout(call.timer);
      call.resolve(message.envelope);
    } else if (message.type === 'push' && message.channel) {
      for (const listener of listeners.get(message.channel) ?? []) listener(message.payload);
    }
  });
  socket.addEventListener('close', (event) => {
    closedReason = `The connection to the workbench server closed (${event.code}${event.reason ? `: ${event.reason}` : ''}). Restart \`npm run serve\` and reload.`;
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.resolve(failure('transport_closed', closedReason));
      pending.delete(id);
    }
  });

  const transport: ContractTransport = {
    invoke(channel, request) {
      if (closedReason !== undefined) return Promise.resolve(failure('transport_closed', closedReason));
      const id = nextId++;
      const timeoutMs = bridgeTimeoutMs(channel);
      return new Promise<Envelope>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve(failure('timeout', `${channel} got no answer from the workbench server within ${timeoutMs / 1000} s.`));
        }, timeoutMs);
        pending.set(id, { resolve, timer });
        socket.send(JSON.stringify({ type: 'invoke', id, channel, request }));
      });
    },
    subscribe(channel, listener) {
      const set = listeners.get(channel) ?? new Set();
      set.add(listener);
      listeners.set(channel, set);
      return () => set.delete(listener);
    },
  };

  return new Promise((resolve, reject) => {
    socket.addEventListener('open', () => resolve(transport), { once: true });
    socket.addEventListener(
      'error',
      () =>
        reject(
          new Error(
            `Could not reach the workbench server at ${url}. Is \`npm run serve\` still running, and did you open the URL it printed (with its token)?`,
          ),
        ),
      { once: true },
    );
  });
}
