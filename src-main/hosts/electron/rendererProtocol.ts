import { pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { buildContentSecurityPolicy } from '../../security/contentSecurityPolicy';
import { resolveStaticPath } from '../../security/staticPath';

const APP_SCHEME = 'app';
const APP_HOST = 'workbench';

/** Must run before the app is ready: app:// behaves like https (secure context, fetch, storage). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves the built renderer on app://workbench with the app's CSP on every response. */
export function serveRenderer(rendererDir: string, connectOrigins: () => readonly string[]): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== APP_HOST) return new Response('Not found.', { status: 404 });
    const resolved = await resolveStaticPath(rendererDir, url.pathname);
    if (!resolved.ok) return new Response(`Not found: ${resolved.reason}.`, { status: 404 });
    const response = await net.fetch(pathToFileURL(resolved.file).href);
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', buildContentSecurityPolicy(connectOrigins()));
    return new Response(response.body, { status: response.status, headers });
  });
}
