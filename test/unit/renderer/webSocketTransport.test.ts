import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { connectWebSocketTransport } from '../../../src-renderer/src/bridge/webSocketTransport';
import { bridgeTimeoutMs, mainTimeoutMs } from '../../../src-shared/timeouts';

let server: WebSocketServer | undefined;
afterEach(async () => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  for (const client of server?.clients ?? []) client.terminate();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

/** A workbench server that takes every call and never answers, like main busy with a slow escalation. */
async function silentServer(): Promise<string> {
  server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => server!.once('listening', resolve));
  const { port } = server.address() as { port: number };
  return `ws://127.0.0.1:${port}/ipc`;
}

describe("the page's WebSocket bridge", () => {
  it.each(['escalation:decide', 'supervisor:run', 'settings:get'])(
    'keeps waiting for %s while main may still run it, then reports a timeout',
    async (channel) => {
      vi.stubGlobal('WebSocket', WebSocket);
      const transport = await connectWebSocketTransport(await silentServer());
      vi.useFakeTimers();
      let settled: unknown;
      void transport.invoke(channel, {}).then((envelope) => (settled = envelope));
      await vi.advanceTimersByTimeAsync(mainTimeoutMs(channel));
      expect(settled).toBeUndefined();
      await vi.advanceTimersByTimeAsync(bridgeTimeoutMs(channel) - mainTimeoutMs(channel));
      expect(settled).toEqual({
        ok: false,
        error: { code: 'timeout', message: `${channel} got no answer from the workbench server within ${bridgeTimeoutMs(channel) / 1000} s.` },
      });
    },
  );
});
