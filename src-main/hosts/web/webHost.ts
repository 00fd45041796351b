import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { serialize as serializeCookie } from 'cookie';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Dispatch } from '../../ipc/dispatcher';
import type { PushHub } from '../../ipc/pushHub';
import { buildContentSecurityPolicy } from '../../security/contentSecurityPolicy';
import { resolveStaticPath } from '../../security/staticPath';
import { TOKEN_COOKIE, checkWebRequest } from '../../security/webRequestGuard';
import { parseSocketMessage } from './socketMessage';

export const IPC_SOCKET_PATH = '/ipc';

/**
 * The largest message the socket takes. Batches of session events travel over it, so it is generous;
 * a bigger frame closes that one connection with 1009, never the host.
 */
export const MAX_IPC_MESSAGE_BYTES = 8 * 1024 * 1024;

export interface WebHostOptions {
  readonly port: number;
  readonly rendererDir: string;
  readonly dispatch: Dispatch;
  readonly push: PushHub;
  /** Extra origins the page may connect to (the realtime API), read per page load. */
  readonly connectOrigins: () => readonly string[];
  readonly token?: string;
  /** Where the host reports a connection it had to close; stderr by default. */
  readonly log?: (line: string) => void;
}

export interface WebHost {
  readonly url: string;
  readonly port: number;
  readonly token: string;
  close(): Promise<void>;
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.wav': 'audio/wav',
};

function refuse(response: ServerResponse, status: number, reason: string): void {
  response.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
  response.end(`${reason}\n`);
}

/** Serves the built renderer and carries the contract over a WebSocket, on 127.0.0.1 only. */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const log = options.log ?? ((line: string) => console.error(line));
  const root = options.rendererDir;
  let port = options.port;

  async function serveFile(request: IncomingMessage, response: ServerResponse, setCookie: boolean): Promise<void> {
    const pathname = new URL(request.url ?? '/', 'http://placeholder').pathname;
    const resolved = await resolveStaticPath(root, pathname);
    if (!resolved.ok) return refuse(response, 404, `Not found: ${resolved.reason}.`);
    const { file } = resolved;
    const headers: Record<string, string> = {
      'Content-Type': contentTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': String(resolved.size),
      'Content-Security-Policy': buildContentSecurityPolicy([...options.connectOrigins(), `ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-store',
    };
    if (setCookie) headers['Set-Cookie'] = serializeCookie(TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/' });
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  }

  const server = createServer((request, response) => {
    const verdict = checkWebRequest({ url: request.url ?? '/', headers: request.headers }, port, token);
    if (!verdict.allowed) return refuse(response, verdict.status, verdict.reason);
    if (request.method !== 'GET' && request.method !== 'HEAD') return refuse(response, 405, 'Only GET is served here.');
    serveFile(request, response, verdict.tokenFromQuery).catch((error: unknown) =>
      refuse(response, 500, `Could not serve the file: ${String(error)}`),
    );
  });

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_IPC_MESSAGE_BYTES });
  server.on('upgrade', (request, socket, head) => {
    const verdict = checkWebRequest({ url: request.url ?? '/', headers: request.headers }, port, token);
    const pathname = new URL(request.url ?? '/', 'http://placeholder').pathname;
    if (!verdict.allowed || pathname !== IPC_SOCKET_PATH) {
      const status = verdict.allowed ? 404 : verdict.status;
      socket.end(
        `HTTP/1.1 ${status} Refused\r\nConnection: close\r\nContent-Type: text/plain\r\n\r\n${verdict.allowed ? 'Not found.' : verdict.reason}\n`,
      );
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => attach(ws));
  });

  function attach(ws: WebSocket): void {
    const disconnect = options.push.connect((channel, payload) => ws.send(JSON.stringify({ type: 'push', channel, payload })));
    ws.on('close', disconnect);
    // Without this listener a frame that is too big or not UTF-8 would throw out of ws and end the process;
    // with it, ws closes only this connection, with 1009 or 1007.
    ws.on('error', (error: Error & { code?: string }) => {
      log(`Closed an ${IPC_SOCKET_PATH} connection (${error.code ?? 'socket error'}): ${error.message}. The host goes on serving the others.`);
    });
    ws.on('message', (data, isBinary) => {
      const parsed = parseSocketMessage(String(data), isBinary);
      if (!parsed.ok) {
        ws.send(JSON.stringify({ type: 'result', id: parsed.id, envelope: { ok: false, error: parsed.error } }));
        return;
      }
      const { id, channel, request } = parsed.message;
      void options.dispatch(channel, request).then((envelope) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ type: 'result', id, envelope }));
      });
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
