import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { connectWebSocketTransport } from '../../../src-renderer/src/platform/bridge/webSocketTransport';
import { bridgeTimeoutMs, mainTimeoutMs } from '../../../src-shared/timeouts';

let server: WebSocketServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/**
 * A workbench host busy with slow model calls: it answers the page's heartbeat (`app:info`) at once, as
 * main does while a call runs, and never answers anything else; or, `frozen`, answers nothing at all.
 */
async function busyServer({ frozen = false, port = 0 } = {}): Promise<string> {
  server = new WebSocketServer({ host: '127.0.0.1', port });
  server.on('connection', (socket) =>
    socket.on('message', (data) => {
      const message = JSON.parse(String(data)) as { id: number; channel: string };
      if (!frozen && message.channel === 'app:info')
        socket.send(JSON.stringify({ type: 'result', id: message.id, envelope: { ok: true, value: { name: 'wb' } } }));
    }),
  );
  await new Promise((resolve) => server!.once('listening', resolve));
  const address = server.address() as { port: number };
  return `ws://127.0.0.1:${address.port}/ipc`;
}

describe("the page's WebSocket bridge", () => {
  it.each(['escalation:decide', 'supervisor:run', 'settings:get'])(
    'keeps waiting for %s while main may still run it, then reports a timeout',
    async (channel) => {
      vi.stubGlobal('WebSocket', WebSocket);
      const transport = await connectWebSocketTransport(await busyServer());
      vi.useFakeTimers();
      let settled: unknown;
      void transport.invoke(channel, {}).then((envelope) => (settled = envelope));
      await vi.advanceTimersByTimeAsync(mainTimeoutMs(channel));
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(bridgeTimeoutMs(channel) - mainTimeoutMs(channel));
      expect(settled).toEqual({
        ok: false,
        error: { code: 'timeout', message: `${channel} got no answer from the workbench host within ${bridgeTimeoutMs(channel) / 1000} s.` },
      });
    },
  );

  it('reports a host that went away at once, fails calls fast instead of hanging, and reconnects when it is back', async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    const url = await busyServer();
    const port = Number(new URL(url).port);
    const transport = await connectWebSocketTransport(url, { backoffMs: [50] });
    const statuses: string[] = [];
    transport.onStatus((status) => statuses.push(status.state === 'lost' ? `lost: ${status.reason}` : 'connected'));
    for (const client of server!.clients) client.terminate();
    await new Promise((resolve) => server!.close(resolve));
    await vi.waitFor(() => expect(statuses[0]).toMatch(/^lost: The workbench host is unreachable: it stopped or crashed\./));
    expect(await transport.invoke('settings:get', undefined)).toMatchObject({ ok: false, error: { code: 'transport_closed' } });
    await busyServer({ port });
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('connected'), { timeout: 5_000 });
    expect(await transport.invoke('app:info', undefined)).toEqual({ ok: true, value: { name: 'wb' } });
  });

  it('declares a host that stops answering (frozen, socket still open) lost within its heartbeat window', async () => {
    vi.stubGlobal('WebSocket', WebSocket);
    const transport = await connectWebSocketTransport(await busyServer({ frozen: true }), { heartbeatMs: 100, backoffMs: [10_000] });
    const lost = new Promise<string>((resolve) => transport.onStatus((status) => status.state === 'lost' && resolve(status.reason)));
    expect(await lost).toMatch(/no answer for 0\.3 s/);
  });
});
