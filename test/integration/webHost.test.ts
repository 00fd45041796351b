import { mkdir, writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MAX_IPC_MESSAGE_BYTES, startWebHost, type WebHost } from '../../src-main/hosts/web/webHost';
import { createTestServices, type TestServices } from '../support/testServices';
import { useTempDirs } from '../support/tempDir';

const makeDir = useTempDirs();
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start(hostLog: string[] = []): Promise<{ host: WebHost; services: TestServices }> {
  const dir = await makeDir();
  const rendererDir = join(dir, 'renderer');
  await mkdir(rendererDir);
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>wb</title>');
  const services = await createTestServices(dir);
  host = await startWebHost({
    port: 0,
    rendererDir,
    dispatch: services.dispatch,
    push: services.push,
    connectOrigins: () => ['https://api.openai.com'],
    log: (line) => hostLog.push(line),
  });
  return { host, services };
}

/** A raw HTTP GET, so the test controls the Host and Origin headers exactly as an attacker could. */
function get(
  port: number,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, path, headers, setHost: false }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

function openSocket(url: string, headers: Record<string, string>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('open', () => resolve(socket));
    socket.once('unexpected-response', (_req, res) => reject(new Error(`refused with ${res.statusCode}`)));
    socket.once('error', reject);
  });
}

describe('the web host', () => {
  it('prints a URL on 127.0.0.1 with a random token', async () => {
    const { host } = await start();
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{32}$/);
  });

  it('serves the renderer with the token, sets the session cookie and a CSP', async () => {
    const { host } = await start();
    const response = await get(host.port, `/?token=${host.token}`, { host: `127.0.0.1:${host.port}` });
    expect(response.status).toBe(200);
    expect(response.body).toContain('<title>wb</title>');
    expect(String(response.headers['set-cookie'])).toBe(`workbench_token=${host.token}; Path=/; HttpOnly; SameSite=Strict`);
    expect(String(response.headers['content-security-policy'])).toContain("default-src 'none'");
  });

  it.each([
    ['a missing token', (h: WebHost) => ({ path: '/', headers: { host: `127.0.0.1:${h.port}` } }), 403],
    ['a wrong token', (h: WebHost) => ({ path: `/?token=${h.token.slice(1)}x`, headers: { host: `127.0.0.1:${h.port}` } }), 403],
    [
      'a foreign Origin',
      (h: WebHost) => ({ path: `/?token=${h.token}`, headers: { host: `127.0.0.1:${h.port}`, origin: 'https://evil.example' } }),
      403,
    ],
    ['a foreign Host (DNS rebinding)', (h: WebHost) => ({ path: `/?token=${h.token}`, headers: { host: `evil.example:${h.port}` } }), 421],
  ])('refuses a page request with %s', async (_label, build, status) => {
    const { host } = await start();
    const { path, headers } = build(host);
    const response = await get(host.port, path, headers);
    expect(response.status).toBe(status);
    expect(response.body).toMatch(/^Refused:/);
  });

  it.each([
    ['a missing token', (h: WebHost) => ({ url: `ws://127.0.0.1:${h.port}/ipc`, headers: {} })],
    ['a wrong token', (h: WebHost) => ({ url: `ws://127.0.0.1:${h.port}/ipc?token=nope`, headers: {} })],
    ['a foreign Origin', (h: WebHost) => ({ url: `ws://127.0.0.1:${h.port}/ipc?token=${h.token}`, headers: { origin: 'https://evil.example' } })],
    ['a foreign Host', (h: WebHost) => ({ url: `ws://127.0.0.1:${h.port}/ipc?token=${h.token}`, headers: { host: `rebound.example:${h.port}` } })],
  ])('refuses a socket with %s', async (_label, build) => {
    const { host } = await start();
    const { url, headers } = build(host);
    await expect(openSocket(url, headers)).rejects.toThrow(/refused with 4\d\d/);
  });

  it('carries the contract over the socket: a call, a typed error and a push', async () => {
    const { host } = await start();
    const socket = await openSocket(`ws://127.0.0.1:${host.port}/ipc`, {
      origin: `http://127.0.0.1:${host.port}`,
      cookie: `workbench_token=${host.token}`,
    });
    const messages: { type: string; id?: number; channel?: string; envelope?: unknown; payload?: unknown }[] = [];
    const arrived = (predicate: (message: (typeof messages)[number]) => boolean) =>
      new Promise<(typeof messages)[number]>((resolve) => {
        const check = () => {
          const found = messages.find(predicate);
          if (found) resolve(found);
          else socket.once('message', check);
        };
        check();
      });
    socket.on('message', (data) => messages.push(JSON.parse(String(data))));
    socket.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'settings:set', request: { voice: 'verse' } }));
    socket.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'settings:set', request: { theme: 'neon' } }));
    expect(await arrived((m) => m.id === 1)).toMatchObject({ envelope: { ok: true, value: { voice: 'verse' } } });
    expect(await arrived((m) => m.id === 2)).toMatchObject({ envelope: { ok: false, error: { code: 'invalid_request', field: 'theme' } } });
    expect(await arrived((m) => m.type === 'push')).toMatchObject({ channel: 'settings:changed', payload: { voice: 'verse' } });
    socket.close();
  });

  it('answers a message that is not a contract call with a typed error and keeps the connection', async () => {
    const { host } = await start();
    const socket = await openClient(host);
    expect(await call(socket, '{"hello": "there"}')).toMatchObject({
      id: null,
      envelope: { ok: false, error: { code: 'invalid_request', field: 'type', message: expect.stringMatching(/malformed call/) } },
    });
    expect(await call(socket, '{"type":"invoke","id":7,"channel":42}')).toMatchObject({
      id: 7,
      envelope: { ok: false, error: { code: 'invalid_request', field: 'channel' } },
    });
    expect(await call(socket, 'not json at all')).toMatchObject({
      envelope: { ok: false, error: { code: 'invalid_request', message: expect.stringMatching(/not JSON/) } },
    });
    expect(await call(socket, JSON.stringify({ type: 'invoke', id: 8, channel: 'app:info' }))).toMatchObject({
      id: 8,
      envelope: { ok: true, value: { host: 'web' } },
    });
    socket.close();
  });

  it('takes a 5 MiB frame as an ordinary (refused) message and goes on serving that connection', async () => {
    const { host } = await start();
    const socket = await openClient(host);
    const fiveMiB = JSON.stringify({ type: 'invoke', id: 1, channel: 'key:set', request: { apiKey: 'x'.repeat(5 * 1024 * 1024) } });
    expect(await call(socket, fiveMiB)).toMatchObject({ id: 1, envelope: { ok: false, error: { code: 'invalid_request', field: 'apiKey' } } });
    expect(await call(socket, JSON.stringify({ type: 'invoke', id: 2, channel: 'app:info' }))).toMatchObject({ id: 2, envelope: { ok: true } });
    socket.close();
  });

  it.each([
    ['a frame larger than the 8 MiB limit', () => 'x'.repeat(MAX_IPC_MESSAGE_BYTES + 1024 * 1024), 1009, 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'],
    ['a text frame that is not UTF-8', () => Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 1007, 'WS_ERR_INVALID_UTF8'],
  ])('closes only the connection that sent %s, logs it, and keeps serving the others', async (_label, frame, code, reason) => {
    const hostLog: string[] = [];
    const { host } = await start(hostLog);
    const bystander = await openClient(host);
    const offender = await openClient(host);
    offender.on('error', () => undefined);
    const closed = new Promise<number>((resolve) => offender.once('close', (closeCode) => resolve(closeCode)));
    offender.send(frame(), { binary: false });
    expect(await closed).toBe(code);
    expect(hostLog).toEqual([expect.stringContaining(`Closed an /ipc connection (${reason})`)]);
    expect(await call(bystander, JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info' }))).toMatchObject({
      id: 1,
      envelope: { ok: true, value: { host: 'web' } },
    });
    const newcomer = await openClient(host);
    expect(await call(newcomer, JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info' }))).toMatchObject({ envelope: { ok: true } });
    bystander.close();
    newcomer.close();
  });
});

function openClient(host: WebHost): Promise<WebSocket> {
  return openSocket(`ws://127.0.0.1:${host.port}/ipc`, { origin: `http://127.0.0.1:${host.port}`, cookie: `workbench_token=${host.token}` });
}

/** Sends one raw frame and resolves with the next result message. */
function call(socket: WebSocket, frame: string): Promise<{ type: string; id: number | null; envelope: unknown }> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const message = JSON.parse(String(data)) as { type: string; id: number | null; envelope: unknown };
      if (message.type !== 'result') return;
      socket.off('message', onMessage);
      resolve(message);
    };
    socket.on('message', onMessage);
    socket.send(frame);
  });
}
