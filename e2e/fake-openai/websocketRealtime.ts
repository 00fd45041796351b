import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Admit } from './admission';
import { ApiError } from './apiError';
import { bearerToken } from './credentials';
import { gateModel } from './models';
import type { FaultControl } from './faults';
import type { PacedChannel } from './pacedSender';
import { RealtimeSession, type SessionDeps } from './realtimeSession';
import type { ServerSession } from './serverSession';
import { startingSession } from './sessionConfig';

const INSECURE_KEY_PROTOCOL = 'openai-insecure-api-key.';

/** The realtime WebSocket at /v1/realtime: Bearer auth (Node) or the `realtime` subprotocols (browsers). */
export class WebSocketRealtime {
  private readonly wss = new WebSocketServer({ noServer: true, handleProtocols: (protocols) => (protocols.has('realtime') ? 'realtime' : false) });
  private readonly sessions = new Set<RealtimeSession>();

  constructor(
    private readonly admit: Admit,
    private readonly deps: () => SessionDeps,
    private readonly faults: FaultControl,
  ) {}

  async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
    const token =
      bearerToken(req.headers.authorization) ??
      protocols.find((protocol) => protocol.startsWith(INSECURE_KEY_PROTOCOL))?.slice(INSECURE_KEY_PROTOCOL.length);
    let initial: ServerSession;
    try {
      const { credential } = await this.admit('realtime', token, true);
      const model = url.searchParams.get('model');
      if (credential.kind === 'apiKey' && !model) {
        throw new ApiError(400, 'missing_required_parameter', "Missing required parameter: 'model'. Connect to /v1/realtime?model=….", 'model');
      }
      initial = startingSession(credential, model);
      if (initial.model) gateModel(this.faults, 'realtime', initial.model);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      refuseUpgrade(socket, error);
      return;
    }
    const session = initial;
    this.wss.handleUpgrade(req, socket, head, (ws) => this.attach(ws, session));
  }

  private attach(ws: WebSocket, initial: ServerSession): void {
    const session = new RealtimeSession(
      {
        transport: 'websocket',
        channel: pacedWebSocket(ws),
        drop: () => ws.terminate(),
      },
      this.deps(),
      initial,
    );
    this.sessions.add(session);
    ws.on('message', (data, isBinary) => {
      if (!isBinary) session.receive(data.toString());
    });
    ws.on('close', () => {
      session.close();
      this.sessions.delete(session);
    });
  }

  close(): void {
    for (const session of this.sessions) session.close();
    for (const client of this.wss.clients) client.terminate();
    this.wss.close();
  }
}

/**
 * A `ws` socket for the paced sender: `bufferedAmount` is what ws and the TCP socket still hold, and each
 * send's callback (called once its frame is written out, or with an error once the socket is gone) is when
 * that amount can have fallen.
 */
function pacedWebSocket(ws: WebSocket): PacedChannel {
  const drainListeners = new Set<{ lowWaterMark: number; listener: () => void }>();
  const written = () => {
    for (const entry of [...drainListeners]) if (ws.readyState !== ws.OPEN || ws.bufferedAmount <= entry.lowWaterMark) entry.listener();
  };
  ws.on('close', written);
  return {
    get bufferedAmount() {
      return ws.bufferedAmount;
    },
    get isOpen() {
      return ws.readyState === ws.OPEN;
    },
    write: (data) => ws.send(data, written),
    onDrain: (lowWaterMark, listener) => {
      const entry = { lowWaterMark, listener };
      drainListeners.add(entry);
      return () => drainListeners.delete(entry);
    },
  };
}

function refuseUpgrade(socket: Duplex, error: ApiError): void {
  const body = JSON.stringify(error.body);
  const headers = Object.entries(error.headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${error.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${headers}Connection: close\r\n\r\n${body}`,
  );
}
