import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { answerSpeech, SpokenLines } from './speechRoute';
import type { AddressInfo } from 'node:net';
import { admitter, type Admitted, type Route } from './admission';
import { ApiError, sendApiError } from './apiError';
import { mintClientSecret } from './clientSecretsRoute';
import { applyCors } from './cors';
import { bearerToken, Credentials } from './credentials';
import { defaultScript } from './defaultScript';
import { FaultControl, type FaultInput } from './faults';
import { parseJsonBody, readBody, sendJson } from './httpExchange';
import { gateModel, listModels, retrieveModel } from './models';
import { ReceivedLog } from './receivedLog';
import { ResponsesApi } from './responsesRoute';
import { parseScript, type FakeScript, type FakeScriptInput } from './script';
import { Speech, type SpeechSource } from './speech';
import { WebRtcCalls } from './webrtcCalls';
import { WebSocketRealtime } from './websocketRealtime';

export interface FakeOpenAIOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback by default. */
  host?: string;
  /** Bearer keys accepted; default `['sk-test']`. */
  apiKeys?: readonly string[];
  /** The script (validated; defaults filled in); the default script when absent. */
  script?: FakeScript | FakeScriptInput;
  /** Faults in force from the start; the script's own `faults` are added to them. */
  faults?: readonly FaultInput[];
  /** Assistant speech: espeak-ng when available (`auto`), always espeak, or always a tone. */
  speech?: SpeechSource;
  /** Pause between streamed deltas (default 15 ms), so responses take time and can be interrupted. */
  deltaIntervalMs?: number;
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:PORT`, without `/v1`. */
  readonly baseUrl: string;
  readonly port: number;
  /** Everything it received, and every realtime event it sent. */
  readonly received: ReceivedLog;
  /** Switch faults on and off while it runs. */
  readonly faults: FaultControl;
  /** Replace the script while it runs (new responses use it). */
  setScript(script: FakeScript | FakeScriptInput): void;
  /** Marks every minted client secret as expired. */
  expireClientSecrets(): void;
  close(): Promise<void>;
}

export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const host = options.host ?? '127.0.0.1';
  const credentials = new Credentials(options.apiKeys ?? ['sk-test']);
  let script = parseScript(options.script ?? defaultScript(), 'the script option');
  const faults = new FaultControl();
  faults.set([...(options.faults ?? []), ...script.faults]);
  const received = new ReceivedLog();
  const speech = new Speech(options.speech ?? 'auto');
  const deltaIntervalMs = options.deltaIntervalMs ?? 15;
  const spoken = new SpokenLines();
  const sessionDeps = () => ({ script, speech, faults, log: received, deltaIntervalMs, spoken });
  const responses = new ResponsesApi(() => script);
  const calls = new WebRtcCalls(sessionDeps);

  const admit = admitter(credentials, faults);
  const websocket = new WebSocketRealtime(admit, sessionDeps, faults);
  const routes: Record<
    string,
    {
      route: Route;
      acceptsClientSecrets: boolean;
      run: (req: IncomingMessage, res: ServerResponse, body: string, admitted: Admitted) => Promise<void>;
    }
  > = {
    'POST /v1/realtime/client_secrets': {
      route: 'client_secrets',
      acceptsClientSecrets: false,
      run: async (_req, res, body, { fault }) =>
        sendJson(
          res,
          200,
          mintClientSecret(body, credentials, fault.expiredSecrets, (model) => gateModel(faults, 'client_secrets', model)),
        ),
    },
    'POST /v1/realtime/calls': {
      route: 'calls',
      acceptsClientSecrets: true,
      run: async (req, res, body, { fault, credential }) => {
        const model = new URL(req.url ?? '/', 'http://x').searchParams.get('model');
        if (model) gateModel(faults, 'calls', model);
        const answer = await calls.answer(body, req.headers['content-type'], credential, model, fault.refuseSdp);
        res.writeHead(201, { 'Content-Type': 'application/sdp', Location: `/v1/realtime/calls/${answer.callId}` });
        res.end(answer.sdp);
      },
    },
    'POST /v1/responses': {
      route: 'responses',
      acceptsClientSecrets: false,
      run: async (_req, res, body) => {
        const request = parseJsonBody(body);
        if (typeof request['model'] === 'string') gateModel(faults, 'responses', request['model']);
        await responses.handle(request, res, faults.take('responses', 'response'), deltaIntervalMs);
      },
    },
    'POST /v1/audio/speech': {
      route: 'speech',
      acceptsClientSecrets: false,
      run: async (_req, res, body) => answerSpeech(parseJsonBody(body), res, speech, spoken),
    },
    'GET /v1/models': {
      route: 'models',
      acceptsClientSecrets: false,
      run: async (_req, res) => sendJson(res, 200, listModels()),
    },
  };

  const server = createServer((req, res) => {
    applyCors(req, res);
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    const entry: Parameters<ReceivedLog['recordHttp']>[0] = {
      at: Date.now(),
      method: req.method ?? 'GET',
      path: req.url ?? '/',
      headers: req.headers,
      body: undefined,
    };
    res.on('finish', () => (entry.status = res.statusCode));
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    // `GET /v1/models/{id}` is the one route with a parameter.
    const modelId = req.method === 'GET' && path.startsWith('/v1/models/') ? decodeURIComponent(path.slice('/v1/models/'.length)) : undefined;
    const handler =
      modelId !== undefined
        ? {
            route: 'models' as const,
            acceptsClientSecrets: false,
            run: async (_req: IncomingMessage, res: ServerResponse) => sendJson(res, 200, retrieveModel(modelId)),
          }
        : routes[`${req.method} ${path}`];
    readBody(req)
      .then(async (body) => {
        entry.body = parseForLog(body);
        received.recordHttp(entry);
        if (!handler) {
          const known = Object.keys(routes).some((key) => key.endsWith(` ${path}`));
          throw new ApiError(known ? 405 : 404, known ? 'method_not_allowed' : 'unknown_url', `Invalid URL (${req.method} ${path})`);
        }
        await handler.run(req, res, body, await admit(handler.route, bearerToken(req.headers.authorization), handler.acceptsClientSecrets));
      })
      .catch((error: unknown) => {
        if (error instanceof ApiError) return sendApiError(res, error);
        console.error(`fake-openai: ${req.method} ${path} failed:`, error);
        sendApiError(res, new ApiError(500, 'server_error', `The fake server failed: ${(error as Error).message}`));
      });
  });
  server.on('upgrade', (req, socket, head) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\/+$/, '');
    received.recordHttp({ at: Date.now(), method: 'GET', path: req.url ?? '/', headers: req.headers, body: undefined });
    if (path !== '/v1/realtime') {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    websocket.upgrade(req, socket, head).catch((error: unknown) => {
      console.error('fake-openai: WebSocket upgrade failed:', error);
      socket.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://${host}:${port}`,
    port,
    received,
    faults,
    setScript: (next) => {
      script = parseScript(next, 'the new script');
    },
    expireClientSecrets: () => credentials.expireAll(),
    close: async () => {
      websocket.close();
      await calls.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function parseForLog(body: string): unknown {
  if (!body) return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
